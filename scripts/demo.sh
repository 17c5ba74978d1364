#!/usr/bin/env bash
# The main job end to end on a fresh Debian machine: install what is missing, build,
# make a sample model, generate a key, sign, verify, tamper, and watch verify reject it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# Flips one bit in the middle of a file, as bit rot or an attacker would.
flip_byte() {
    python3 - "$1" <<'PY'
import os, sys
path = sys.argv[1]
middle = os.path.getsize(path) // 2
with open(path, "r+b") as f:
    f.seek(middle)
    byte = f.read(1)
    f.seek(middle)
    f.write(bytes([byte[0] ^ 0x01]))
PY
}

say "Checking for the Swift toolchain, libsodium and OpenSSL (installing only what is missing)"
ensure_swift
ensure_debian_packages libsodium-dev libssl-dev openssl pkg-config

say "Building artefact in release mode"
swift build -c release 2>&1 | tail -n 1
artefact="$(swift build -c release --show-bin-path)/artefact"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
model="$work/sentiment-classifier"

say "Creating a sample model in $model: JSON files, a nested folder and 64 MiB of weights"
mkdir -p "$model/tokenizer" "$model/weights"
printf '{"architecture": "bert-tiny", "layers": 4, "hidden": 256}\n' > "$model/config.json"
printf '{"[PAD]": 0, "[UNK]": 1, "good": 2, "bad": 3}\n' > "$model/tokenizer/vocab.json"
printf '{"do_lower_case": true}\n' > "$model/tokenizer/tokenizer_config.json"
head -c $((64 * 1024 * 1024)) /dev/urandom > "$model/weights/model.safetensors"
ls -lR "$model" | sed 's/^/    /'

# The demo passphrase travels in the environment, never in argv.
export ARTEFACT_PASSPHRASE="demo passphrase, use a real one"

say "Generating a signing key (the private key is encrypted at rest, mode 0600)"
"$artefact" keygen --out "$work/ml-team" --comment "demo signer"

say "Signing the model: every file is hashed and the manifest is signed into model.sig"
"$artefact" sign "$model" --key "$work/ml-team.key" --version 1.0.0 --classification internal --expires 90d

say "What the bundle claims (inspect shows claims; it checks nothing)"
"$artefact" inspect "$model/model.sig" | head -n 12

say "Verifying with the public key: every byte is re-hashed and the signature checked"
"$artefact" verify "$model" --key "$work/ml-team.pub"
echo "    exit code $? (0: accepted)"

say "Two stores stand for two environments: a cloud store and an on-prem store"
cat > "$work/cloud-policy.json" <<JSON
{ "environment": "cloud", "clearance": "restricted",
  "signers": { "ml-team": { "key": "ml-team.pub" } },
  "rules": [ { "models": "*", "signers": ["ml-team"], "threshold": 1 } ] }
JSON
cat > "$work/onprem-policy.json" <<JSON
{ "environment": "onprem", "clearance": "confidential",
  "signers": { "ml-team": { "key": "ml-team.pub" } },
  "rules": [ { "models": "*", "signers": ["ml-team"], "threshold": 1, "max_age_days": 30 } ],
  "audit_key": "onprem-audit.pub" }
JSON
"$artefact" keygen --out "$work/onprem-audit" --unencrypted --comment "on-prem audit checkpoints" >/dev/null
"$artefact" store init "$work/cloud" --environment cloud --policy "$work/cloud-policy.json"
"$artefact" store init "$work/onprem" --environment onprem --policy "$work/onprem-policy.json" --audit-key "$work/onprem-audit.key"

say "Crossing 1: the signed model enters the cloud store (verified under the cloud's policy)"
"$artefact" transfer "$model" "$work/cloud"

say "Crossing 2: cloud to on-prem, verified again under the on-prem policy before a byte is written"
"$artefact" transfer "$work/cloud" "$work/onprem" --model sentiment-classifier@1.0.0
"$artefact" store list "$work/onprem"

say "Version 1.1.0 (new weights) is signed, then one byte of its weights is flipped in transit"
cp -r "$model" "$work/sentiment-1.1"
rm "$work/sentiment-1.1/model.sig"
head -c $((64 * 1024 * 1024)) /dev/urandom > "$work/sentiment-1.1/weights/model.safetensors"
"$artefact" sign "$work/sentiment-1.1" --key "$work/ml-team.key" --name sentiment-classifier --version 1.1.0 --quiet >/dev/null
flip_byte "$work/sentiment-1.1/weights/model.safetensors"

say "Crossing 3: the tampered copy is rejected at the crossing, and nothing is published"
set +e
"$artefact" transfer "$work/sentiment-1.1" "$work/cloud"
status=$?
set -e
echo "    exit code $status (1: rejected)"
[ "$status" -eq 1 ] || { echo "demo failed: the tampered copy crossed" >&2; exit 1; }
"$artefact" store list "$work/cloud"

say "Drift between the environments"
"$artefact" diff "$work/cloud" "$work/onprem"

say "The crossing logs: every attempt, the rejection included, hash-chained (and signed on-prem)"
"$artefact" audit show "$work/cloud"
"$artefact" audit verify "$work/cloud"
"$artefact" audit show "$work/onprem"
"$artefact" audit verify "$work/onprem"

say "Flipping one byte in the middle of the original weights file, as bit rot or an attacker would"
flip_byte "$model/weights/model.safetensors"

say "Verifying again: artefact must reject the model"
set +e
"$artefact" verify "$model" --key "$work/ml-team.pub"
status=$?
set -e
echo "    exit code $status (1: rejected)"
if [ "$status" -ne 1 ]; then
    echo "demo failed: the tampered model was not rejected" >&2
    exit 1
fi

say "Done: the untouched model verified and crossed twice; every byte change was caught, named and logged."
