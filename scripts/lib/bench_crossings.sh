# Benchmarks of crossings, sourced by scripts/bench.sh: a transfer from a directory into
# a store on the same disk, and a push and pull through a real registry over loopback
# mutual TLS 1.3. Each is measured beside references taken in the same run.
#
#   crossing_benchmarks BIN WORK SCALE RUNS
#     BIN    the release artefact binary
#     WORK   a scratch folder (removed by the caller)
#     SCALE  divide every model size by this (1 = full size)
#     RUNS   timed runs per measurement, best kept

# Prints the wall-clock milliseconds of the best of RUNS runs of PREPARE; COMMAND (only
# COMMAND is timed).
crossing_best_ms() {
    local runs=$1 prepare=$2; shift 2
    local best="" run start end
    for ((run = 0; run < runs; run++)); do
        eval "$prepare"
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        local ms=$(( (end - start) / 1000000 ))
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    echo "$best"
}

crossing_rate() { awk -v bytes="$1" -v ms="$2" 'BEGIN { printf "%.2f", bytes / (ms / 1000) / 1e9 }'; }
crossing_ratio() {
    awk -v a="$1" -v b="$2" -v bound="${3:-}" -v direction="${4:-min}" 'BEGIN {
        r = a / b; printf "%.2f", r
        if (bound != "") printf " %s", ((direction == "min" ? r >= bound : r <= bound) ? "PASS" : "MISS")
    }'
}

# A model of COUNT files of BYTES each, from an AES-CTR keystream (fast, incompressible).
crossing_make_model() {
    local directory=$1 count=$2 bytes=$3 index
    mkdir -p "$directory"
    for ((index = 1; index <= count; index++)); do
        head -c "$bytes" /dev/zero | openssl enc -aes-128-ctr -K "0f0e0d0c0b0a09080706050403020100" \
            -iv "$(printf '%032x' "$index")" 2>/dev/null > "$directory/part-$index.bin"
    done
    printf '{"model": "bench"}\n' > "$directory/config.json"
}

crossing_policy() {
    printf '{"environment": "%s", "clearance": "restricted", "signers": {"bench": {"key": "%s"}}, "rules": [{"models": "*", "signers": ["bench"]}]}\n' \
        "$2" "$3" > "$1"
}

