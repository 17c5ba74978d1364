#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer, then the parallel hashing and
# transfer tests under ThreadSanitizer. Each sanitizer builds in its own scratch path
# (.build-asan, .build-tsan), so the normal .build is never touched.
#
#   scripts/sanitize.sh            both runs
#   scripts/sanitize.sh address    only AddressSanitizer
#   scripts/sanitize.sh thread     only ThreadSanitizer
#
# Exits non-zero when a build fails, a test fails, or a sanitizer reports anything.
# Each run's full log is kept in .build-<sanitizer>/test.log.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

ensure_test_dependencies

# The suites whose code runs on several threads: in-process command-line runs in parallel,
# parallel and read-ahead hashing, and transfers (concurrent, deduplicating, sharded, into
# and out of stores).
THREADED_SUITES='ContextIsolationTests|ReadAheadHashingTests|HashCommandTests|ShardModeTests|ConcurrentTransferTests|StoreTransferTests|StoreDedupTests|KnownAnswerTests'

# Runs one sanitized build and test run: sanitizer name, then extra `swift test` arguments.
run_sanitized() {
    local sanitizer="$1"; shift
    local scratch=".build-${sanitizer:0:1}san"
    local log="$scratch/test.log"
    mkdir -p "$scratch"
    echo "== $sanitizer: building in $scratch"
    if ! swift build --build-tests --scratch-path "$scratch" --sanitize="$sanitizer" >"$scratch/build.log" 2>&1; then
        tail -20 "$scratch/build.log"
        echo "== $sanitizer: the build failed"
        return 1
    fi
    echo "== $sanitizer: testing (log in $log)"
    local status=0
    # halt_on_error keeps the first report readable; the child processes the end-to-end
    # tests start inherit no environment, so they use the sanitizer's defaults.
    # The Swift runtime's backtracer can hang beside a sanitizer's report; the sanitizer prints the stack.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1}" TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1}" \
        LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/scripts/lib/lsan-suppressions.txt:print_suppressions=0}" \
        swift test --skip-build --scratch-path "$scratch" "$@" >"$log" 2>&1 || status=$?
    grep -E "^(✔|✘|􁁛|􀢄)? ?Test run with|Executed [0-9]+ tests" "$log" | tail -4 || true
    local reports
    reports=$(grep -cE "^(==[0-9]+==ERROR: AddressSanitizer|==[0-9]+==ERROR: LeakSanitizer|WARNING: ThreadSanitizer)" "$log" || true)
    echo "== $sanitizer: exit status $status, sanitizer reports: $reports"
    if [ "$reports" -gt 0 ]; then
        grep -E -A12 "^(==[0-9]+==ERROR|WARNING: ThreadSanitizer)" "$log" | head -60
    fi
    [ "$status" -eq 0 ] && [ "$reports" -eq 0 ]
}

which="${1:-all}"
failed=0
if [ "$which" = all ] || [ "$which" = address ]; then
    run_sanitized address || failed=1
fi
if [ "$which" = all ] || [ "$which" = thread ]; then
    run_sanitized thread --filter "$THREADED_SUITES" || failed=1
fi
exit "$failed"
