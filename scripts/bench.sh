#!/usr/bin/env bash
# Measures how fast a release build of artefact hashes, signs and verifies warm models,
# beside references taken in the same run: sha256sum, one `openssl dgst` per file run
# $(nproc) at a time, and the SHA-256 compute ceiling that `openssl speed` reports.
# Prints every figure against its target; Docs/BENCHMARKS.md explains the targets.
#
#   scripts/bench.sh                      full size: 4 x 1 GiB files, and 1 x 4 GiB file
#   BENCH_SCALE=16 scripts/bench.sh       every model 16 times smaller, for a quick look
#   BENCH_RUNS=7 scripts/bench.sh         timed runs per measurement, best kept (default 5)
#   BENCH_QUIET_WAIT=0 scripts/bench.sh   seconds to wait for an idle machine before each
#                                         measurement (default 300; a busy start is noted)
#   BENCH_CROSSINGS=0 scripts/bench.sh    skip the crossing rows (transfer, registry push/pull)
#   BENCH_S3=0 scripts/bench.sh           skip the object storage rows (push/pull vs boto3)
#   BENCH_SMALL_WRITES=1 scripts/bench.sh write the models in 8 KiB pieces, not 4 MiB
#                                         blocks (small page-cache folios; see random_file)
#
# References (ceilings, openssl dgst) are sampled at the start and again at the end, and
# the best sample is kept, so a busy machine can only make artefact's ratios look worse.
# hash and verify are timed twice in the same run: reading through mmap windows (the
# default) and with ARTEFACT_READ_MODE=pread (the copying read that mmap replaced), so the
# table shows both ratios side by side.
# Exits 0 when it measured everything, whether or not each target passed.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=${BENCH_SCALE:-1}
RUNS=${BENCH_RUNS:-5}
QUIET_WAIT=${BENCH_QUIET_WAIT:-300}
TINY_RUNS=${BENCH_TINY_RUNS:-40}
CORES=$(nproc)
GIB=$((1 << 30))
MIB=$((1 << 20))
SMALL_FILE=$((GIB / SCALE))
BIG_FILE=$((4 * GIB / SCALE))
# 16 shards of the big file: they divide evenly over 1, 2, 4, 8 or 16 cores, so no core
# idles at the end waiting on another's last shard, and the manifest holds only 16 digests.
SHARD_SIZE=$((BIG_FILE / 16))
[ "$SHARD_SIZE" -ge "$MIB" ] || SHARD_SIZE=$MIB

# Targets (see Docs/BENCHMARKS.md), per model: x the ceiling (all cores for 4 x 1 GiB and
# the shards, one core for 1 x 4 GiB in files mode), and x parallel openssl dgst.
TARGET_FOUR_CEILING=0.92
TARGET_FOUR_DGST=1.15
TARGET_ONE_CEILING=0.95
TARGET_ONE_DGST=1.1
TARGET_SHARDS_CEILING=0.8
TARGET_SHARDS_DGST=1.1
TARGET_TINY_MS=20    # verify of a model of a few KB
TARGET_RSS_MIB=32    # peak resident set size of any artefact run

BIN=""        # the release artefact binary
WORK=""       # the temporary folder with the models, keys and signatures
CEILING_1=0   # GB/s, best sample of `openssl speed` on one core
CEILING_N=0   # GB/s, best sample of `openssl speed -multi $CORES`
ROWS=()       # row labels, in the order they are printed
BUSY=()       # measurements that began while something else was using the CPUs
declare -A MS BYTES RSS CEILING DGST KIND TARGET_C TARGET_D   # per row label
declare -A PREAD_MS   # per row label: the same command with ARTEFACT_READ_MODE=pread

