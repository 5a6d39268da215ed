#!/usr/bin/env bash
# Installs the Debian packages Earshot builds against, only when some are missing.
# Idempotent and quiet when everything is already there.
set -euo pipefail

packages=(
  pkg-config
  libsndfile1-dev   # audio input: WAV, FLAC, OGG, ...
  libfftw3-dev      # FFT for MFCC / fbank (single precision: fftw3f)
  libopenblas-dev   # sgemm for the GRU and Linear layers
  libsoxr-dev       # high-quality resampling
)

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
