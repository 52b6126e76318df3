#!/usr/bin/env bash
# The test command: installs dependencies, builds, starts a throwaway PostgreSQL, runs every
# test (unit, integration, e2e) with ctest, stops the cluster. Exits non-zero on any failure.
# Extra arguments go to ctest, e.g. `scripts/test.sh -L unit` or `-R plan`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scripts/install-deps.sh
scripts/build.sh

sandbox="test-$$"
trap '"$root/scripts/pg-sandbox" stop "$sandbox"' EXIT
PGSPLIT_TEST_URL=$("$root/scripts/pg-sandbox" start "$sandbox")
export PGSPLIT_TEST_URL

cd "${PGSPLIT_BUILD_DIR:-build}"
status=0
ctest --output-on-failure --timeout 900 -j2 "$@" || status=$?
exit $status
