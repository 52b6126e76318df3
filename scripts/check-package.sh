#!/usr/bin/env bash
# CI check of the Debian package (issue 19): builds it (scripts/package.sh), checks that
# `dpkg -c` lists the expected files, installs it with dpkg (its dependencies must already be
# there: they are the build's), runs the installed pgsplit (--version, plan --help), reads
# `man pgsplit` and `man pgsplit-mapping`, checks the bash completion is in place, and removes
# the package again. Runs as root (CI) or with sudo. Leaves the machine as it found it: a
# pgsplit package installed before is refused rather than replaced.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
[[ $(id -u) -eq 0 ]] || sudo=sudo
fail() { echo "check-package: FAIL: $*" >&2; exit 1; }

if dpkg-query -W -f='${Status}' pgsplit 2>/dev/null | grep -q "install ok installed"; then
  fail "a pgsplit package is installed already; remove it first (dpkg -r pgsplit)"
fi
package=$(scripts/package.sh)
echo "check-package: $package"
work=$(mktemp -d)
installed=false
cleanup() {
  rm -rf "$work"
  if $installed; then $sudo dpkg -r pgsplit >/dev/null || true; fi
}
trap cleanup EXIT

# --- the package's metadata and files ---------------------------------------------------------
dpkg-deb -f "$package" Package Version Depends Description >"$work/control"
version=$(dpkg-deb -f "$package" Version)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(\+git[0-9]+\.[0-9a-f]+)?$ ]] || fail "version '$version'"
grep -q '^Depends: .*libpq5' "$work/control" || fail "Depends lacks libpq5 (shlibdeps): $(cat "$work/control")"
dpkg -c "$package" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files"
for expected in /usr/bin/pgsplit /usr/share/man/man1/pgsplit.1.gz \
  /usr/share/man/man5/pgsplit-mapping.5.gz /usr/share/bash-completion/completions/pgsplit \
  /usr/share/zsh/vendor-completions/_pgsplit /usr/share/doc/pgsplit/README.md \
  /usr/share/doc/pgsplit/copyright /usr/share/doc/pgsplit/docs/mapping.md; do
  grep -qx "$expected" "$work/files" || { cat "$work/files" >&2; fail "dpkg -c lacks $expected"; }
done
echo "check-package: ok: $version, Depends: $(sed -n 's/^Depends: //p' "$work/control")"

# --- installed --------------------------------------------------------------------------------
$sudo dpkg -i "$package" >/dev/null
installed=true
[[ $(command -v pgsplit) == /usr/bin/pgsplit ]] || fail "pgsplit is not /usr/bin/pgsplit on PATH"
/usr/bin/pgsplit --version >"$work/version"
grep -qx "pgsplit $version" "$work/version" || fail "pgsplit --version: $(cat "$work/version")"
grep -qE '^libpq [0-9]+\.[0-9]+$' "$work/version" || fail "no libpq line in --version"
/usr/bin/pgsplit plan --help | grep -q -- "--format" || fail "pgsplit plan --help"
LC_ALL=C MANWIDTH=100 man pgsplit 2>/dev/null | col -b >"$work/man1"
grep -q "COMMANDS" "$work/man1" && grep -q -- "--format" "$work/man1" || fail "man pgsplit"
LC_ALL=C MANWIDTH=100 man 5 pgsplit-mapping 2>/dev/null | col -b >"$work/man5"
grep -q "pgsplit-mapping - the mapping file" "$work/man5" || fail "man 5 pgsplit-mapping"
bash -c 'source /usr/share/bash-completion/completions/pgsplit && complete -p pgsplit' >/dev/null ||
  fail "the installed bash completion does not register pgsplit"
echo "check-package: ok: installed; pgsplit --version, plan --help, man pgsplit, man 5 pgsplit-mapping, completion"

$sudo dpkg -r pgsplit >/dev/null
installed=false
[[ ! -e /usr/bin/pgsplit && ! -e /usr/share/man/man1/pgsplit.1.gz ]] || fail "dpkg -r left files behind"
echo "check-package: ok: removed"
