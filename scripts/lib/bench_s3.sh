# Benchmark of object storage crossings, sourced by scripts/bench.sh: a push of a signed
# 2-file model from a store to SeaweedFS (`weed mini`, the test server) over loopback
# mutual TLS 1.3, and a pull back into a fresh store, beside boto3's upload_file and
# download_file (TransferConfig defaults) of the same files to the same server in the
# same run. Needs the S3 test tools (ensure_s3_test_tools in scripts/lib/packages.sh).
#
#   s3_benchmarks BIN WORK SCALE RUNS
#     BIN    the release artefact binary
#     WORK   a scratch folder (removed by the caller)
#     SCALE  divide every file size by this (1 = 2 x 1 GiB)
#     RUNS   timed runs per measurement, best kept
#
# artefact is timed as a whole process (start, policy and bundle checks, TLS, transfer,
# fsync and publish); boto3 only around its transfer calls, without python's start and
# imports, and its downloads end with os.sync() so the bytes are on disk as a store's are.

TARGET_S3_X_BOTO3=1.0   # artefact's throughput / boto3's, both ways
TARGET_S3_RSS_MIB=64    # artefact's peak resident set size in a push or a pull
S3_SERVER_PID=""
S3_LAST_MS=0
S3_LAST_RSS=0

s3_stop_server() {
    [ -n "$S3_SERVER_PID" ] || return 0
    kill "$S3_SERVER_PID" 2>/dev/null || true
    wait "$S3_SERVER_PID" 2>/dev/null || true
    S3_SERVER_PID=""
}

# Starts `weed mini` on 127.0.0.1 with every port picked free (and new ones should another
# process take one first), mutual TLS, one identity and the bucket `bench`; exports the
# AWS_* and ARTEFACT_TLS_* variables that artefact and s3_tool.py read.
s3_start_server() {
    local dir=$1 venv=$2 attempt ports
    local secret
    secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '{"identities":[{"name":"bench","credentials":[{"accessKey":"BENCHKEY","secretKey":"%s"}],"actions":["Admin","Read","Write","List","Tagging"]}]}\n' \
        "$secret" > "$dir/s3.json"
    export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=BENCHKEY AWS_SECRET_ACCESS_KEY="$secret"
    export ARTEFACT_TLS_CA="$dir/ca.pem" ARTEFACT_TLS_CERT="$dir/client.pem" ARTEFACT_TLS_KEY="$dir/client.key"
    for attempt in 1 2 3 4 5; do
        # Eleven listeners held at once, so the ports differ; released just before weed binds them.
        read -r -a ports <<< "$(python3 -c '
import socket
held = [socket.socket() for _ in range(11)]
for s in held: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in held))')"
        mkdir -p "$dir/data"
        "$venv/bin/weed" mini -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 -s3.config="$dir/s3.json" \
            -s3.cert.file="$dir/server.pem" -s3.key.file="$dir/server.key" -s3.cacert.file="$dir/ca.pem" -s3.tlsVerifyClientCert \
            -bucket=bench -s3.autoCreateBucket=false -webdav=false -admin.ui=false -s3.port.iceberg=0 -s3.port.lance=0 \
            -master.telemetry=false -filer.localSocket="$dir/filer.sock" -s3.localSocket="$dir/s3.sock" \
            -s3.port="${ports[0]}" -s3.port.https="${ports[1]}" -s3.port.grpc="${ports[2]}" -master.port="${ports[3]}" \
            -master.port.grpc="${ports[4]}" -volume.port="${ports[5]}" -volume.port.grpc="${ports[6]}" -filer.port="${ports[7]}" \
            -filer.port.grpc="${ports[8]}" -admin.port="${ports[9]}" -admin.port.grpc="${ports[10]}" >"$dir/weed.log" 2>&1 &
        S3_SERVER_PID=$!
        export AWS_ENDPOINT_URL="https://127.0.0.1:${ports[1]}"
        local tries
        for tries in $(seq 200); do
            kill -0 "$S3_SERVER_PID" 2>/dev/null || break
            if [ "$(curl --silent --head --output /dev/null --write-out '%{http_code}' --cacert "$dir/ca.pem" \
                --cert "$dir/client.pem" --key "$dir/client.key" --aws-sigv4 "aws:amz:us-east-1:s3" \
                --user "BENCHKEY:$secret" "$AWS_ENDPOINT_URL/bench")" = 200 ]; then
                return 0
            fi
            sleep 0.1
        done
        s3_stop_server
        grep -q "Port allocation failed" "$dir/weed.log" || break
    done
    echo "weed mini did not start: $(tail -5 "$dir/weed.log")" >&2
    return 1
}

