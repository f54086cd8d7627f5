#!/usr/bin/env python3
"""Writes the module graph of docs/ARCHITECTURE.md from the code, so that it cannot drift.

The part between the BEGIN/END markers of docs/ARCHITECTURE.md is generated from:
  - the `import` lines of Sources/<Module>/**/*.swift (who imports whom: what the code uses);
  - Package.swift's targets and their dependencies (which packages each module may use,
    and which project modules it declares).

It also checks the hand-written "## Modules" list of the same file: every folder of Sources/
has exactly one entry (a line starting with "- `Name/`"), and no entry names a module that
is gone.

    python3 scripts/architecture.py           # rewrite the generated part
    python3 scripts/architecture.py --check   # exit 1, with a diff, when it is stale

ArchitectureMapTests (Tests/InvoiceDaemonTests) runs --check, so a module or an import
added without running this script fails the tests. Standard library only.
"""

import argparse
import difflib
import os
import re
import sys

BEGIN = ("<!-- BEGIN module graph: written by scripts/architecture.py from the imports and Package.swift;"
         " do not edit by hand, run the script -->")
END = "<!-- END module graph -->"

TARGET_CALLS = ("target", "executableTarget", "testTarget", "systemLibrary")

IMPORT_LINE = re.compile(
    r"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?"
    r"([A-Za-z_][A-Za-z0-9_]*)"
)


class MapError(Exception):
    """Something the map cannot be written from; the message says what to fix."""


# MARK: - Package.swift


