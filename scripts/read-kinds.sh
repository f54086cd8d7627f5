#!/usr/bin/env bash
# Freeze the text of Tests/Fixtures/kinds as the daemon itself reads it.
#
# Runs the real `invoiced` binary (its page preparation, language choice and second
# reading included) on every fixture of Tests/Fixtures/kinds, and writes for each
#   Tests/InvoiceExtractionTests/Corpus/kinds/NAME.txt   the text of the job's result JSON (ocr.text)
#   Tests/InvoiceExtractionTests/Corpus/kinds/NAME.json  the fixture's expected fields, plus
#                                                        "ocr_confidence" (the result's mean, absent
#                                                        for a text layer) and "reading" (how each
#                                                        page was read), for the report
# so that KindsCorpusTests scores the extractor on the text users' documents really
# produce. scripts/ocr-kinds.sh makes the same corpus with the tesseract command instead
# (no preparation): compare the two to see what preparation is worth.
#
# Needs: a built binary (`swift build` first; BIN= to point elsewhere), python3.
# Usage: scripts/read-kinds.sh            (about 3-5 minutes on 2 cores)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/Tests/Fixtures/kinds"
dst="$root/Tests/InvoiceExtractionTests/Corpus/kinds"
bin=${BIN:-$root/.build/debug/invoiced}
[ -x "$bin" ] || { echo "no invoiced binary at $bin: run swift build first" >&2; exit 1; }

work=$(mktemp -d /tmp/read-kinds.XXXXXX)
daemon=""
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/inbox" "$work/data"

export OMP_THREAD_LIMIT=1
"$bin" --inbox "$work/inbox" --data-dir "$work/data" --http off --workers 2 >"$work/daemon.log" 2>&1 &
daemon=$!

# Wait for the socket: the daemon is up and watching.
for _ in $(seq 1 300); do
  [ -S "$work/data/invoiced.sock" ] && break
  kill -0 "$daemon" 2>/dev/null || { cat "$work/daemon.log" >&2; exit 1; }
  sleep 0.2
done
[ -S "$work/data/invoiced.sock" ] || { echo "the daemon did not start" >&2; cat "$work/daemon.log" >&2; exit 1; }

names=()
for f in "$src"/*.json; do
  name=$(basename "$f" .json)
  for ext in pdf png jpg; do
    if [ -f "$src/$name.$ext" ]; then
      cp "$src/$name.$ext" "$work/inbox/.$name.$ext.part"
      mv "$work/inbox/.$name.$ext.part" "$work/inbox/$name.$ext"
      names+=("$name")
    fi
  done
done
total=${#names[@]}
echo "reading $total documents with $bin"

# Every job ends as a result (done) or in failed/; wait for all, at most 20 minutes.
deadline=$(( $(date +%s) + 1200 ))
while :; do
  done_count=$(find "$work/data/results" -name '*.json' 2>/dev/null | wc -l)
  failed_count=$(find "$work/data/failed" -type f 2>/dev/null | wc -l)
  [ $((done_count + failed_count)) -ge "$total" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out: $done_count done, $failed_count failed of $total" >&2; exit 1; }
  kill -0 "$daemon" 2>/dev/null || { echo "the daemon died" >&2; tail -20 "$work/daemon.log" >&2; exit 1; }
  sleep 1
done
if [ "$failed_count" -gt 0 ]; then
  echo "failed jobs:" >&2; ls "$work/data/failed" >&2; exit 1
fi

python3 - "$work/data/results" "$src" "$dst" <<'PY'
import json, os, sys
results, src, dst = sys.argv[1:4]
os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(results)):
    result = json.load(open(os.path.join(results, name), encoding="utf-8"))
    base = os.path.splitext(result["source"]["filename"])[0]
    ocr = result["ocr"]
    with open(os.path.join(dst, base + ".txt"), "w", encoding="utf-8") as out:
        out.write(ocr["text"])
    expected = json.load(open(os.path.join(src, base + ".json"), encoding="utf-8"))
    pages = ocr.get("page_details") or []
    if any(p.get("method") == "ocr" for p in pages):
        expected["ocr_confidence"] = ocr.get("mean_confidence")
    else:
        expected.pop("ocr_confidence", None)
    expected["reading"] = [{k: v for k, v in p.items() if k in ("method", "languages", "preparation", "reading", "rotation")}
                           for p in pages]
    with open(os.path.join(dst, base + ".json"), "w", encoding="utf-8") as out:
        json.dump(expected, out, ensure_ascii=False, indent=2)
        out.write("\n")
    print(f"{base:34s} {pages[0].get('method', '?') if pages else '?':10s} conf {ocr.get('mean_confidence')}")
PY
