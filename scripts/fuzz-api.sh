#!/usr/bin/env bash
# Fuzzes the HTTP API of a live daemon with schemathesis against docs/openapi.json: every
# operation, every documented status, no 5xx, responses that match the document.
#
#   scripts/fuzz-api.sh --short   # about a minute: the end of `make test`
#   scripts/fuzz-api.sh           # the long run of `make fuzz` (FUZZ_MAX_TIME seconds, 1800)
#   scripts/fuzz-api.sh [--short] --seed N ...   # more options for `schemathesis run`
#
# The daemon is the debug binary `swift build` made (INVOICED_BINARY to use another), on its
# own temp inbox and data folder, with a TCP listener on a free loopback port and no chat key
# (see scripts/schemathesis.toml for what that means for POST /chat). It is seeded with real
# invoice scans first, so that invoices and jobs exist for the ids the fuzzer tries.
# Exits non-zero on any failure; the report is in .build/fuzz-api/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

mode=long
if [ "${1:-}" = --short ]; then mode=short; shift; fi
# Anything else goes to `schemathesis run` (e.g. --seed N, --include-name 'GET /api/search').
extra=("$@")

schemathesis=$root/.build/venv/bin/schemathesis
[ -x "$schemathesis" ] || { echo "no schemathesis in .build/venv: run scripts/install-deps.sh (make deps)" >&2; exit 1; }
binary=${INVOICED_BINARY:-$(swift build --show-bin-path)/invoiced}
[ -x "$binary" ] || { echo "no daemon binary at $binary: run swift build first" >&2; exit 1; }

work=$(mktemp -d /tmp/invoiced-fuzz-api.XXXXXX)
daemon_pid=""
stop_daemon() {
  if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill -TERM "$daemon_pid"
    # The daemon drains its workers within shutdown.grace; past 30 s something is wrong.
    for _ in $(seq 300); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$daemon_pid" 2>/dev/null && kill -KILL "$daemon_pid"
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_daemon EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
mkdir -p "$work/inbox" "$work/data"
log=$root/.build/fuzz-api/daemon.log
report=$root/.build/fuzz-api/$mode
rm -rf "$report"
mkdir -p "$report"

# A clean environment: no chat key, no config file, nothing systemd would set.
env -i PATH="$PATH" HOME="$work" LANG=C.UTF-8 INVOICED_INBOX_SETTLE_MS=200 \
  "$binary" --inbox "$work/inbox" --data-dir "$work/data" --http "127.0.0.1:$port" --workers 1 > "$log" 2>&1 &
daemon_pid=$!

# Waits until `$1` (a shell condition) holds, for at most `$2` seconds.
wait_for() {
  local deadline=$((SECONDS + $2))
  until eval "$1"; do
    kill -0 "$daemon_pid" 2>/dev/null || { echo "the daemon exited; its log:" >&2; cat "$log" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for: $1; daemon log: $log" >&2; exit 1; }
    sleep 0.2
  done
}
wait_for 'curl -sf "$base/healthz" > /dev/null' 60

# Seeds: two real scans (invoices 1 and 2) and a file that is no image (a failed job, which
# retry and delete act on). Done when nothing is queued or being read.
cp Tests/Fixtures/invoices/electricity-01.png Tests/Fixtures/invoices/vat-bilingual-01.png "$work/inbox/"
printf 'not an invoice\n' > "$work/inbox/notes.png"
finished() {
  curl -sf "$base/api/stats" | python3 -c '
import json, sys
s = json.load(sys.stdin)
sys.exit(0 if s["queued"] == 0 and s["processing"] == 0 and s["done"] + s["failed"] + s["duplicate"] >= 3 else 1)'
}
wait_for finished 180
echo "seeded: $(curl -sf "$base/api/stats")"

if [ "$mode" = short ]; then
  # About a minute on two shared cores: a few examples of every kind per operation.
  options=(--max-examples 8 --workers 1 --phases examples,coverage,fuzzing,stateful --max-time 60)
else
  options=(--max-examples 5000 --workers 2 --phases examples,coverage,fuzzing,stateful --max-time "${FUZZ_MAX_TIME:-1800}")
fi

# The document the daemon serves, as a file: given its own URL, schemathesis leaves out the
# operation that serves it (GET /openapi.json).
curl -sf "$base/openapi.json" -o "$report/openapi.json"

status=0
# In .build/fuzz-api: schemathesis and hypothesis keep their files in the current folder.
(cd "$root/.build/fuzz-api" && "$schemathesis" --config-file "$root/scripts/schemathesis.toml" run "$report/openapi.json" \
  --url "$base" "${options[@]}" --generation-database none --no-color ${extra[@]+"${extra[@]}"} \
  --report junit,ndjson --report-dir "$report") 2>&1 | tee "$report/output.txt" || status=$?
# A 5xx may also show only in the daemon's log (a handler that failed after answering).
if grep -q 'request failed' "$log"; then
  echo "the daemon logged failed requests (500s): see $log" >&2
  status=1
fi
echo "schemathesis report: $report (output.txt, junit.xml, ndjson); daemon log: $log"
exit $status
