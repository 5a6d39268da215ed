#!/usr/bin/env bash
# Runs the test suite under a sanitizer (docs/reliability.md): AddressSanitizer (out-of-bounds
# and use-after-free, leaks through LeakSanitizer) or ThreadSanitizer (data races: the parallel
# trainer, Parallel, streaming, the server's worker pool).
#
# Usage: Scripts/sanitize.sh address|thread [swift test options, e.g. --filter EarshotNNTests]
#
# Optimised like Scripts/test.sh, in a build folder of its own per sanitizer (.build-address,
# .build-thread), so the ordinary build is kept. Any report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

sanitizer="${1:-}"
case "$sanitizer" in
  address)
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}" ;;
  thread) export TSAN_OPTIONS="halt_on_error=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}" ;;
  *) echo "usage: Scripts/sanitize.sh address|thread [swift test options]" >&2; exit 2 ;;
esac
shift

Scripts/install-deps.sh --server-tests
swift test -c release -Xswiftc -enable-testing --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" "$@"
