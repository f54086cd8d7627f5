#!/usr/bin/env bash
# Copies the figures of a full reliability run (`make reliability`) into the figures
# section of docs/RELIABILITY.md, so the document states what was measured, not typed.
# Usage: scripts/reliability-figures.sh LOG DOC
set -euo pipefail
log=$1 doc=$2
summary=$(grep -E '^(✔|✘) Test run with' "$log" | tail -1 || true)
{
  echo "Run on $(date -u +%Y-%m-%d) on $(nproc --all) cores ($(uname -m)), \`make reliability\`:"
  echo
  echo '```'
  grep -E '^(crash|burst|memory|nodes):' "$log" || true
  grep -E '^(✔|✘) Test (crash|random|burst|locked|full|memory|badInputs|threeNodes)' "$log" | sed 's/ after [0-9.]* seconds\././' || true
  echo "${summary:-no test summary found}"
  echo '```'
} > .build/figures.md
python3 - "$doc" .build/figures.md <<'PY'
import sys
doc, figures = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
start = text.index("<!-- figures:")
start = text.index("\n", start) + 1
end = text.index("<!-- end figures -->")
open(doc, "w").write(text[:start] + figures + text[end:])
PY
echo "figures written to $doc"
