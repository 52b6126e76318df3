#!/usr/bin/env bash
# Fuzzes the mapping loader (config::parse_mapping) with libFuzzer for a set time; see
# docs/fuzzing.md. Builds tests/fuzz/mapping_fuzzer.cpp with clang++-14 and
# -fsanitize=fuzzer,address,undefined into ${PGSPLIT_FUZZ_BUILD_DIR:-build-libfuzzer}, then
# runs it over a working copy of tests/fuzz/corpus. Exits non-zero on any crash, hang, leak,
# out-of-memory or sanitizer report, naming the input that caused it.
#
#   scripts/fuzz.sh [--seconds N] [--jobs N]     defaults: 300 seconds, 1 job
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() { echo "usage: scripts/fuzz.sh [--seconds N] [--jobs N]" >&2; exit 2; }
seconds=300
jobs=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) [[ ${2:-} =~ ^[0-9]+$ && $2 -gt 0 ]] || usage; seconds=$2; shift 2 ;;
    --jobs) [[ ${2:-} =~ ^[0-9]+$ && $2 -gt 0 ]] || usage; jobs=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "fuzz: unknown argument '$1'" >&2; usage ;;
  esac
done

# clang and its libFuzzer runtime are needed only here, so they are not in install-deps.sh.
scripts/install-deps.sh
if ! command -v clang++-14 >/dev/null || ! dpkg-query -W libclang-rt-14-dev >/dev/null 2>&1; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  echo "fuzz: installing clang-14 libclang-rt-14-dev" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null
fi

build_dir=${PGSPLIT_FUZZ_BUILD_DIR:-build-libfuzzer}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++-14 \
  -DPGSPLIT_FUZZ_LIBFUZZER=ON -DPGSPLIT_FUZZ_REPLAY=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target pgsplit_mapping_fuzzer
fuzzer=$root/$build_dir/tests/fuzz/pgsplit_mapping_fuzzer

# The working corpus grows from run to run; the seeds are copied in again each time.
work=$root/$build_dir/fuzz-run
rm -rf "$work/artifacts" "$work"/fuzz-*.log
mkdir -p "$work/corpus" "$work/artifacts"
cp tests/fuzz/corpus/* "$work/corpus/"

# -timeout: one input taking longer is a hang (generous: an input near the alias limits of
# yaml_tree.cpp takes about a second under ASan, more on a busy machine). -max_len: a mapping file bigger than
# 8 KiB adds nothing the small ones do not cover. -entropic_scale_per_exec_time: spend less
# time on those slow alias-heavy inputs. Leaks are reported (libFuzzer's default).
options=(-max_total_time="$seconds" -timeout=30 -max_len=8192 -rss_limit_mb=2048
  -entropic_scale_per_exec_time=1 -dict="$root/tests/fuzz/mapping.dict"
  -artifact_prefix="$work/artifacts/" -print_final_stats=1)
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "fuzz: $jobs job(s) for ${seconds}s; log in $work" >&2
status=0
cd "$work"
if [[ $jobs -eq 1 ]]; then
  "$fuzzer" "${options[@]}" corpus 2>&1 | tee fuzz-0.log >/dev/null || status=$?
else
  # Each job fuzzes for the whole time and writes fuzz-<n>.log; all share the corpus.
  "$fuzzer" "${options[@]}" -jobs="$jobs" -workers="$jobs" corpus >/dev/null 2>&1 || status=$?
fi

for log in fuzz-*.log; do
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
    "$log" | sed "s/^/fuzz: $log: /" >&2 || true
done
mapfile -t found < <(find artifacts -type f | sort)
if [[ $status -ne 0 || ${#found[@]} -gt 0 ]]; then
  echo "fuzz: FAILED (exit $status); see the logs in $work" >&2
  for file in "${found[@]}"; do
    echo "fuzz: found $work/$file" >&2
    echo "fuzz:   reproduce: $fuzzer $work/$file" >&2
  done
  grep -hE -m3 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|mapping_fuzzer:' \
    fuzz-*.log | sed 's/^/fuzz: /' >&2 || true
  exit 1
fi
echo "fuzz: no crash, hang, leak or sanitizer report in ${seconds}s" >&2
