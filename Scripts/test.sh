#!/usr/bin/env bash
# Installs what the build needs, then runs the whole test suite (optimised, with @testable access),
# with the MPI trait, so the tests of training under mpirun run too.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh --server-tests --mpi
swift test -c release -Xswiftc -enable-testing --traits MPI "$@"