cleanup() { [ -z "$WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT

log() { printf '%s\n' "$*" >&2; }

# --- setup ---------------------------------------------------------------------------

install_tools() {
    # shellcheck source=lib/packages.sh
    source "$REPO/scripts/lib/packages.sh"
    ensure_debian_packages time coreutils findutils openssl hyperfine libsodium-dev libssl-dev pkg-config docker-registry curl
    command -v python3 >/dev/null 2>&1 || ensure_debian_packages python3
    ensure_swift
    [ "${BENCH_S3:-1}" = 0 ] || ensure_s3_test_tools
}

# A scratch path of our own, so a build here never races one in the work tree. SwiftPM
# fails a build when a source changes under it, so a failed build is tried again.
build_artefact() {
    local attempt
    for attempt in 1 2 3; do
        log "building artefact (release, scratch path .build-bench)"
        if (cd "$REPO" && swift build -c release --scratch-path .build-bench >&2); then
            BIN="$REPO/.build-bench/release/artefact"
            return 0
        fi
        [ "$attempt" -lt 3 ] && sleep 10
    done
    log "the release build failed"
    return 1
}

# Writes BYTES pseudo-random bytes to PATH from an AES-CTR keystream: over twice as fast as
# /dev/urandom here (about 3 s against 7 s per GiB), and as incompressible. SEED picks the
# stream, so the files differ.
#
# The file is written in 4 MiB blocks, as a downloader with large buffers (and artefact's
# own copier) writes: the kernel then caches it in 2 MiB folios, which a mapping maps with
# one entry per 2 MiB. Written in small pieces (BENCH_SMALL_WRITES=1: openssl's 8 KiB
# writes, as curl's 16 KiB ones), it is cached in small folios, and every mapped read pays
# a page fault per 64 KiB: Docs/BENCHMARKS.md has both.
random_file() {
    local path=$1 bytes=$2 seed=$3
    # CTR mode adds no padding, so BYTES zeros in give BYTES bytes out.
    if [ "${BENCH_SMALL_WRITES:-0}" = 1 ]; then
        head -c "$bytes" /dev/zero \
            | openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv "$(printf '%032x' "$seed")" \
                -out "$path"
    else
        head -c "$bytes" /dev/zero \
            | openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv "$(printf '%032x' "$seed")" \
            | dd of="$path" bs=4M iflag=fullblock status=none
    fi
}

make_models() {
    WORK=$(mktemp -d)
    mkdir -p "$WORK/four" "$WORK/one" "$WORK/tiny" "$WORK/sigs"
    log "writing models in $WORK: 4 x $(size_label "$SMALL_FILE"), 1 x $(size_label "$BIG_FILE"), and a tiny one"
    # One file at a time, as a download would write them: files written side by side end
    # up with their page-cache pages interleaved, which read a little slower.
    local index
    for index in 1 2 3 4; do
        random_file "$WORK/four/shard-0000$index.safetensors" "$SMALL_FILE" "$index"
    done
    random_file "$WORK/one/model.safetensors" "$BIG_FILE" 5
    printf '{"architectures":["Tiny"],"hidden_size":64}\n' >"$WORK/tiny/config.json"
    random_file "$WORK/tiny/model.safetensors" 6144 6
    random_file "$WORK/tiny/tokenizer.model" 2048 7
    "$BIN" keygen --unencrypted --out "$WORK/key" >/dev/null
}

# One `openssl dgst -sha256` per file of the folder it is given, $(nproc) at a time: what
# a careful shell script gets from OpenSSL on this machine.
write_parallel_dgst() {
    cat >"$WORK/parallel-dgst.sh" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
find "$1" -type f -print0 | xargs -0 -n 1 -P "$(nproc)" openssl dgst -sha256 >/dev/null
EOF
    chmod +x "$WORK/parallel-dgst.sh"
}

# Reads every file once so that every timing below is of a warm page cache.
warm_cache() {
    find "$WORK" -type f -exec cat {} + >/dev/null
}

# --- arithmetic ----------------------------------------------------------------------

# Prints BYTES as a short binary size: 1GiB, 256MiB, 8KiB.
size_label() {
    awk -v bytes="$1" 'BEGIN {
        split("B KiB MiB GiB", units, " "); unit = 1
        while (bytes >= 1024 && bytes % 1024 == 0 && unit < 4) { bytes /= 1024; unit++ }
        printf "%.0f%s", bytes, units[unit]
    }'
}

# Prints the total size in bytes of the files in DIRECTORY.
bytes_in() {
    find "$1" -type f -printf '%s\n' | awk '{ total += $1 } END { printf "%.0f", total }'
}

# Prints BYTES / MILLISECONDS as decimal GB/s.
gb_per_s() {
    awk -v bytes="$1" -v ms="$2" 'BEGIN { printf "%.2f", bytes / (ms / 1000) / 1e9 }'
}

# Prints VALUE / REFERENCE, with " PASS" or " MISS" against the lower bound TARGET if given.
ratio() {
    awk -v value="$1" -v reference="$2" -v target="${3:-}" 'BEGIN {
        r = value / reference; printf "%.2f", r
        if (target != "") printf " %s", (r >= target ? "PASS" : "MISS")
    }'
}

