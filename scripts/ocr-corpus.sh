#!/usr/bin/env bash
# Rebuild the OCR text corpus used by the InvoiceExtraction tests.
#
# For every Tests/Fixtures/invoices/NAME.png (rendered by scripts/render-fixtures.py)
# this runs the real Tesseract, one file at a time and single-threaded, and writes
#   Tests/InvoiceExtractionTests/Corpus/ocr/NAME.txt   the raw OCR text, never edited by hand
#   Tests/InvoiceExtractionTests/Corpus/ocr/NAME.json  a copy of the expected fields
# plus a README.md recording the Tesseract version that produced the text.
#
# Needs: tesseract 5 with the vie and eng traineddata (Debian: tesseract-ocr,
# tesseract-ocr-vie, tesseract-ocr-eng).
#
# Usage (from anywhere):
#   scripts/ocr-corpus.sh               # every fixture; removes corpus files of deleted fixtures
#   scripts/ocr-corpus.sh NAME [NAME..] # only these fixtures
# Environment: OCR_LANGS (default vie+eng).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/Tests/Fixtures/invoices"
dst="$root/Tests/InvoiceExtractionTests/Corpus/ocr"
langs=${OCR_LANGS:-vie+eng}
# libgomp reads this when tesseract starts: one thread per process is ~4x faster here.
export OMP_THREAD_LIMIT=1

command -v tesseract >/dev/null || { echo "tesseract is not installed" >&2; exit 1; }
mkdir -p "$dst"

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for png in "$src"/*.png; do names+=("$(basename "$png" .png)"); done
fi

for name in "${names[@]}"; do
  png="$src/$name.png"
  [ -f "$png" ] || { echo "no such fixture: $png" >&2; exit 1; }
  start=$(date +%s%N)
  # stderr only carries "Estimating resolution ..." notes; show it when tesseract fails.
  if ! tesseract "$png" - -l "$langs" >"$dst/$name.txt.tmp" 2>"$dst/$name.err"; then
    cat "$dst/$name.err" >&2
    rm -f "$dst/$name.txt.tmp" "$dst/$name.err"
    exit 1
  fi
  rm -f "$dst/$name.err"
  mv "$dst/$name.txt.tmp" "$dst/$name.txt"
  cp "$src/$name.json" "$dst/$name.json"
  printf '%-22s %6d ms %6d bytes\n' "$name" $(( ($(date +%s%N) - start) / 1000000 )) "$(wc -c <"$dst/$name.txt")"
done

if [ $# -eq 0 ]; then
  for f in "$dst"/*.txt "$dst"/*.json; do
    [ -e "$f" ] || continue
    base=$(basename "$f"); base=${base%.*}
    [ -f "$src/$base.png" ] || { echo "removing stale $f"; rm -f "$f"; }
  done
fi

version=$(tesseract --version 2>&1 | head -n 1)
cat >"$dst/README.md" <<README
# OCR corpus

\`NAME.txt\` is the raw output of \`OMP_THREAD_LIMIT=1 tesseract NAME.png - -l $langs\`
($version, Debian's vie/eng traineddata, default page segmentation) over
\`Tests/Fixtures/invoices/NAME.png\`; \`NAME.json\` is a copy of that fixture's
expected fields (keys explained in \`Tests/Fixtures/invoices/README.md\`).

The text is exactly what Tesseract produced: lost diacritics on bold
headings, damaged digits and stray characters are the point, not mistakes to
fix by hand. Regenerate with \`scripts/ocr-corpus.sh\` after
\`python3 scripts/render-fixtures.py\`.
README
