#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of outside input (docs/reliability.md).
#
# Usage: Scripts/fuzz.sh [SECONDS]   build, then fuzz each target for SECONDS (default 60)
#        Scripts/fuzz.sh --smoke     build, replay, then 5,000 fuzzed inputs per target, seed 1 (CI)
#        Scripts/fuzz.sh --replay    build, then run each target once on its saved inputs
#        Scripts/fuzz.sh ... TARGET  only that target (e.g. FuzzSoundFile), after the mode
#
# The targets are the executables of Fuzz/Package.swift, built with libFuzzer and
# AddressSanitizer. Each starts from the seeds Fuzz/make-seeds.py writes from the repository's
# samples and from its saved regression inputs (Fuzz/Regressions/TARGET, committed); what it
# finds grows runs/fuzz/corpus/TARGET. A crash, a leak, an input slower than the timeout or one
# that needs more memory than the limits below is a finding: libFuzzer writes it to
# runs/fuzz/findings/ and the script fails. Save it in Fuzz/Regressions/TARGET with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=fuzz seconds=60
case "${1:-}" in
  --smoke) mode=smoke; shift ;;  # a fixed seed and number of runs, so CI repeats itself
  --replay) mode=replay; shift ;;
  ''|-*) ;;
  *) [[ "$1" =~ ^[0-9]+$ ]] && { seconds=$1; shift; } ;;
esac

# Longest input libFuzzer makes for each target, in bytes: a few seconds of audio, a small model.
declare -A max_len=(
  [FuzzModelFile]=16384 [FuzzManifest]=4096 [FuzzClipNames]=1024 [FuzzRawPCM]=65536
  [FuzzSoundFile]=16384 [FuzzStreaming]=32768 [FuzzServerMessages]=4096
)
targets=("${@:-${!max_len[@]}}")
for target in "${targets[@]}"; do
  [ -n "${max_len[$target]:-}" ] || { echo "fuzz: unknown target $target (one of ${!max_len[*]})" >&2; exit 2; }
done
mapfile -t targets < <(printf '%s\n' "${targets[@]}" | sort)

# What one input may cost: any input of at most max_len bytes runs in under 10 s and 2 GB
# (AddressSanitizer's shadow memory included), and no single allocation exceeds 512 MB.
limits=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512)
# Swift's own crash backtracer would read the crashed process's memory under AddressSanitizer;
# libFuzzer reports the crash instead. Leaks inside the toolchain's libraries are listed apart.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

Scripts/install-deps.sh --fuzz
runs=runs/fuzz
mkdir -p "$runs/findings" "$runs/logs"
echo "fuzz: building ${#targets[@]} targets with libFuzzer and AddressSanitizer" >&2
started=$SECONDS
# `--sanitize=fuzzer` makes swift build link libFuzzer's main; the one -sanitize flag after it,
# which the compiler keeps (the last wins), adds AddressSanitizer. Given as two --sanitize flags,
# the modules get only one of the two, in whichever order swift build lists them.
build=(swift build --package-path Fuzz -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address)
if ! "${build[@]}" >"$runs/logs/build.log" 2>&1; then
  grep -E 'error' "$runs/logs/build.log" | head -20 >&2 || true
  echo "fuzz: the build failed (see $runs/logs/build.log)" >&2
  exit 1
fi
bin="$("${build[@]}" --show-bin-path)"
echo "fuzz: built in $((SECONDS - started)) s" >&2

seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
python3 Fuzz/make-seeds.py "$seeds"

failed=()
for target in "${targets[@]}"; do
  regressions=Fuzz/Regressions/$target
  mkdir -p "$runs/corpus/$target" "$regressions"
  options=("${limits[@]}" -max_len="${max_len[$target]}" -artifact_prefix="$runs/findings/$target-")
  # Smoke: 5,000 inputs from seed 1, the same ones every time (a time limit would reach
  # further on a faster machine); otherwise SECONDS of fuzzing.
  budget=(-max_total_time="$seconds") what="${seconds} s"
  [ "$mode" = smoke ] && budget=(-seed=1 -runs=5000) what="5000 runs"
  log="$runs/logs/$target.log"
  # Replay: every saved regression input and seed once.
  if [ "$mode" != fuzz ]; then
    mapfile -t inputs < <(find "$regressions" "$seeds/$target" -type f | sort)
    if ! "$bin/$target" "${options[@]}" "${inputs[@]}" >"$log" 2>&1; then
      echo "fuzz: $target fails on a saved input (see $log):" >&2
      grep -aE '^(==|SUMMARY|Fatal|.*error:)' "$log" | head -5 >&2 || true
      failed+=("$target")
      continue
    fi
    echo "fuzz: $target: ${#inputs[@]} saved inputs pass" >&2
  fi
  [ "$mode" = replay ] && continue
  # Fuzz: the first corpus folder receives what libFuzzer finds; the others only seed it.
  if "$bin/$target" "${options[@]}" "${budget[@]}" -print_final_stats=1 \
      "$runs/corpus/$target" "$seeds/$target" "$regressions" >"$log" 2>&1; then
    stats=$(grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
    echo "fuzz: $target: $what, ${stats:-no DONE line}" >&2
  else
    echo "fuzz: $target found a problem (see $log):" >&2
    grep -aE '^(==|SUMMARY|Fatal|artifact_prefix|Test unit written)|error:' "$log" | head -8 >&2 || true
    failed+=("$target")
  fi
done

# The closing line in the form test runners use.
echo "fuzz: $(( ${#targets[@]} - ${#failed[@]} )) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: failed: ${failed[*]}" >&2; exit 1; }
