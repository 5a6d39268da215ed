#!/usr/bin/env bash
# Installs what the build needs, then runs the whole test suite (optimised, with @testable access).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift test -c release -Xswiftc -enable-testing "$@"