# Runs COMMAND... under /usr/bin/time: its wall milliseconds into S3_LAST_MS and its peak
# RSS in MiB into S3_LAST_RSS. Fails, saying so, when the command does.
s3_run_timed() {
    local start end
    start=$(date +%s%N)
    if ! /usr/bin/time -v -o "$S3_DIR/time.txt" "$@" >/dev/null; then
        echo "failed: $*" >&2
        return 1
    fi
    end=$(date +%s%N)
    S3_LAST_MS=$(( (end - start) / 1000000 ))
    S3_LAST_RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$S3_DIR/time.txt")
}

# Reports that artefact's WHAT failed (its error is above), and stops the server.
s3_failed() {
    s3_stop_server
    echo
    echo "object storage: artefact's $1 failed; no S3 rows"
}

log_s3() { printf '%s\n' "$*" >&2; }

s3_min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0 ? a : b) }'; }
s3_max() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 > b + 0 ? a : b) }'; }

s3_benchmarks() {
    local bin=$1 work=$2 scale=$3 runs=$4
    # shellcheck source=packages.sh
    source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"
    local venv tool
    venv=$(s3_test_venv)
    tool=("$venv/bin/python" "$(dirname "${BASH_SOURCE[0]}")/../testing/s3_tool.py")
    [ -x "$venv/bin/weed" ] || { echo "| S3 rows | skipped: no $venv/bin/weed (ensure_s3_test_tools) | | | |"; return; }
    S3_DIR="$work/s3"
    mkdir -p "$S3_DIR"
    trap 's3_stop_server; [ "$(type -t cleanup)" != function ] || cleanup' EXIT
    crossing_make_pki "$S3_DIR"
    s3_start_server "$S3_DIR" "$venv"

    local bytes=$(( (1 << 30) / scale )) model="$S3_DIR/model" total
    crossing_make_model "$model" 2 "$bytes"
    "$bin" keygen --out "$S3_DIR/key" --unencrypted >/dev/null
    "$bin" sign "$model" --key "$S3_DIR/key.key" --name bench --version 1.0.0 --quiet >/dev/null
    crossing_policy "$S3_DIR/policy.json" bench "$S3_DIR/key.pub"
    "$bin" store init "$S3_DIR/source" --environment bench --policy "$S3_DIR/policy.json" >/dev/null
    "$bin" transfer "$model" "$S3_DIR/source" >/dev/null
    total=$(find "$model" -type f -name '*.bin' -printf '%s\n' | awk '{ t += $1 } END { printf "%.0f", t }')
    cat "$S3_DIR/source/blobs/sha256/"* "$model"/*.bin >/dev/null

    local load_before push_ms="" pull_ms="" up_ms="" down_ms="" rss="" run seconds uploaded=""
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    # Each push goes to a fresh prefix (a push to a prefix holding the model is a no-op);
    # the previous one is deleted, untimed, to bound the disk used.
    for ((run = 1; run <= runs; run++)); do
        sync
        s3_run_timed "$bin" transfer "$S3_DIR/source" "s3://bench/artefact-$run" --model bench@1.0.0 || { s3_failed push; return 0; }
        push_ms=$(s3_min "$S3_LAST_MS" "$push_ms"); rss=$(s3_max "$S3_LAST_RSS" "$rss")
        [ "$run" -eq 1 ] || "${tool[@]}" delete-prefix bench "artefact-$((run - 1))/"
    done
    for ((run = 1; run <= runs; run++)); do
        rm -rf "$S3_DIR/dest"; sync
        "$bin" store init "$S3_DIR/dest" --environment bench --policy "$S3_DIR/policy.json" >/dev/null
        s3_run_timed "$bin" transfer "s3://bench/artefact-$runs" "$S3_DIR/dest" || { s3_failed pull; return 0; }
        pull_ms=$(s3_min "$S3_LAST_MS" "$pull_ms"); rss=$(s3_max "$S3_LAST_RSS" "$rss")
    done
    rm -rf "$S3_DIR/dest"
    "${tool[@]}" delete-prefix bench "artefact-$runs/"
    for ((run = 1; run <= runs; run++)); do
        sync
        # A failed boto3 run costs its sample, not the bench: python's ssl module has been
        # seen to crash (SIGSEGV) and to spin forever in OpenSSL 3.0's SSL_free here when
        # threads share a client certificate, hence the time limit too.
        seconds=$(timeout 1200 "${tool[@]}" upload-files bench "boto3-$run" "$model"/part-*.bin) || { log_s3 "boto3 upload failed ($?)"; continue; }
        up_ms=$(s3_min "$(awk -v s="$seconds" 'BEGIN { printf "%.0f", s * 1000 }')" "$up_ms")
        [ -z "$uploaded" ] || "${tool[@]}" delete-prefix bench "$uploaded/"
        uploaded="boto3-$run"
    done
    [ -n "$uploaded" ] || { s3_stop_server; echo; echo "object storage: every boto3 upload failed; no S3 rows"; return 0; }
    for ((run = 1; run <= runs; run++)); do
        rm -rf "$S3_DIR/download"; mkdir -p "$S3_DIR/download"; sync
        seconds=$(timeout 1200 "${tool[@]}" download-files bench "$uploaded" "$S3_DIR/download" part-1.bin part-2.bin) \
            || { log_s3 "boto3 download failed ($?)"; continue; }
        down_ms=$(s3_min "$(awk -v s="$seconds" 'BEGIN { printf "%.0f", s * 1000 }')" "$down_ms")
    done
    rm -rf "$S3_DIR/download"
    s3_stop_server
    [ -n "$down_ms" ] || { echo; echo "object storage: every boto3 download failed; no S3 rows"; return 0; }

    local push_rate pull_rate up_rate down_rate mib=$((bytes >> 20))
    push_rate=$(crossing_rate "$total" "$push_ms"); up_rate=$(crossing_rate "$total" "$up_ms")
    pull_rate=$(crossing_rate "$total" "$pull_ms"); down_rate=$(crossing_rate "$total" "$down_ms")
    echo
    echo "object storage (SeaweedFS $("$venv/bin/weed" version 2>/dev/null | awk '{ print $3; exit }') on loopback, mutual TLS;" \
        "best of $runs; load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end):"
    echo
    echo "| row | best ms | GB/s | against boto3 | artefact peak RSS MiB |"
    echo "| --- | ---: | ---: | --- | --- |"
    echo "| push 2 x $mib MiB, store -> s3:// | $push_ms | $push_rate" \
        "| $(crossing_ratio "$push_rate" "$up_rate" "$TARGET_S3_X_BOTO3" min) x boto3 upload_file ($up_ms ms, $up_rate GB/s; target >= $TARGET_S3_X_BOTO3)" \
        "| $rss $(awk -v v="$rss" -v l="$TARGET_S3_RSS_MIB" 'BEGIN { print (v <= l ? "PASS" : "MISS") }') (push and pull; target <= $TARGET_S3_RSS_MIB) |"
    echo "| pull 2 x $mib MiB, s3:// -> store | $pull_ms | $pull_rate" \
        "| $(crossing_ratio "$pull_rate" "$down_rate" "$TARGET_S3_X_BOTO3" min) x boto3 download_file + sync ($down_ms ms, $down_rate GB/s; target >= $TARGET_S3_X_BOTO3) | |"
}