# Row: directory → store, against `artefact hash` on the same files, `cp -r` then
# `sha256sum`, and the disk's synced write floor (`dd conv=fsync` of the same bytes).
crossing_transfer_row() {
    local bin=$1 work=$2 scale=$3 runs=$4
    local bytes=$(( (1 << 30) / scale )) model="$work/crossing/model" total
    crossing_make_model "$model" 4 "$bytes"
    "$bin" keygen --out "$work/crossing/key" --unencrypted >/dev/null
    "$bin" sign "$model" --key "$work/crossing/key.key" --version 1.0.0 --quiet >/dev/null
    crossing_policy "$work/crossing/policy.json" bench "$work/crossing/key.pub"
    total=$(find "$model" -type f -name '*.bin' -printf '%s\n' | awk '{ t += $1 } END { printf "%.0f", t }')
    cat "$model"/* >/dev/null
    local hash_ms transfer_ms copy_ms floor_ms
    hash_ms=$(crossing_best_ms "$runs" ":" "$bin" hash "$model" --quiet)
    transfer_ms=$(crossing_best_ms "$runs" \
        "rm -rf '$work/crossing/store'; sync; '$bin' store init '$work/crossing/store' --environment bench --policy '$work/crossing/policy.json' >/dev/null" \
        "$bin" transfer "$model" "$work/crossing/store")
    copy_ms=$(crossing_best_ms 2 "rm -rf '$work/crossing/copy'; sync" \
        bash -c "cp -r '$model' '$work/crossing/copy' && cd '$work/crossing/copy' && sha256sum *.bin config.json")
    floor_ms=$(crossing_best_ms 2 "rm -f '$work/crossing/floor'; sync" \
        bash -c "cat '$model'/*.bin | dd of='$work/crossing/floor' bs=4M conv=fsync status=none")
    rm -rf "$work/crossing/copy" "$work/crossing/floor"
    echo "| transfer dir -> store, 4 x $((bytes >> 20)) MiB | $transfer_ms | $(crossing_rate "$total" "$transfer_ms")" \
         "| $(crossing_ratio "$transfer_ms" "$hash_ms" 1.2 max) x hash ($hash_ms ms; target <= 1.2)" \
         "| $(crossing_ratio "$copy_ms" "$transfer_ms" 1.0 min) x faster than cp -r + sha256sum ($copy_ms ms; target > 1)" \
         "| $(crossing_ratio "$transfer_ms" "$floor_ms") x the disk's synced write of the same bytes ($floor_ms ms) |"
    rm -rf "$work/crossing/store"
}

# A CA, a server certificate for 127.0.0.1 and a client certificate, in DIRECTORY (the
# servers of the registry and object storage rows).
crossing_make_pki() {
    local dir=$1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/ca.key" -out "$dir/ca.pem" \
        -subj "/CN=bench CA" -days 2 2>/dev/null
    local name
    for name in server client; do
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/$name.key" -out "$dir/$name.csr" \
            -subj "/CN=bench $name" 2>/dev/null
    done
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$dir/server.ext"
    printf 'extendedKeyUsage=clientAuth\n' > "$dir/client.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -set_serial 2 -days 2 \
        -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null
    openssl x509 -req -in "$dir/client.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -set_serial 3 -days 2 \
        -extfile "$dir/client.ext" -out "$dir/client.pem" 2>/dev/null
}

# Row: push and pull of a 2 GiB model through docker-registry over loopback mutual TLS
# 1.3, against curl uploading and downloading the same bytes over the same TLS.
crossing_registry_rows() {
    local bin=$1 work=$2 scale=$3 runs=$4
    command -v docker-registry >/dev/null || { echo "| registry rows | skipped: docker-registry is not installed | | | |"; return; }
    local dir="$work/registry" bytes=$(( (1 << 30) / scale ))
    mkdir -p "$dir/data"
    crossing_make_pki "$dir"
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat > "$dir/config.yml" <<YAML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}
http:
  addr: 127.0.0.1:$port
  tls: {certificate: $dir/server.pem, key: $dir/server.key, clientcas: [$dir/ca.pem], minimumtls: tls1.3}
YAML
    docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    local registry=$!
    local tls=(--tls-ca "$dir/ca.pem" --tls-cert "$dir/client.pem" --tls-key "$dir/client.key")
    local curl_tls=(--silent --show-error --fail --tlsv1.3 --cacert "$dir/ca.pem" --cert "$dir/client.pem" --key "$dir/client.key")
    for _ in $(seq 50); do curl "${curl_tls[@]}" -o /dev/null "https://127.0.0.1:$port/v2/" 2>/dev/null && break; sleep 0.1; done

    local model="$dir/model" total
    crossing_make_model "$model" 2 "$bytes"
    "$bin" keygen --out "$dir/key" --unencrypted >/dev/null
    "$bin" sign "$model" --key "$dir/key.key" --name bench --version 1.0.0 --quiet >/dev/null
    crossing_policy "$dir/policy.json" bench "$dir/key.pub"
    "$bin" store init "$dir/source" --environment bench --policy "$dir/policy.json" >/dev/null
    "$bin" transfer "$model" "$dir/source" >/dev/null
    total=$(find "$model" -type f -name '*.bin' -printf '%s\n' | awk '{ t += $1 } END { printf "%.0f", t }')
    cat "$dir/source/blobs/sha256/"* >/dev/null

    # Each push starts from an empty registry; each pull into an empty store.
    local fresh_registry="rm -rf '$dir/data/docker'"
    local push_ms pull_ms curl_up_ms curl_down_ms
    push_ms=$(crossing_best_ms "$runs" "$fresh_registry" \
        "$bin" transfer "$dir/source" "oci://127.0.0.1:$port/bench/model" --model bench@1.0.0 "${tls[@]}")
    "$bin" transfer "$dir/source" "oci://127.0.0.1:$port/bench/model" --model bench@1.0.0 "${tls[@]}" >/dev/null
    pull_ms=$(crossing_best_ms "$runs" \
        "rm -rf '$dir/dest'; sync; '$bin' store init '$dir/dest' --environment bench --policy '$dir/policy.json' >/dev/null" \
        "$bin" transfer "oci://127.0.0.1:$port/bench/model:1.0.0" "$dir/dest" "${tls[@]}")

    # curl: the same blobs, each as one monolithic upload (POST, then PUT with the bytes),
    # and each downloaded to a file on the same disk.
    local blobs=() digest
    for digest in $(cd "$model" && sha256sum part-*.bin | awk '{ print $1 }'); do blobs+=("$digest"); done
    cat > "$dir/curl-push.sh" <<SCRIPT
set -e
for digest in ${blobs[*]}; do
    file=\$(cd "$model" && sha256sum part-*.bin | awk -v d="\$digest" '\$1 == d { print \$2 }')
    location=\$(curl ${curl_tls[*]} -X POST -D - -o /dev/null "https://127.0.0.1:$port/v2/curl/model/blobs/uploads/" | tr -d '\r' | awk 'tolower(\$1) == "location:" { print \$2 }')
    case "\$location" in http*) ;; *) location="https://127.0.0.1:$port\$location" ;; esac
    curl ${curl_tls[*]} -X PUT -H "Content-Type: application/octet-stream" --upload-file "$model/\$file" -o /dev/null "\$location&digest=sha256:\$digest"
done
SCRIPT
    curl_up_ms=$(crossing_best_ms "$runs" "$fresh_registry" bash "$dir/curl-push.sh")
    bash "$dir/curl-push.sh"
    cat > "$dir/curl-pull.sh" <<SCRIPT
set -e
for digest in ${blobs[*]}; do
    curl ${curl_tls[*]} -o "$dir/pulled-\$digest" "https://127.0.0.1:$port/v2/curl/model/blobs/sha256:\$digest"
done
sync
SCRIPT
    curl_down_ms=$(crossing_best_ms "$runs" "rm -f '$dir'/pulled-*; sync" bash "$dir/curl-pull.sh")
    kill "$registry" 2>/dev/null || true
    wait "$registry" 2>/dev/null || true

    local push_rate pull_rate up_rate down_rate
    push_rate=$(crossing_rate "$total" "$push_ms"); up_rate=$(crossing_rate "$total" "$curl_up_ms")
    pull_rate=$(crossing_rate "$total" "$pull_ms"); down_rate=$(crossing_rate "$total" "$curl_down_ms")
    echo "| push 2 x $((bytes >> 20)) MiB, mTLS 1.3 | $push_ms | $push_rate | $(crossing_ratio "$push_rate" "$up_rate" 0.8 min) x curl upload ($up_rate GB/s; target >= 0.8) | | |"
    echo "| pull 2 x $((bytes >> 20)) MiB, mTLS 1.3 | $pull_ms | $pull_rate | $(crossing_ratio "$pull_rate" "$down_rate" 0.8 min) x curl download ($down_rate GB/s; target >= 0.8) | | |"
}

crossing_benchmarks() {
    local bin=$1 work=$2 scale=$3 runs=$4
    mkdir -p "$work/crossing"
    echo
    echo "crossings (best of $runs; the store and registry are emptied before each run):"
    echo
    echo "| row | best ms | GB/s | against | against | against |"
    echo "| --- | ---: | ---: | --- | --- | --- |"
    crossing_transfer_row "$bin" "$work" "$scale" "$runs"
    crossing_registry_rows "$bin" "$work" "$scale" "$runs"
}
