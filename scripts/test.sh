#!/usr/bin/env bash
# The test command: installs dependencies, checks the formatting, builds, starts a throwaway
# PostgreSQL, runs every test (unit, integration, e2e) with ctest, stops the cluster. Exits
# non-zero on any failure. Extra arguments go to ctest, e.g. `scripts/test.sh -L unit` or `-R plan`.
#
#   scripts/test.sh --sanitize address   unit and integration tests under ASan+UBSan (build-asan)
#   scripts/test.sh --sanitize thread    the threaded engine's tests under TSan (build-tsan):
#                                        scheduler unit tests, copy and verify integration tests
# A sanitizer finding stops the test that hit it and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

sanitize=""
if [[ ${1:-} == --sanitize ]]; then
  case ${2:-} in
    address) sanitize=address,undefined; build_dir=${PGSPLIT_ASAN_BUILD_DIR:-build-asan} ;;
    thread) sanitize=thread; build_dir=${PGSPLIT_TSAN_BUILD_DIR:-build-tsan} ;;
    *) echo "usage: scripts/test.sh [--sanitize address|thread] [ctest arguments]" >&2; exit 2 ;;
  esac
  shift 2
fi

scripts/install-deps.sh
if [[ -z $sanitize ]]; then
  scripts/check-format.sh
  scripts/build.sh
  build_dir=${PGSPLIT_BUILD_DIR:-build}
  labels=()
else
  # Only what the tests need; Debian's libraries (libpq, OpenSSL, yaml-cpp) are not instrumented.
  targets=(pgsplit_unit_tests pgsplit_integration_tests)
  PGSPLIT_SANITIZE=$sanitize PGSPLIT_BUILD_DIR=$build_dir scripts/build.sh "${targets[@]}"
  labels=(-L 'unit|integration')
  export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
fi

sandbox="test-$$"
trap '"$root/scripts/pg-sandbox" stop "$sandbox"' EXIT
PGSPLIT_TEST_URL=$("$root/scripts/pg-sandbox" start "$sandbox")
export PGSPLIT_TEST_URL

cd "$build_dir"
status=0
ctest --output-on-failure --timeout 900 -j2 "${labels[@]}" "$@" || status=$?
exit $status
