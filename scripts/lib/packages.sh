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

# Fails with a clear message when the Swift toolchain is not on PATH.
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
    fi
    command -v swift >/dev/null 2>&1 || { echo "swift is not installed: install the Swift 6 toolchain first" >&2; exit 3; }
}

# Everything the test suite needs: the toolchain, the system packages and servers the
# tests start, and the python package the third-party verifier uses.
ensure_test_dependencies() {
    ensure_swift
    ensure_debian_packages libsodium-dev libssl-dev openssl pkg-config python3-pip skopeo docker-registry apache2-utils curl
    ensure_python_cryptography
}
