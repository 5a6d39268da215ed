#!/usr/bin/env bash
# Installs what the build needs, then runs the whole test suite (optimised, with @testable access).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh --server-tests
swift test -c release -Xswiftc -enable-testing "$@"
