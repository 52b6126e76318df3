#!/usr/bin/env bash
# Builds the Debian package of pgsplit with CPack, from the normal build directory
# (${PGSPLIT_BUILD_DIR:-build}: a CI run reuses what it built) and prints its path.
# The package holds the binary, pgsplit(1), pgsplit-mapping(5), bash and zsh completion, the
# README and docs; its version is the project version plus git (`pgsplit --version` prints the
# same), its dependencies are computed from the binary (dpkg-shlibdeps).
#
#   scripts/package.sh            → build/pgsplit_0.1.0+git123.abcdef0_amd64.deb
# Then: sudo apt-get install ./build/pgsplit_*.deb (scripts/check-package.sh does, in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${PGSPLIT_BUILD_DIR:-build}
scripts/build.sh pgsplit pgsplit_docs >/dev/null
rm -f "$build_dir"/pgsplit_*.deb
(cd "$build_dir" && cpack -G DEB >cpack.log 2>&1) || {
  cat "$build_dir/cpack.log" >&2
  echo "package.sh: cpack failed (log above)" >&2
  exit 1
}
package=$(ls "$build_dir"/pgsplit_*.deb)
echo "$PWD/$package"
