#!/usr/bin/env bash
# Configures and builds pgsplit (Release) into ${PGSPLIT_BUILD_DIR:-build}. Warnings are errors
# under CI (CI=true). Arguments name targets to build (default: everything, tests included),
# e.g. `scripts/build.sh pgsplit` for the executable alone.
# PGSPLIT_SANITIZE=address,undefined (or thread) builds an instrumented tree instead
# (cmake/sanitizers.cmake); scripts/test.sh --sanitize uses it with its own build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache (when installed) keys its cache on paths relative to the clone, so that a fresh clone
# in another folder (CI) reuses what an earlier build compiled.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
build_dir=${PGSPLIT_BUILD_DIR:-build}
werror=OFF
[[ ${CI:-} == true ]] && werror=ON
build_type=Release
if [[ -n ${PGSPLIT_SANITIZE:-} ]]; then
  build_type=Debug # asserts on; the sanitizer flags bring -O1
  # The normal build checks the warnings; instrumented -O1 code makes GCC report false
  # -Wmaybe-uninitialized in libstdc++'s <regex> (through Catch2), which must not fail CI.
  werror=OFF
fi
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=$build_type -DPGSPLIT_WERROR=$werror \
  -DPGSPLIT_SANITIZE="${PGSPLIT_SANITIZE:-}" >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j"$(nproc)" "${targets[@]}"
