#!/usr/bin/env bash
# The main job end to end on a fresh Debian machine: install what is missing, build,
# make a sample model, generate a key, sign, verify, tamper, and watch verify reject it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

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

say "Flipping one byte in the middle of the weights file, as bit rot or an attacker would"
python3 - "$model/weights/model.safetensors" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(32 * 1024 * 1024)
    byte = f.read(1)
    f.seek(32 * 1024 * 1024)
    f.write(bytes([byte[0] ^ 0x01]))
PY

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

say "Done: the untouched model verified, and the one-byte change was caught and named."
