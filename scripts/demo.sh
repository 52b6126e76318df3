#!/usr/bin/env bash
# The demo: on a fresh Debian 12 machine, installs dependencies, builds pgsplit, starts a
# throwaway PostgreSQL, loads the job-board monolith (sql/demo/monolith.sql) and runs
# plan → apply → verify on config/demo.yaml, as far as those commands exist.
#
#   scripts/demo.sh [--scale N] [--keep]
#
# --scale N  monolith size (default 0.3 ≈ 50 MB; 10 ≈ 1.6 GB)
# --keep     leave the sandbox running at the end and print how to reach it
# Safe to run twice: the demo databases are dropped and recreated.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scale=0.3
keep=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "demo.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Installing dependencies and building"
scripts/install-deps.sh
scripts/build.sh pgsplit >/dev/null
pgsplit="$PWD/${PGSPLIT_BUILD_DIR:-build}/apps/pgsplit"
"$pgsplit" --version

step "Starting a throwaway PostgreSQL"
admin_url=$(scripts/pg-sandbox start demo)
$keep || trap '"$root/scripts/pg-sandbox" stop demo' EXIT
echo "sandbox: $admin_url"
base=${admin_url%/postgres}

# Quietly: a first run would print a NOTICE per database that does not exist yet.
databases=(monolith auth candidate company payment document logs)
for database in "${databases[@]}"; do
  PGOPTIONS="-c client_min_messages=warning" psql -q "$admin_url" \
    -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"
done

step "Loading the job-board monolith (scale $scale)"
psql -q "$admin_url" -c "CREATE DATABASE monolith"
time psql -q -v ON_ERROR_STOP=1 -v scale="$scale" "$base/monolith" -f sql/demo/monolith.sql
psql -q "$base/monolith" -c "SELECT n.nspname AS schema, c.relname AS table, c.reltuples::bigint AS rows,
  pg_size_pretty(pg_table_size(c.oid)) AS size FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r','p') AND n.nspname NOT IN ('pg_catalog','information_schema')
  ORDER BY pg_table_size(c.oid) DESC"

export MONOLITH_URL="$base/monolith"
export AUTH_DB_URL="$base/auth" CANDIDATE_DB_URL="$base/candidate" COMPANY_DB_URL="$base/company"
export PAYMENT_DB_URL="$base/payment" DOCUMENT_DB_URL="$base/document" LOGS_DB_URL="$base/logs"

# apply checks row counts itself; here the demo leaves that to `verify`, so that its table is
# printed once.
step "pgsplit plan -c config/demo.yaml"
"$pgsplit" plan -c config/demo.yaml
step "pgsplit apply -c config/demo.yaml --verify none"
"$pgsplit" apply -c config/demo.yaml --verify none
step "pgsplit verify -c config/demo.yaml"
"$pgsplit" verify -c config/demo.yaml

if $keep; then
  step "The sandbox is still running"
  echo "monolith: $MONOLITH_URL"
  echo "stop it with: scripts/pg-sandbox stop demo"
fi