# Prints PASS when VALUE <= LIMIT, else MISS.
at_most() {
    awk -v value="$1" -v limit="$2" 'BEGIN { print (value <= limit ? "PASS" : "MISS") }'
}

# Prints the larger of two numbers.
larger() {
    awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b ? a : b) }'
}

# --- measuring -----------------------------------------------------------------------

# Prints the percentage of CPU time the whole machine spent idle over the next second.
idle_percent() {
    local before after
    before=$(awk '/^cpu / { print $5, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
    sleep 1
    after=$(awk '/^cpu / { print $5, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
    echo "$before $after" | awk '{ printf "%.0f", 100 * ($3 - $1) / ($4 - $2) }'
}

# Waits up to QUIET_WAIT seconds for three seconds in a row with the CPUs at least 90%
# idle, since a build or test run beside the benchmark takes cores it needs. Notes LABEL
# in BUSY if that never came.
wait_for_quiet() {
    local label=$1 waited=0 streak=0 idle=0
    [ "$QUIET_WAIT" -gt 0 ] || return 0
    while [ "$streak" -lt 3 ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
        idle=$(idle_percent)
        waited=$((waited + 1))
        if [ "$idle" -ge 90 ]; then
            streak=$((streak + 1))
        else
            [ "$streak" -gt 0 ] || [ "$waited" -ne 1 ] || log "  waiting up to ${QUIET_WAIT}s for an idle machine (${idle}% idle)"
            streak=0
        fi
    done
    [ "$streak" -ge 3 ] || BUSY+=("$label (${idle}% idle at its start)")
}

# Prints the best (lowest) wall time of COMMAND... in milliseconds over RUNS runs, after
# WARMUP untimed ones. hyperfine -N runs it without a shell, so nothing else is timed.
best_ms() {
    local runs=$1 warmup=$2
    shift 2
    local json="$WORK/hyperfine.json"
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$json" -- "$(printf '%q ' "$@")" \
        >/dev/null
    python3 -c 'import json, sys; print("%.1f" % (min(json.load(open(sys.argv[1]))["results"][0]["times"]) * 1000))' \
        "$json"
}

# Prints the peak resident set size of one run of COMMAND..., in MiB.
peak_rss_mib() {
    local report="$WORK/time.txt"
    /usr/bin/time -v "$@" >/dev/null 2>"$report"
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$report"
}

# Prints the SHA-256 throughput `openssl speed` reports for 16 KiB blocks, in GB/s. With
# an argument N it runs N processes at once (-multi N) and prints their sum.
openssl_speed() {
    local multi=()
    [ $# -eq 0 ] || multi=(-multi "$1")
    # The result line is "sha256  <n>k", in 1000s of bytes per second.
    openssl speed "${multi[@]}" -evp sha256 -bytes 16384 2>/dev/null \
        | awk '$1 == "sha256" && $NF ~ /k$/ { value = $NF } END { sub(/k$/, "", value); printf "%.2f", value * 1000 / 1e9 }'
}

sample_ceilings() {
    log "measuring the openssl speed ceilings (about 6 s)"
    wait_for_quiet "openssl speed"
    CEILING_1=$(larger "$CEILING_1" "$(openssl_speed)")
    CEILING_N=$(larger "$CEILING_N" "$(openssl_speed "$CORES")")
}

# Declares a row: LABEL KIND (reference, artefact or tiny) DIRECTORY CEILING (1 or N)
# DGST (the label of the openssl dgst row over the same files, or "") and, for artefact
# rows, its targets: x ceiling and x openssl dgst.
declare_row() {
    local label=$1
    ROWS+=("$label")
    KIND[$label]=$2
    BYTES[$label]=$(bytes_in "$3")
    CEILING[$label]=$4
    DGST[$label]=$5
    TARGET_C[$label]=${6:-}
    TARGET_D[$label]=${7:-}
}

# Times COMMAND... for the row LABEL, keeping the best time over every call for that row.
#   LABEL RUNS WARMUP COMMAND...
time_row() {
    local label=$1 runs=$2 warmup=$3
    shift 3
    log "timing: $label"
    wait_for_quiet "$label"
    local ms
    ms=$(best_ms "$runs" "$warmup" "$@")
    MS[$label]=$(awk -v a="$ms" -v b="${MS[$label]:-}" 'BEGIN { print (b == "" || a < b ? a : b) }')
}

# Times one artefact command and measures its peak RSS.   LABEL RUNS WARMUP COMMAND...
measure_artefact() {
    time_row "$@"
    local label=$1
    shift 3
    RSS[$label]=$(peak_rss_mib "$@")
}

# Times the row LABEL's command again with ARTEFACT_READ_MODE=pread, into PREAD_MS.
#   LABEL RUNS COMMAND...
time_pread() {
    local label=$1 runs=$2
    shift 2
    time_row "$label (pread)" "$runs" 0 env ARTEFACT_READ_MODE=pread "$@"
    PREAD_MS[$label]=${MS[$label (pread)]}
}

# hash, sign and verify of one model in one mode; sign's bundle feeds verify. hash and
# verify are timed with the pread read as well.
#   NAME DIRECTORY CEILING DGST_LABEL TARGET_CEILING TARGET_DGST [HASHING OPTIONS...]
measure_model() {
    local name=$1 directory=$2 ceiling=$3 dgst=$4 target_ceiling=$5 target_dgst=$6
    shift 6
    local signature
    signature="$WORK/sigs/$(printf '%s' "$name" | tr -c 'a-zA-Z0-9' '-').sig"
    local verb
    for verb in hash sign verify; do
        declare_row "$(printf '%-6s' "$verb") $name" artefact "$directory" "$ceiling" "$dgst" "$target_ceiling" "$target_dgst"
    done
    local hash=("$BIN" hash "$directory" --quiet "$@")
    local verify=("$BIN" verify "$directory" --key "$WORK/key.pub" --signature "$signature" --quiet)
    measure_artefact "hash   $name" "$RUNS" 0 "${hash[@]}"
    time_pread "hash   $name" "$RUNS" "${hash[@]}"
    measure_artefact "sign   $name" "$RUNS" 0 \
        "$BIN" sign "$directory" --key "$WORK/key.key" --signature "$signature" --quiet "$@"
    measure_artefact "verify $name" "$RUNS" 0 "${verify[@]}"
    time_pread "verify $name" "$RUNS" "${verify[@]}"
}

measure_tiny_verify() {
    local label="verify tiny ($(size_label "$(bytes_in "$WORK/tiny")"), 3 files)"
    local signature="$WORK/sigs/tiny.sig"
    "$BIN" sign "$WORK/tiny" --key "$WORK/key.key" --signature "$signature" --quiet >/dev/null
    declare_row "$label" tiny "$WORK/tiny" "" ""
    measure_artefact "$label" "$TINY_RUNS" 5 \
        "$BIN" verify "$WORK/tiny" --key "$WORK/key.pub" --signature "$signature" --quiet
}

# --- reporting -----------------------------------------------------------------------

# Prints one markdown table row for LABEL.
report_row() {
    local label=$1 ms=${MS[$1]} kind=${KIND[$1]}
    if [ "$kind" = tiny ]; then
        echo "| $label | $ms $(at_most "$ms" "$TARGET_TINY_MS") (< $TARGET_TINY_MS) | | | | | | ${RSS[$label]} $(at_most "${RSS[$label]}" "$TARGET_RSS_MIB") |"
        return
    fi
    local rate ceiling ceiling_name
    rate=$(gb_per_s "${BYTES[$label]}" "$ms")
    if [ "${CEILING[$label]}" = 1 ]; then
        ceiling=$CEILING_1 ceiling_name="1 core"
    else
        ceiling=$CEILING_N ceiling_name="$CORES cores"
    fi
    if [ "$kind" = reference ]; then
        echo "| $label | $ms | $rate | $(ratio "$rate" "$ceiling") x $ceiling_name | | | | |"
        return
    fi
    local dgst_rate pread=" | "
    dgst_rate=$(gb_per_s "${BYTES[${DGST[$label]}]}" "${MS[${DGST[$label]}]}")
    if [ -n "${PREAD_MS[$label]:-}" ]; then
        local pread_rate
        pread_rate=$(gb_per_s "${BYTES[$label]}" "${PREAD_MS[$label]}")
        pread="${PREAD_MS[$label]} | $(ratio "$pread_rate" "$ceiling") x, $(ratio "$pread_rate" "$dgst_rate") x dgst"
    fi
    echo "| $label | $ms | $rate | $(ratio "$rate" "$ceiling" "${TARGET_C[$label]}") x $ceiling_name" \
        "| $(ratio "$rate" "$dgst_rate" "${TARGET_D[$label]}") | $pread | ${RSS[$label]} $(at_most "${RSS[$label]}" "$TARGET_RSS_MIB") |"
}

report() {
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    echo "artefact benchmark, finished $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $CORES cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -r)"
    echo "openssl: $(openssl version)"
    echo "models: 4 x $(size_label "$SMALL_FILE") (files mode); 1 x $(size_label "$BIG_FILE") (files mode, and --shard-size $(size_label "$SHARD_SIZE")); page cache warm"
    echo "timing: best of $RUNS runs (sha256sum: 2; tiny verify: $TINY_RUNS after 5 warm-ups); GB = 1e9 bytes"
    echo "ceiling: openssl speed -evp sha256 -bytes 16384: 1 core $CEILING_1 GB/s; -multi $CORES: $CEILING_N GB/s (best of 2 samples)"
    echo "targets: x ceiling / x parallel openssl dgst: 4x files >= $TARGET_FOUR_CEILING / $TARGET_FOUR_DGST;" \
        "1x files >= $TARGET_ONE_CEILING (one core) / $TARGET_ONE_DGST; shards >= $TARGET_SHARDS_CEILING / $TARGET_SHARDS_DGST;" \
        "tiny verify < $TARGET_TINY_MS ms; peak RSS <= $TARGET_RSS_MIB MiB"
    echo "read: mmap windows (the default); the pread columns time the same command with ARTEFACT_READ_MODE=pread"
    echo
    echo "| row | best ms | GB/s | x ceiling | x parallel openssl dgst | pread best ms | pread x ceiling, x dgst | peak RSS MiB |"
    echo "| --- | ---: | ---: | --- | --- | ---: | --- | --- |"
    local label
    for label in "${ROWS[@]}"; do report_row "$label"; done
    echo
    if [ "$QUIET_WAIT" -eq 0 ]; then
        echo "idleness was not checked (BENCH_QUIET_WAIT=0)"
    elif [ ${#BUSY[@]} -eq 0 ]; then
        echo "every measurement began on an idle machine (3 s at >= 90% idle)"
    else
        echo "began while other work was using the CPUs (figures may be low):"
        printf '  %s\n' "${BUSY[@]}"
    fi
}

main() {
    install_tools
    build_artefact
    make_models
    write_parallel_dgst
    warm_cache

    local four="4x$(size_label "$SMALL_FILE")" one="1x$(size_label "$BIG_FILE")"
    local sum_four="sha256sum $four" sum_one="sha256sum $one"
    local dgst_four="openssl dgst -P $CORES $four" dgst_one="openssl dgst -P $CORES $one"
    declare_row "$sum_four" reference "$WORK/four" 1 ""
    declare_row "$sum_one" reference "$WORK/one" 1 ""
    declare_row "$dgst_four" reference "$WORK/four" N ""
    declare_row "$dgst_one" reference "$WORK/one" 1 ""

    sample_ceilings
    # sha256sum has its own SHA-256 without the SHA extensions: slow, so two runs.
    time_row "$sum_four" 2 0 sha256sum "$WORK"/four/*
    time_row "$sum_one" 2 0 sha256sum "$WORK/one/model.safetensors"
    time_row "$dgst_four" "$RUNS" 0 "$WORK/parallel-dgst.sh" "$WORK/four"
    time_row "$dgst_one" "$RUNS" 0 "$WORK/parallel-dgst.sh" "$WORK/one"

    measure_model "$four files" "$WORK/four" N "$dgst_four" "$TARGET_FOUR_CEILING" "$TARGET_FOUR_DGST"
    measure_model "$one files" "$WORK/one" 1 "$dgst_one" "$TARGET_ONE_CEILING" "$TARGET_ONE_DGST"
    measure_model "$one shards $(size_label "$SHARD_SIZE")" "$WORK/one" N "$dgst_one" \
        "$TARGET_SHARDS_CEILING" "$TARGET_SHARDS_DGST" --shard-size "$SHARD_SIZE"
    measure_tiny_verify

    # The references once more: the best of both samples counts.
    time_row "$dgst_four" "$RUNS" 0 "$WORK/parallel-dgst.sh" "$WORK/four"
    time_row "$dgst_one" "$RUNS" 0 "$WORK/parallel-dgst.sh" "$WORK/one"
    sample_ceilings

    report

    # Crossings: a transfer into a store, and a push and pull through a registry over
    # mutual TLS (scripts/lib/bench_crossings.sh). BENCH_CROSSINGS=0 skips them.
    if [ "${BENCH_CROSSINGS:-1}" != 0 ]; then
        rm -rf "${WORK:?}/four" "$WORK/one"
        # shellcheck source=lib/bench_crossings.sh
        source "$REPO/scripts/lib/bench_crossings.sh"
        crossing_benchmarks "$BIN" "$WORK" "$SCALE" "$(( RUNS < 3 ? RUNS : 3 ))"
    fi
    # Push and pull through SeaweedFS over mutual TLS beside boto3 (scripts/lib/bench_s3.sh).
    if [ "${BENCH_S3:-1}" != 0 ]; then
        rm -rf "${WORK:?}/four" "$WORK/one" "$WORK/crossing" "$WORK/registry"
        source "$REPO/scripts/lib/bench_crossings.sh"
        # shellcheck source=lib/bench_s3.sh
        source "$REPO/scripts/lib/bench_s3.sh"
        s3_benchmarks "$BIN" "$WORK" "$SCALE" "$(( RUNS < 3 ? RUNS : 3 ))"
    fi
}

main "$@"