def strip_comments(text):
    """Swift source without // and /* */ comments; string literals are kept as they are
    (a URL's "//" is not a comment)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def closing_paren(text, open_index):
    """Index of the parenthesis or bracket that closes the one at `open_index`."""
    pairs = {"(": ")", "[": "]"}
    stack = []
    i = open_index
    while i < len(text):
        c = text[i]
        if c == '"':
            i = text.index('"', i + 1) + 1
            continue
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return i
        i += 1
    raise MapError("Package.swift: unbalanced brackets")


def read_targets(root):
    """{name: {"kind", "path", "local", "products"}} for the targets of `let package = Package(...)`.
    Targets added later under a condition (the libFuzzer targets) are not part of it."""
    text = strip_comments(open(os.path.join(root, "Package.swift"), encoding="utf-8").read())
    start = text.find("let package = Package(")
    if start < 0:
        raise MapError("Package.swift: no `let package = Package(`")
    open_index = text.index("(", start)
    body = text[open_index:closing_paren(text, open_index) + 1]
    targets = {}
    for match in re.finditer(r"\.(%s)\(" % "|".join(TARGET_CALLS), body):
        call = body[match.end() - 1:closing_paren(body, match.end() - 1) + 1]
        name = re.search(r'name:\s*"([^"]+)"', call)
        if not name:
            raise MapError("Package.swift: a .%s without a name" % match.group(1))
        path = re.search(r'path:\s*"([^"]+)"', call)
        local, products = set(), set()
        deps = re.search(r"dependencies:\s*\[", call)
        if deps:
            deps_list = call[deps.end() - 1:closing_paren(call, deps.end() - 1) + 1]
            for product in re.finditer(r'\.product\(\s*name:\s*"([^"]+)"', deps_list):
                products.add(product.group(1))
            without_products = re.sub(r"\.product\([^)]*\)", "", deps_list)
            for dep in re.finditer(r'(?:\.(?:target|byName)\(\s*name:\s*)?"([^"]+)"', without_products):
                local.add(dep.group(1))
        targets[name.group(1)] = {
            "kind": match.group(1),
            "path": path.group(1) if path else None,
            "local": local,
            "products": products,
        }
    return targets


# MARK: - Imports


def imports_of(folder):
    """The module names imported by the .swift files below `folder`. Lines inside
    multi-line string literals (an embedded document, a test's Swift snippet) are skipped."""
    found = set()
    for directory, subdirs, files in os.walk(folder):
        subdirs.sort()
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            in_string = False
            for line in open(os.path.join(directory, file), encoding="utf-8"):
                if not in_string:
                    match = IMPORT_LINE.match(line)
                    if match:
                        found.add(match.group(1))
                if line.count('"""') % 2 == 1:
                    in_string = not in_string
    return found


def has_files(folder, suffixes):
    for _, _, files in os.walk(folder):
        if any(f.endswith(suffixes) for f in files):
            return True
    return False


# MARK: - The map


def collect(root):
    targets = read_targets(root)
    sources = os.path.join(root, "Sources")
    modules = sorted(d for d in os.listdir(sources) if os.path.isdir(os.path.join(sources, d)))
    for module in modules:
        if module not in targets:
            raise MapError("Sources/%s/ is not a target of Package.swift" % module)
    project = set(modules)

    def kind(module):
        t = targets[module]
        if t["kind"] == "systemLibrary":
            return "C library (system)"
        if t["kind"] == "executableTarget":
            return "executable"
        if has_files(os.path.join(sources, module), (".c", ".h")) and not has_files(os.path.join(sources, module), (".swift",)):
            return "C"
        return "library"

    graph = {}
    for module in modules:
        graph[module] = sorted(imports_of(os.path.join(sources, module)) & project - {module})
    return targets, modules, graph, kind


def layers(graph):
    """Layer of each module: 0 for one that imports no project module, else one above the
    highest it imports. A cycle is an error (SwiftPM refuses one too)."""
    layer, visiting = {}, []

    def visit(module):
        if module in layer:
            return layer[module]
        if module in visiting:
            cycle = visiting[visiting.index(module):] + [module]
            raise MapError("import cycle: " + " -> ".join(cycle))
        visiting.append(module)
        layer[module] = 1 + max((visit(m) for m in graph[module]), default=-1)
        visiting.pop()
        return layer[module]

    for module in graph:
        visit(module)
    return layer


def names(items):
    return ", ".join(items) if items else "-"


def generate(root):
    targets, modules, graph, kind = collect(root)
    layer = layers(graph)
    importers = {m: sorted(o for o in modules if m in graph[o]) for m in modules}
    lines = [BEGIN, ""]
    lines.append("| Module | Kind | Imports (project) | Imported by | Packages (Package.swift) |")
    lines.append("|---|---|---|---|---|")
    for module in sorted(modules, key=lambda m: (-layer[m], m)):
        lines.append("| `%s` | %s | %s | %s | %s |" % (
            module, kind(module), names(graph[module]), names(importers[module]),
            names(sorted(targets[module]["products"]))))
    lines.append("")
    lines.append("Layers: a module imports only modules of lower layers.")
    lines.append("")
    lines.append("```")
    for level in range(max(layer.values()), -1, -1):
        lines.append("%d  %s" % (level, ", ".join(sorted(m for m in modules if layer[m] == level))))
    lines.append("```")
    lines.append("")
    lines.append("```mermaid")
    lines.append("graph TD")
    for module in sorted(modules, key=lambda m: (-layer[m], m)):
        for imported in graph[module]:
            lines.append("  %s --> %s" % (mermaid_id(module), mermaid_id(imported)))
    lines.append("```")
    lines.append("")

    undeclared = ["%s imports %s" % (m, ", ".join(sorted(set(graph[m]) - targets[m]["local"])))
                  for m in modules if set(graph[m]) - targets[m]["local"]]
    unused = ["%s declares %s" % (m, ", ".join(sorted(targets[m]["local"] - set(graph[m]))))
              for m in modules if targets[m]["local"] - set(graph[m])]
    lines.append("Imported without being declared in Package.swift (reached through another dependency): %s."
                 % ("; ".join(undeclared) if undeclared else "none"))
    lines.append("")
    lines.append("Declared in Package.swift but not imported: %s."
                 % ("; ".join(unused) if unused else "none"))
    lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n", modules


def mermaid_id(module):
    # Mermaid node ids cannot contain '-' (invoiced-bench); the label keeps the real name.
    return module if "-" not in module else '%s["%s"]' % (module.replace("-", "_"), module)


def split_doc(text, doc):
    begin, end = text.find(BEGIN), text.find(END)
    if begin < 0 or end < begin:
        raise MapError("%s has no generated part: put a line\n%s\nand a line\n%s\nwhere it goes" % (doc, BEGIN, END))
    end += len(END)
    if text[end:end + 1] == "\n":
        end += 1
    return text[:begin], text[begin:end], text[end:]


def described_modules(text):
    """Modules named by the hand-written "## Modules" list: lines starting with "- `Name/`"."""
    section = re.search(r"^## Modules\n(.*?)(?=^## )", text, re.S | re.M)
    if not section:
        return None
    return re.findall(r"^- `([^`/]+)/`", section.group(1), re.M)


def check_descriptions(text, modules, doc):
    described = described_modules(text)
    if described is None:
        return ["%s has no \"## Modules\" section" % doc]
    problems = []
    for module in modules:
        count = described.count(module)
        if count == 0:
            problems.append("Sources/%s/ is not described: add a line \"- `%s/` ...\" to the Modules list of %s"
                            % (module, module, doc))
        elif count > 1:
            problems.append("Sources/%s/ is described %d times in the Modules list of %s" % (module, count, doc))
    for gone in sorted(set(described) - set(modules)):
        problems.append("the Modules list of %s describes `%s/`, which is not in Sources/" % (doc, gone))
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Write (or --check) the module graph of docs/ARCHITECTURE.md.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from what would be written")
    parser.add_argument("--root", default=os.path.dirname(here), help="the repository (default: this script's)")
    parser.add_argument("--doc", help="the file to write or check (default: ROOT/docs/ARCHITECTURE.md)")
    args = parser.parse_args()
    doc = args.doc or os.path.join(args.root, "docs", "ARCHITECTURE.md")
    shown = os.path.relpath(doc, args.root) if not args.doc else doc
    try:
        text = open(doc, encoding="utf-8").read()
        head, old, tail = split_doc(text, shown)
        new, modules = generate(args.root)
    except (MapError, OSError) as error:
        print("architecture.py: %s" % error, file=sys.stderr)
        return 2
    problems = check_descriptions(text, modules, shown)
    if args.check:
        if old != new:
            sys.stderr.writelines(difflib.unified_diff(
                old.splitlines(True), new.splitlines(True), shown + " (committed)", shown + " (from the code)"))
            problems.insert(0, "%s's module graph is out of date with the imports and Package.swift: "
                               "run `python3 scripts/architecture.py` and commit the result" % shown)
    elif old != new:
        with open(doc + ".tmp", "w", encoding="utf-8") as out:
            out.write(head + new + tail)
        os.replace(doc + ".tmp", doc)
        print("wrote the module graph of %s" % shown)
    for problem in problems:
        print("architecture.py: %s" % problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
