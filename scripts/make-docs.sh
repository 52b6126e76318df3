#!/usr/bin/env bash
# Generates the man pages and shell completions into OUT_DIR (run by the build, target
# pgsplit_docs in cmake/docs.cmake; needs help2man, pandoc and python3 from Debian):
#   pgsplit.1.gz          from the binary's --help texts (help2man + scripts/cli-reference.py):
#                         every command and option the code defines, so it cannot drift
#   pgsplit-mapping.5.gz  from docs/mapping.md (pandoc)
#   pgsplit.bash, _pgsplit  bash and zsh completion, from the same --help texts
#
#   scripts/make-docs.sh PGSPLIT_BINARY OUT_DIR
set -euo pipefail
binary=$1
out=$2
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The first line of --version only: the second names the libpq of the machine that built it.
version=$("$binary" --version | head -n 1)
version=${version#pgsplit }
# A fixed date (the commit's, else none) keeps the pages reproducible.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}

python3 "$root/scripts/cli-reference.py" "$binary" help2man-include "$work/pgsplit.h2m"
help2man --locale=C.UTF-8 --no-info --section 1 --version-string "$version" \
  --name "split one PostgreSQL database into per-service databases" \
  --include "$work/pgsplit.h2m" --output "$work/pgsplit.1" "$binary"

{
  printf '# NAME\n\npgsplit-mapping - the mapping file of pgsplit (pgsplit.yaml)\n\n'
  printf '# DESCRIPTION\n\n'
  tail -n +2 "$root/docs/mapping.md" # without its title: NAME says it
  printf '\n# SEE ALSO\n\n**pgsplit**(1)\n'
} | pandoc --from gfm --to man --standalone --metadata title=PGSPLIT-MAPPING \
  --metadata section=5 --metadata header="pgsplit manual" \
  --metadata footer="pgsplit $version" --output "$work/pgsplit-mapping.5"

for page in pgsplit.1 pgsplit-mapping.5; do
  gzip -9 -n -c "$work/$page" >"$out/$page.gz" # Debian's man pages are gzipped
done
python3 "$root/scripts/cli-reference.py" "$binary" bash "$out/pgsplit.bash"
python3 "$root/scripts/cli-reference.py" "$binary" zsh "$out/_pgsplit"
