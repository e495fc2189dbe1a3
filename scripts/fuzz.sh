#!/usr/bin/env bash
# Builds and runs one libFuzzer target of Fuzz/ (issue 25: every parser that takes outside bytes).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
#   TARGET: canonical-csv shift-jis xlsx zip segment-json bombora nta salesforce-json
#
# Seeds are read from Fuzz/Corpus/TARGET (committed, small); what the run discovers goes to a
# throw-away corpus under Fuzz/.build-fuzz/work/TARGET (kept between runs, not committed; libFuzzer
# writes to the first folder it is given, so never run a target on Corpus/TARGET alone). A
# crash is written to Fuzz/Crashes/TARGET/ — commit it with the fix and a regression test;
# `swift test --filter FuzzCorpusReplay` replays every file of Corpus/ and Crashes/.
# Run it niced on a shared machine: `nice -n 10 scripts/fuzz.sh zip 600`. Two runs at once need
# two build folders: FUZZ_SCRATCH=.build-fuzz2 scripts/fuzz.sh … (default .build-fuzz, in Fuzz/).
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}
seconds=${2:-60}
shift $(($# >= 2 ? 2 : $#))
case "$target" in
    canonical-csv) product=FuzzCanonicalCSV ;;
    shift-jis) product=FuzzShiftJIS ;;
    xlsx) product=FuzzXLSX ;;
    zip) product=FuzzZip ;;
    segment-json) product=FuzzSegmentJSON ;;
    bombora) product=FuzzBombora ;;
    nta) product=FuzzNTA ;;
    salesforce-json) product=FuzzSalesforceJSON ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
# --sanitize=fuzzer makes SwiftPM leave `main` to libFuzzer; the one -sanitize=fuzzer,address flag
# after it is what the code is compiled with (SwiftPM's --sanitize=fuzzer --sanitize=address give
# swiftc two flags, the last wins, and the code gets no coverage counters).
scratch=${FUZZ_SCRATCH:-.build-fuzz}
build() {
    swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --scratch-path "$scratch" \
        --product "$product" >&2
}
# Once more when it fails: the first build after files were added to the root package can still
# compile its old file list (seen with SwiftPM 6.3: "cannot find type … in scope").
build || build
work=.build-fuzz/work/$target
mkdir -p "$work" "Crashes/$target" "Corpus/$target"
# -timeout: one input may take 10 s at most (a hang is a finding too); -rss_limit_mb: 2 GiB.
exec "$scratch/release/$product" "$work" "Corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="Crashes/$target/" "$@"
