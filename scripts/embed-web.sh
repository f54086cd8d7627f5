#!/usr/bin/env bash
# Writes Sources/API/Web/WebFiles.swift from the files of web/ (the workspace's HTML, CSS and
# JavaScript modules), so that the binary serves them at / and /assets/ without SwiftPM
# resources (`make install` copies only binaries). Run it after every edit under web/:
# WebFilesTests fails while the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."

source=web
target=Sources/API/Web/WebFiles.swift

# One flat folder: a module's relative imports ('./api.js') then resolve to /assets/<version>/.
if find "$source" -mindepth 1 -not -type f | grep -q .; then
  echo "$source must hold files only, no folders or links" >&2
  exit 1
fi
for file in "$source"/*; do
  name=$(basename "$file")
  if ! [[ "$name" =~ ^[a-z0-9][a-z0-9.-]*\.(html|css|js|svg)$ ]]; then
    echo "$file: names are lower-case letters, digits, '.' and '-', ending .html, .css, .js or .svg" >&2
    exit 1
  fi
  # A raw string literal #"""...."""# holds the text as it is, unless the text itself closes
  # it or starts an interpolation; Swift also turns CR LF into LF in such a literal.
  if grep -q -e '"""#' -e '\\#' "$file"; then
    echo "$file contains \"\"\"# or \\#, which would end or interpolate the Swift raw string" >&2
    exit 1
  fi
  if grep -q $'\r' "$file"; then
    echo "$file has CR line ends; Swift would turn them into LF" >&2
    exit 1
  fi
  if ! iconv -f UTF-8 -t UTF-8 "$file" > /dev/null 2>&1; then
    echo "$file is not UTF-8" >&2
    exit 1
  fi
done

{
  echo '// Written by scripts/embed-web.sh from web/: edit the files there and run the script.'
  echo ''
  echo '/// The web workspace'"'"'s files, served by `WebController`.'
  echo 'enum WebFiles {'
  echo '    /// Every file of web/ by its name, byte for byte.'
  echo '    static let byName: [String: String] = ['
  for file in "$source"/*; do
    echo "        \"$(basename "$file")\": #\"\"\""
    cat "$file"
    # The line break before the closing delimiter is not part of the string; this empty line
    # keeps the file's final line break in it.
    echo ''
    echo '"""#,'
  done
  echo '    ]'
  echo '}'
} > "$target.tmp"
mv "$target.tmp" "$target"
echo "wrote $target"
