#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Tests/Fuzz/Harnesses and runs each for SECONDS
# (default 60), seeded from Tests/Fuzz/Corpus/<harness>. New corpus entries, crash
# inputs and logs stay in the work directory (.build-fuzz, or FUZZ_WORK_DIR), never in
# the repository.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
#
#   FUZZ_JOBS=N          harnesses run N at a time (default 1)
#   FUZZ_SLOW_SECONDS=S  one input taking S seconds or more counts as a failure (default 5)
#   FUZZ_WORK_DIR=DIR    where builds, corpora and findings go (default .build-fuzz)
#   FUZZ_SKIP="A B"      leave these harnesses out of a run with no HARNESS named
#
# Exits 1 when any harness crashed, leaked, ran out of memory, timed out on one input or
# met a slow input; the reproducer is in DIR/artifacts/<harness>/, and
# `DIR/bin/<harness> FILE` replays it. Exits 3 when the harnesses do not build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

ensure_swift
ensure_debian_packages libsodium-dev libssl-dev openssl pkg-config

seconds="${1:-60}"
shift || true
jobs="${FUZZ_JOBS:-1}"
slow="${FUZZ_SLOW_SECONDS:-5}"
work="${FUZZ_WORK_DIR:-.build-fuzz}"
case "$seconds$jobs$slow" in *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [HARNESS...] (SECONDS, FUZZ_JOBS, FUZZ_SLOW_SECONDS: whole numbers)" >&2; exit 2 ;; esac

