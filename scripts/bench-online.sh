#!/usr/bin/env bash
# The online-mode measurement of issue #13: on the demo monolith under a steady write load,
# how long `apply --online` takes compared with `apply`, how fast the targets catch up after
# the copy, the lag while they stream, and the write freeze of `cutover`.
#
#   scripts/bench-online.sh [--scale N] [--jobs J] [--rate R] [--output docs/benchmarks-online.md]
#
# --scale N   demo monolith size (default 1 ≈ 160 MB; 10 ≈ 1.6 GB)
# --jobs J    -j of apply (default 2, the machine's cores)
# --rate R    write transactions per second of the load (pgbench -R, default 50), each an
#             insert, an update and a delete on tables of three targets
# --output F  the Markdown report (default docs/benchmarks-online.md)
# PGSPLIT_BIN=path  measure this pgsplit instead of build/apps/pgsplit
#
# One private cluster (wal_level = logical) holds the source and the six targets, so the
# numbers include both sides' work on the same 2 cores. It reports and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scale=1
jobs=2
rate=50
output=docs/benchmarks-online.md
while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-online.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ $output == /* ]] || output=$root/$output
pgsplit=${PGSPLIT_BIN:-$root/build/apps/pgsplit}
[[ -x $pgsplit ]] || { echo "bench-online.sh: no pgsplit at $pgsplit (scripts/build.sh)" >&2; exit 1; }
pgbench=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)
[[ -n $pgbench ]] || { echo "bench-online.sh: pgbench not found (postgresql-client)" >&2; exit 1; }

sandbox=bench-online
work=$(mktemp -d /tmp/pgsplit-bench-online.XXXXXX)
load_pid=
cleanup() {
  [[ -n $load_pid ]] && kill "$load_pid" 2>/dev/null || true
  "$root/scripts/pg-sandbox" stop "$sandbox" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

admin=$(PGSPLIT_SANDBOX_SETTINGS="-c wal_level=logical" "$root/scripts/pg-sandbox" start "$sandbox")
base=${admin%/*}
export MONOLITH_URL=$base/monolith
targets=(auth candidate company payment document logs)
for target in "${targets[@]}"; do export "${target^^}_DB_URL=$base/${target}_db"; done
drop_targets() {
  for target in "${targets[@]}"; do sql "$admin" -c "DROP DATABASE IF EXISTS ${target}_db WITH (FORCE)"; done
}

echo "== loading the demo monolith at scale $scale" >&2
sql "$admin" -c "CREATE DATABASE monolith"
sql "$MONOLITH_URL" -v scale="$scale" -f sql/demo/monolith.sql >/dev/null
# Online mode cannot stream an UNLOGGED table (its changes are not in the WAL).
sql "$MONOLITH_URL" -c "ALTER TABLE refresh_tokens SET LOGGED" -c "VACUUM ANALYZE"
size=$(sql "$MONOLITH_URL" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")

# The write load: one transaction touching three services' tables.
cat >"$work/writes.sql" <<'SQL'
\set n random(0, 99)
BEGIN;
INSERT INTO notifications (user_id, channel, template, subject, body)
  SELECT id, 'email', 'bench', 'bench', 'bench' FROM users ORDER BY id OFFSET :n LIMIT 1;
UPDATE profiles SET headline = 'bench ' || :n
  WHERE user_id = (SELECT id FROM users ORDER BY id OFFSET :n LIMIT 1);
DELETE FROM refresh_tokens WHERE id = (SELECT min(id) FROM refresh_tokens);
COMMIT;
SQL
start_load() {
  "$pgbench" -n -c 2 -R "$rate" -T 3600 -f "$work/writes.sql" "$MONOLITH_URL" >"$work/load.log" 2>&1 &
  load_pid=$!
}
stop_load() { kill "$load_pid" 2>/dev/null || true; wait "$load_pid" 2>/dev/null || true; load_pid=; }
wal() { sql "$MONOLITH_URL" -c "SELECT pg_current_wal_lsn()"; }
wal_bytes() { sql "$MONOLITH_URL" -c "SELECT pg_wal_lsn_diff('$2', '$1')::bigint"; }

echo "== apply (offline, --verify none) under the load" >&2
start_load
started=$EPOCHREALTIME
"$pgsplit" apply -c config/demo.yaml -j "$jobs" --verify none -q --format json >"$work/offline.json"
offline=$(since "$started")
stop_load
drop_targets

echo "== apply --online under the load" >&2
start_load
lsn_before=$(wal)
started=$EPOCHREALTIME
"$pgsplit" apply -c config/demo.yaml -j "$jobs" --online -q --format json >"$work/online.json"
online=$(since "$started")
lsn_after=$(wal)
copy_seconds=$(json "$work/online.json" 'round(d["apply"]["seconds"], 2)')
catch_up=$(awk -v a="$online" -v b="$copy_seconds" 'BEGIN { printf "%.2f", a - b }')
wal_during=$(wal_bytes "$lsn_before" "$lsn_after")

echo "== streaming for 20 s under the load" >&2
max_lag=0 max_seconds=0
for _ in $(seq 1 20); do
  "$pgsplit" status -c config/demo.yaml --format json >"$work/status.json"
  lag=$(json "$work/status.json" 'max(t["lag_bytes"] or 0 for t in d["targets"])')
  seconds=$(json "$work/status.json" 'max(t["lag_seconds"] or 0 for t in d["targets"])')
  max_lag=$(( lag > max_lag ? lag : max_lag ))
  max_seconds=$(awk -v a="$seconds" -v b="$max_seconds" 'BEGIN { print (a > b) ? a : b }')
  sleep 1
done

echo "== cutover under the load" >&2
"$pgsplit" cutover -c config/demo.yaml --format json >"$work/cutover.json"
freeze=$(json "$work/cutover.json" 'round(d["write_freeze_seconds"], 2)')
cutover_ok=$(json "$work/cutover.json" 'd["ok"]')
stop_load

cat >"$output" <<MD
# Online mode: measured

\`scripts/bench-online.sh --scale $scale --jobs $jobs --rate $rate\`, $(date -u +%Y-%m-%d), on
$(nproc) cores; source and six targets on one local PostgreSQL $(sql "$admin" -c "SHOW server_version" | cut -d' ' -f1)
(wal_level = logical); the demo monolith, $size; a steady load of $rate write transactions per
second (pgbench: an insert, an update and a delete on tables of three services) during every
step. One run: the numbers move by tens of percent between runs on this shared machine.

| measure | value |
|---|---|
| \`apply\` (offline, \`--verify none\`) | $offline s |
| \`apply --online\` until every target streams | $online s |
| extra time of \`apply --online\` over \`apply\` | $(awk -v a="$online" -v b="$offline" 'BEGIN { printf "%.2f s (%.0f%%)", a - b, 100 * (a - b) / b }') |
| of which the copy | $copy_seconds s |
| after the copy: subscriptions and catch-up | $catch_up s |
| source WAL written during \`apply --online\` | $(numfmt --to=iec "$wal_during")B |
| largest lag while streaming (20 samples, 1 s apart) | $(numfmt --to=iec "$max_lag")B, $max_seconds s |
| \`cutover\` write freeze (lock → fence committed; counts verified inside) | $freeze s |
| \`cutover\` verified | $cutover_ok |

Source and targets share one cluster here, so the source's WAL also holds the targets' own
COPY and index builds: every slot's walsender decodes (and skips) all of it before its
subscription can confirm the position apply waits for. That is most of the time after the
copy; with targets on their own servers the source's WAL holds only the application's writes.

The write freeze holds the locks while the targets confirm the last position, the sequences are
set and every table's rows are counted on both sides; it grows with the number of tables and
targets (connections, counts), not with the data the copy moved. \`--checksums\` reads every
row inside the freeze.
MD
echo "bench-online.sh: report written to $output" >&2
cat "$output"
