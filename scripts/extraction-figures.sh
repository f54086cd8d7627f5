#!/usr/bin/env bash
# Runs the extraction corpus tests and copies their tables into docs/EXTRACTION.md (between
# "<!-- extraction figures -->" and "<!-- end extraction figures -->"), so the document states
# what was measured, not typed. Needs a debug build with tests (`swift build --build-tests`).
# Usage: scripts/extraction-figures.sh [DOC]   (make extraction-figures)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
doc=${1:-$root/docs/EXTRACTION.md}
log=$root/.build/extraction-figures.log
cd "$root"
swift test --skip-build --filter 'KindsCorpusTests|CorpusTests/corpusAccuracy|SharedSamplesTests' >"$log" 2>&1 || {
  grep -E '✘|error' "$log" >&2 || true
  echo "the extraction tests failed; figures not written (log: $log)" >&2
  exit 1
}
python3 - "$doc" "$log" <<'PY'
import datetime, re, sys
doc, log = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().splitlines()

def block(start, stop):
    """Lines from the first one matching `start` up to (not including) the first matching `stop`."""
    out, on = [], False
    for line in log:
        if not on and re.search(start, line):
            on = True
        elif on and re.search(stop, line):
            break
        if on:
            out.append(line)
    return out

kinds = block(r"^Kinds corpus:", r"^mismatches")
confident = [l for l in log if l.startswith("documents scored >= 0.9")]
corpus = block(r"^Corpus: \d+ documents", r"^documents scored")
samples = block(r"^invoice2data samples", r"^mismatches")
today = datetime.date.today().isoformat()
figures = [f"Run on {today} by `make extraction-figures` (scripts/extraction-figures.sh).", "",
           "**Documents of the kinds users send** (`KindsCorpusTests`, Corpus/kinds: the text the daemon read,",
           "scripts/read-kinds.sh):", "", "```"] + [l.rstrip() for l in kinds if l.strip()] + ["```", "",
           "**invoice2data's real born-digital invoices** (`SharedSamplesTests`, ../shared/samples, first page's text layer):",
           "", "```"] + [l.rstrip() for l in samples if l.strip()] + ["```", "",
           "**First-wave corpus** (`CorpusTests`: rendered fixtures through Tesseract, hand-made damage):", "", "```"] \
          + [l.rstrip() for l in corpus if l.strip()] + ["```", "",
           "Scored >= 0.9 and wrong somewhere (must be none): " + "; ".join(confident), ""]
text = open(doc, encoding="utf-8").read()
start = text.index("<!-- extraction figures -->")
start = text.index("\n", start) + 1
end = text.index("<!-- end extraction figures -->")
open(doc, "w", encoding="utf-8").write(text[:start] + "\n".join(figures) + "\n" + text[end:])
print(f"figures written to {doc}")
PY