harness_dir=Tests/Fuzz/Harnesses
json_harnesses="StrictJSON SignatureBundle ModelStatement TrustPolicy AuditLog"
if [ $# -gt 0 ]; then
    harnesses=("$@")
else
    harnesses=()
    for file in "$harness_dir"/*.swift; do
        name="$(basename "$file" .swift)"
        case " ${FUZZ_SKIP:-} " in *" $name "*) echo "skipping $name (FUZZ_SKIP)" ;; *) harnesses+=("$name") ;; esac
    done
fi
for name in "${harnesses[@]}"; do
    [ -f "$harness_dir/$name.swift" ] || { echo "no harness $harness_dir/$name.swift" >&2; exit 2; }
done

mkdir -p "$work/lib" "$work/bin" "$work/corpus" "$work/artifacts" "$work/logs" "$work/results"
sanitize=(-sanitize=fuzzer,address -Onone -swift-version 6)
# Every system-library module map under Sources (COpenSSL, CSodium, CSystem, ...).
module_dirs=() c_modules=()
for map in Sources/*/module.modulemap; do module_dirs+=("$(dirname "$map")"); c_modules+=(-I "$(dirname "$map")"); done

# ArtefactCore is built once, with coverage and AddressSanitizer, as a static library
# with testing enabled so harnesses reach internal decoders through @testable import.
library="$work/lib/libArtefactCore.a"
if [ ! -f "$library" ] || [ -n "$(find Sources/ArtefactCore "${module_dirs[@]}" -newer "$library" -print -quit)" ]; then
    echo "building ArtefactCore for fuzzing"
    if ! nice swiftc "${sanitize[@]}" -parse-as-library -enable-testing -enable-upcoming-feature MemberImportVisibility \
        -module-name ArtefactCore -emit-module -emit-module-path "$work/lib/ArtefactCore.swiftmodule" \
        -emit-library -static -o "$library.tmp" "${c_modules[@]}" $(find Sources/ArtefactCore -name '*.swift' | sort) \
        >"$work/logs/build-ArtefactCore.log" 2>&1; then
        cat "$work/logs/build-ArtefactCore.log" >&2
        echo "the fuzzing build of ArtefactCore failed" >&2
        exit 3
    fi
    mv "$library.tmp" "$library"
fi

for name in "${harnesses[@]}"; do
    binary="$work/bin/$name"
    if [ -f "$binary" ] && [ -z "$(find "$harness_dir/$name.swift" Tests/Fuzz/Support "$library" -newer "$binary" -print -quit)" ]; then
        continue
    fi
    echo "building harness $name"
    # ld.gold warns "Cannot export local symbol" for the fuzzer runtime; that is harmless.
    if ! nice swiftc "${sanitize[@]}" -parse-as-library -module-name "Fuzz$name" -I "$work/lib" "${c_modules[@]}" \
        "$harness_dir/$name.swift" Tests/Fuzz/Support/*.swift -L "$work/lib" -lArtefactCore -lssl -lcrypto -lsodium \
        -o "$binary.tmp" >"$work/logs/build-$name.log" 2>&1; then
        grep -v "Cannot export local symbol" "$work/logs/build-$name.log" >&2
        echo "the harness $name does not build" >&2
        exit 3
    fi
    mv "$binary.tmp" "$binary"
done

# Files that policies under test may name: a public key, a CA certificate and its CRL.
policy_files="$work/policy-files"
if [ ! -f "$policy_files/crl.pem" ]; then
    mkdir -p "$policy_files"
    (
        cd "$policy_files"
        openssl genpkey -algorithm ed25519 -out signer.key 2>/dev/null
        openssl pkey -in signer.key -pubout -out signer.pub
        openssl req -x509 -new -key signer.key -subj "/CN=fuzz CA" -days 3650 -out ca.pem 2>/dev/null
        : >index.txt
        printf '[ca]\ndefault_ca=fuzz\n[fuzz]\ndatabase=index.txt\ndefault_md=default\ndefault_crl_days=3650\n' >ca.cnf
        openssl ca -config ca.cnf -gencrl -keyfile signer.key -cert ca.pem -out crl.pem 2>/dev/null
    )
fi

# Runs one harness and writes "status executions" to its result file.
run_harness() {
    local name="$1"
    local corpus="$work/corpus/$name" artifacts="$work/artifacts/$name" log="$work/logs/$name.log"
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    local options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -report_slow_units="$slow"
                   -print_final_stats=1 -artifact_prefix="$artifacts/")
    # A harness's dictionary (Tests/Fuzz/Dictionaries/NAME.dict), plus JSON syntax for those whose input is JSON.
    local dictionary="$work/dictionaries/$name.dict" parts=()
    [ -f "Tests/Fuzz/Dictionaries/$name.dict" ] && parts+=("Tests/Fuzz/Dictionaries/$name.dict")
    case " $json_harnesses " in *" $name "*) parts+=(Tests/Fuzz/Dictionaries/JSON.dict) ;; esac
    if [ ${#parts[@]} -gt 0 ]; then
        mkdir -p "$work/dictionaries"
        cat "${parts[@]}" >"$dictionary"
        options+=(-dict="$dictionary")
    fi
    local seeds=()
    [ -d "Tests/Fuzz/Corpus/$name" ] && seeds=("Tests/Fuzz/Corpus/$name")
    local exit_status=0
    # The Swift runtime's own backtracer fights AddressSanitizer over a crash; libFuzzer reports it.
    SWIFT_BACKTRACE=enable=no FUZZ_POLICY_DIR="$PWD/$policy_files" timeout --kill-after=10 $((seconds + 120)) \
        "$work/bin/$name" "${options[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1 || exit_status=$?
    local status=ok
    if grep -q "ERROR: LeakSanitizer" "$log"; then status=LEAK
    elif grep -q "ERROR: libFuzzer: timeout" "$log" || [ "$exit_status" -eq 124 ] || [ "$exit_status" -eq 137 ]; then status=TIMEOUT
    elif grep -q "ERROR: libFuzzer: out-of-memory" "$log"; then status=OUT-OF-MEMORY
    elif [ "$exit_status" -ne 0 ]; then status=CRASH
    elif compgen -G "$artifacts/slow-unit-*" >/dev/null; then status=SLOW
    fi
    local executions
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "$status ${executions:-?} $(find "$corpus" -type f | wc -l)" >"$work/results/$name"
}

echo "fuzzing ${#harnesses[@]} harnesses for ${seconds}s each, $jobs at a time (logs in $work/logs)"
running=0
for name in "${harnesses[@]}"; do
    rm -f "$work/results/$name"
    if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
    run_harness "$name" &
    running=$((running + 1))
done
wait

failed=0
printf '\n%-18s %-14s %12s %8s %8s\n' harness result executions exec/s corpus
for name in "${harnesses[@]}"; do
    read -r status executions corpus_size <"$work/results/$name" || { status=ERROR; executions="?"; corpus_size="?"; }
    rate="?"
    case "$executions" in ''|*[!0-9]*) ;; *) [ "$seconds" -gt 0 ] && rate=$((executions / seconds)) ;; esac
    printf '%-18s %-14s %12s %8s %8s\n' "$name" "$status" "$executions" "$rate" "$corpus_size"
    if [ "$status" != ok ]; then
        failed=1
        echo "    see $work/logs/$name.log; inputs in $work/artifacts/$name/" >&2
    fi
done
exit "$failed"
