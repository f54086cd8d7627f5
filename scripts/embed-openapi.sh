#!/usr/bin/env bash
# Writes Sources/API/OpenAPIDocument.swift from docs/openapi.json, so that the binary serves
# the document at GET /openapi.json without SwiftPM resources (`make install` copies only
# binaries). Run it after every edit of docs/openapi.json: OpenAPIDocumentTests fails while
# the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."

source=docs/openapi.json
target=Sources/API/OpenAPIDocument.swift

python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$source"
# A raw string literal #"""...."""# holds the text as it is, unless the text itself closes it
# or starts an interpolation.
if grep -q -e '"""#' -e '\\#' "$source"; then
  echo "$source contains \"\"\"# or \\#, which would end or interpolate the Swift raw string" >&2
  exit 1
fi

{
  echo '// Written by scripts/embed-openapi.sh from docs/openapi.json: edit that file and run the script.'
  echo ''
  echo '/// The OpenAPI 3.1 document of every route, served at `GET /openapi.json`.'
  echo 'enum OpenAPIDocument {'
  echo '    /// docs/openapi.json, byte for byte.'
  echo '    static let json = #"""'
  cat "$source"
  # The line break before the closing delimiter is not part of the string; this empty line
  # keeps the file's final line break in it.
  echo ''
  echo '"""#'
  echo '}'
} > "$target.tmp"
mv "$target.tmp" "$target"
echo "wrote $target"
