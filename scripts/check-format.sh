#!/usr/bin/env bash
# Checks that every C++ file (*.cpp, *.hpp) is formatted as .clang-format says; lists the ones
# that are not and exits 1; then that no test name holds a ';' (scripts/check-test-names.py).
# scripts/test.sh runs it before building. To fix a file:
# `clang-format -i FILE` (clang-format 14, from scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v clang-format >/dev/null ||
  { echo "check-format: clang-format not found; run scripts/install-deps.sh" >&2; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
else
  mapfile -t files < <(find apps lib tests -name '*.cpp' -o -name '*.hpp' | sort)
fi

# One clang-format for all files (one per file takes a minute on a busy machine); each
# difference is reported as "FILE:LINE:COL: error: code should be clang-formatted".
status=0
report=$(clang-format --dry-run --Werror "${files[@]}" 2>&1) || status=$?
mapfile -t unformatted < <(
  sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' <<<"$report" |
    sort -u)
if [[ $status -ne 0 && ${#unformatted[@]} -eq 0 ]]; then
  echo "check-format: clang-format failed (exit $status):" >&2
  echo "$report" | head -20 >&2
  exit 1
fi
if [[ ${#unformatted[@]} -gt 0 ]]; then
  echo "check-format: ${#unformatted[@]} file(s) not formatted as .clang-format says:" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  echo "check-format: fix with: clang-format -i ${unformatted[*]}" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted" >&2
python3 scripts/check-test-names.py
