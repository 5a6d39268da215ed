#!/usr/bin/env bash
# Installs the Debian packages Earshot builds against, only when some are missing.
# Idempotent and quiet when everything is already there.
#
# Usage: Scripts/install-deps.sh [--data-tools] [--server-tests] [--mpi] [--fuzz]
#   --data-tools    also the programs the data and training scripts use: espeak-ng and flite
#                   (synthetic voices), sox (conversion, noise), python3 with numpy.
#   --server-tests  also what the `earshot serve` tests drive it with: python3 with websockets
#                   (Scripts/serving/ws-client.py, Vosk-style clients) and chromium (the browser
#                   page, headless). Scripts/test.sh passes it.
#   --mpi           also Open MPI (headers, library and mpirun) for `swift build --traits MPI`:
#                   data-parallel training under mpirun. Scripts/test.sh passes it.
#   --fuzz          also python3, which writes the fuzzers' seeds (Scripts/fuzz.sh passes it;
#                   libFuzzer and the sanitizers' runtimes come with the Swift toolchain).
set -euo pipefail

packages=(
  pkg-config
  libsndfile1-dev   # audio input: WAV, FLAC, OGG, ...
  libfftw3-dev      # FFT for MFCC / fbank (single precision: fftw3f)
  libopenblas-dev   # sgemm for the GRU and Linear layers
  libsoxr-dev       # high-quality resampling
)
for option in "$@"; do
  case "$option" in
    --data-tools)
      packages+=(espeak-ng flite sox libsox-fmt-all)
      python3 -c 'import numpy' 2>/dev/null || packages+=(python3 python3-numpy) ;;
    --server-tests)
      packages+=(python3 python3-websockets chromium) ;;
    --mpi)
      packages+=(libopenmpi-dev openmpi-bin) ;;
    --fuzz)
      packages+=(python3) ;;
    *) echo "install-deps: unknown option $option (see the comment at the top)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
