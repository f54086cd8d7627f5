#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (docs/FUZZING.md) and runs each for a while, one
# after the other: the machine has two cores, and one fuzzer at a time keeps the figures of
# each run comparable.
# Usage: scripts/fuzz-targets.sh [SECONDS] [TARGET...]
#   SECONDS  how long each target runs (default 600)
#   TARGET   FuzzExtractor FuzzXML FuzzMultipart FuzzConfig (default: all four)
# FUZZ_NO_BUILD=1 runs binaries already in .build-fuzz without building first.
# Crashes go to Fuzz/findings/<target>/, logs to .build-fuzz/logs/, the corpus libFuzzer
# grows to .build-fuzz/corpus/<target>/ (kept between runs; Fuzz/seeds/ is only read).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzExtractor FuzzXML FuzzMultipart FuzzConfig)
scratch=.build-fuzz

seeds_of() {
    case $1 in
        FuzzExtractor) echo Fuzz/seeds/extractor ;;
        FuzzXML) echo Fuzz/seeds/xml ;;
        FuzzMultipart) echo Fuzz/seeds/multipart ;;
        FuzzConfig) echo Fuzz/seeds/config ;;
        *) echo "unknown fuzz target $1" >&2; exit 2 ;;
    esac
}
for target in "${targets[@]}"; do seeds_of "$target" > /dev/null; done

# INVOICED_FUZZ adds the targets to Package.swift. -Xswiftc instruments every module, not
# only the fuzz targets: libFuzzer can only steer by the coverage of code that is built
# with -sanitize=fuzzer, and the code under test is in the libraries.
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    for target in "${targets[@]}"; do
        INVOICED_FUZZ=1 swift build -c debug --scratch-path "$scratch" \
            -Xswiftc -sanitize=fuzzer,address --product "$target" 2>&1 |
            grep -v 'Cannot export local symbol' || true
        [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "building $target failed" >&2; exit 1; }
    done
fi
# SwiftPM keeps a debug -> <triple>/debug link in the scratch folder.
bin=$scratch/debug

mkdir -p "$scratch/logs"
summary=()
found=0
for target in "${targets[@]}"; do
    findings=Fuzz/findings/$target corpus=$scratch/corpus/$target
    log=$scratch/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log
    mkdir -p "$findings" "$corpus"
    before=$(find "$findings" -type f | wc -l)
    echo "== $target for ${seconds}s, log $log"
    # Swift's own backtracer kept a crashed fuzzer from exiting for over ten minutes in a
    # trial; AddressSanitizer's report and libFuzzer's reproducer are what is wanted.
    # -detect_leaks=0: the first minute of FuzzXML stopped on a leak inside FoundationXML
    # (the error it builds from a libxml2 parse error, kept in Fuzz/findings/FuzzXML/ and
    # described in docs/FUZZING.md); with leak checks on, every later run would stop there
    # again instead of looking for crashes. The daemon's memory is watched by the RSS test.
    # ASAN_OPTIONS says the same for the child runs of -minimize_crash=1 by hand.
    status=0
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin/$target" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 \
        -artifact_prefix="$findings/" -print_final_stats=1 \
        "$corpus" "$(seeds_of "$target")" > "$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    crashes=$(( $(find "$findings" -type f | wc -l) - before ))
    line="$target: ${seconds}s, runs ${runs:-?}, ${coverage:-no coverage line}, crashes $crashes, exit $status"
    echo "$line"
    summary+=("$line")
    if [ "$crashes" -gt 0 ]; then
        found=1
        grep -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|artifact_prefix)' "$log" | head -5 || true
    fi
done
echo
echo "== summary"
printf '%s\n' "${summary[@]}"
# A crash, a timeout or an out-of-memory input fails `make fuzz-native`.
exit $found
