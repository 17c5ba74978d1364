#!/usr/bin/env bash
# Installs what the test suite needs (only what is missing), then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

ensure_swift
ensure_debian_packages libsodium-dev libssl-dev openssl pkg-config python3-pip skopeo docker-registry apache2-utils curl
ensure_python_cryptography

swift build --build-tests
swift test --skip-build
