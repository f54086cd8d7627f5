#!/usr/bin/env bash
# Freeze the text of every document in Tests/Fixtures/kinds (rendered by scripts/render-kinds.py)
# the way the daemon reads it, for the fast extraction tests (KindsCorpusTests):
#   Tests/InvoiceExtractionTests/Corpus/kinds/NAME.txt   the text, never edited by hand
#   Tests/InvoiceExtractionTests/Corpus/kinds/NAME.json  a copy of the expected fields
#   Tests/InvoiceExtractionTests/Corpus/kinds/README.md  how each text was read, with tool versions
#
# How a document is read (as the daemon does, without its image preparation):
#   - a PDF whose text layer has at least 40 letters: pdftotext -layout -enc UTF-8;
#   - anything else (images, and PDFs without such a layer, rendered with pdftoppm -r 300 -gray):
#     OMP_THREAD_LIMIT=1 tesseract IMG - -l vie, and when less than 40 % of the words of two or
#     more letters carry a diacritic or đ (Sources/OCR/VietnameseText.swift), tesseract -l eng
#     instead.
# This is only the frozen text of the fast corpus; the real chain (Leptonica preparation,
# word boxes, second readings) is measured separately on the documents themselves.
#
# Needs: tesseract 5 with vie and eng, poppler-utils (pdftotext, pdftoppm), python3.
# Usage (from anywhere):
#   scripts/ocr-kinds.sh               # every document; removes corpus files of deleted documents
#   scripts/ocr-kinds.sh NAME [NAME..] # only these (README.md is then left as it was)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/Tests/Fixtures/kinds"
dst="$root/Tests/InvoiceExtractionTests/Corpus/kinds"
# libgomp reads this when tesseract starts: one thread per process is ~4x faster here.
export OMP_THREAD_LIMIT=1

for tool in tesseract pdftotext pdftoppm python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
mkdir -p "$dst"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Letters in a text (stdin).
letters() {
  python3 -c 'import sys; print(sum(ch.isalpha() for ch in sys.stdin.read()))'
}

# Share (0..1) of the words of two or more letters that carry a diacritic or đ, the rule of
# Sources/OCR/VietnameseText.swift; prints 0 for a text without words.
vietnamese_share() {
  python3 -c '
import sys, unicodedata
words = marked = 0
cur = []
def flush():
    global words, marked
    if len(cur) >= 2:
        words += 1
        if any(c in "đĐ" or len(unicodedata.normalize("NFD", c)) > 1 for c in cur):
            marked += 1
    cur.clear()
for ch in sys.stdin.read() + " ":
    if ch.isalpha():
        cur.append(ch)
    else:
        flush()
print(f"{marked / words:.2f}" if words else "0")'
}

# OCR one image into $2; sets $how.
ocr_image() {
  local img=$1 out=$2 share
  if ! tesseract "$img" - -l vie >"$out" 2>"$tmp/err"; then cat "$tmp/err" >&2; exit 1; fi
  share=$(vietnamese_share <"$out")
  if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 0.4 else 1)" "$share"; then
    how="tesseract vie (share $share)"
  else
    if ! tesseract "$img" - -l eng >"$out" 2>"$tmp/err"; then cat "$tmp/err" >&2; exit 1; fi
    how="tesseract eng (vie share $share)"
  fi
}

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in "$src"/*.pdf "$src"/*.png "$src"/*.jpg; do
    [ -e "$f" ] || continue
    b=$(basename "$f"); names+=("${b%.*}")
  done
  mapfile -t names < <(printf '%s\n' "${names[@]}" | sort)
fi

manifest="$tmp/manifest"
: >"$manifest"
for name in "${names[@]}"; do
  file=""
  for ext in pdf png jpg; do
    [ -f "$src/$name.$ext" ] && file="$src/$name.$ext"
  done
  [ -n "$file" ] || { echo "no such document: $src/$name.{pdf,png,jpg}" >&2; exit 1; }
  start=$(date +%s%N)
  out="$dst/$name.txt.tmp"
  case "$file" in
    *.pdf)
      pdftotext -layout -enc UTF-8 "$file" "$out"
      if [ "$(letters <"$out")" -ge 40 ]; then
        how="pdftotext -layout"
      else
        rm -f "$tmp"/page*.png
        pdftoppm -r 300 -gray -png "$file" "$tmp/page"
        : >"$out"
        for page in "$tmp"/page*.png; do
          ocr_image "$page" "$tmp/page.txt"
          cat "$tmp/page.txt" >>"$out"
          printf '\f' >>"$out"
        done
        how="no text layer; pdftoppm 300 dpi, $how"
      fi
      ;;
    *)
      ocr_image "$file" "$out"
      ;;
  esac
  mv "$out" "$dst/$name.txt"
  cp "$src/$name.json" "$dst/$name.json"
  printf '| `%s` | `%s` | %s |\n' "$name" "$(basename "$file")" "$how" >>"$manifest"
  printf '%-34s %6d ms  %s\n' "$name" $(( ($(date +%s%N) - start) / 1000000 )) "$how"
done

if [ $# -gt 0 ]; then
  exit 0
fi

for f in "$dst"/*.txt "$dst"/*.json; do
  [ -e "$f" ] || continue
  base=$(basename "$f"); base=${base%.*}
  [ -f "$src/$base.json" ] || { echo "removing stale $f"; rm -f "$f"; }
done

{
  cat <<README
# Kinds corpus: the frozen text of Tests/Fixtures/kinds

\`NAME.txt\` is the text of \`Tests/Fixtures/kinds/NAME.{pdf,png,jpg}\` as
\`scripts/ocr-kinds.sh\` read it, the way the daemon reads a document but
without its image preparation: a PDF with a text layer of at least 40 letters
through \`pdftotext -layout -enc UTF-8\`; anything else through
\`OMP_THREAD_LIMIT=1 tesseract IMG - -l vie\`, or \`-l eng\` instead when under
40 % of the words (two letters or more) carry a diacritic or đ (the rule of
\`Sources/OCR/VietnameseText.swift\`). \`NAME.json\` is a copy of the expected
fields (keys in \`Tests/Fixtures/kinds/README.md\`).

The text is exactly what the tools produced; damaged digits, lost diacritics
and stray characters are the point, not mistakes to fix by hand. It is only
the fast extraction corpus (\`swift test --filter KindsCorpusTests\`); the real
chain is measured separately on the documents themselves. Regenerate with
\`scripts/ocr-kinds.sh\` after \`python3 scripts/render-kinds.py\`.

Tools: $(tesseract --version 2>&1 | head -n 1) (Debian's vie and eng traineddata, default page
segmentation); $(pdftotext -v 2>&1 | head -n 1).

| document | file | read with |
|---|---|---|
README
  cat "$manifest"
} >"$dst/README.md"
echo "wrote $dst/README.md"
