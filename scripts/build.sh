#!/usr/bin/env bash
# Configures and builds pgsplit (Release) into ${PGSPLIT_BUILD_DIR:-build}. Warnings are errors
# under CI (CI=true). Arguments name targets to build (default: everything, tests included),
# e.g. `scripts/build.sh pgsplit` for the executable alone.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${PGSPLIT_BUILD_DIR:-build}
werror=OFF
[[ ${CI:-} == true ]] && werror=ON
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPGSPLIT_WERROR=$werror >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j"$(nproc)" "${targets[@]}"
