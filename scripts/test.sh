#!/usr/bin/env bash
# Installs what the test suite needs (only what is missing), then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

ensure_test_dependencies

swift build --build-tests
swift test --skip-build
