#!/usr/bin/env bash
# `plan --online` and `apply --online` refuse, before anything is written (exit 2), what online
# mode cannot do, each with its fix: a source without logical WAL, too few slots or replication
# workers, a role without REPLICATION, a table without replica identity, a row filter on a
# column outside it, a rename, an UNLOGGED table, leftovers of an earlier run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/online.bash"
ONLINE_SETTINGS="-c max_replication_slots=1 -c max_logical_replication_workers=1"
online_begin online_preconditions
online_source 100
online_targets

# nothing_written: no replication object, no target database.
nothing_written() {
  online_leftovers >"$E2E_WORK/leftovers"
  expect_empty "$E2E_WORK/leftovers" "replication objects"
  [[ -z $(psql_at "$ONLINE_SERVER_URL" -c "SELECT datname FROM pg_database WHERE datname LIKE '%\\_billing' OR datname LIKE '%\\_tracking'") ]] ||
    fail "a target database was created"
  ok "nothing was written"
}

# --- the source's settings: one free slot, one replication worker, for two targets -------------
expect_exit 2 "$PGSPLIT_BIN" plan -c "$ONLINE_CONFIG" --online
expect_contains "$E2E_OUT" "the source has 1 free replication slot(s); online mode needs one per target (2)"
expect_contains "$E2E_OUT" "raise max_replication_slots"
expect_contains "$E2E_OUT" "has 1 free logical replication worker(s)"
expect_contains "$E2E_OUT" "raise max_logical_replication_workers"
expect_exit 2 "$PGSPLIT_BIN" apply -c "$ONLINE_CONFIG" --online
expect_contains "$E2E_ERR" "nothing was written"
nothing_written

# --- wal_level = replica: the shared test cluster as the source -----------------------------------
db_name replica_source
create_db "$E2E_DB"
psql_at "$(db_url "$E2E_DB")" -v rows=10 -f "$ONLINE_FIXTURES/source.sql" >/dev/null
(
  export ONLINE_SOURCE_URL; ONLINE_SOURCE_URL=$(db_url "$E2E_DB")
  expect_exit 2 "$PGSPLIT_BIN" plan -c "$ONLINE_CONFIG" --online
  expect_contains "$E2E_OUT" "the source's wal_level is 'replica'"
  expect_contains "$E2E_OUT" "ALTER SYSTEM SET wal_level = logical"
)
ok "wal_level replica is refused with its fix"

# --- tables: a mapping of its own --------------------------------------------------------------
psql_at "$ONLINE_SOURCE_URL" >/dev/null <<'SQL'
CREATE TABLE notes (body text);
CREATE UNLOGGED TABLE sessions (id int PRIMARY KEY);
CREATE TABLE ledger (id int PRIMARY KEY, amount int);
SELECT pg_create_logical_replication_slot('pgsplit_tracking', 'pgoutput');
SQL
cat >"$E2E_WORK/tables.yaml" <<'EOF_YAML'
source:
  url: ${ONLINE_SOURCE_URL}
targets:
  billing:
    url: ${ONLINE_BILLING_URL}
    create_database: true
    tables:
      - accounts
      - orders
      - notes
      - sessions
      - {name: ledger, rename: journal}
      - {name: countries, replicate: true}
      - {name: events, where: "kind = 'k1'"}
  tracking:
    url: ${ONLINE_TRACKING_URL}
    create_database: true
    tables:
      - {name: countries, replicate: true}
      - {name: events, where: "kind <> 'k1'"}
EOF_YAML
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/tables.yaml" --online
expect_contains "$E2E_OUT" "public.notes has no primary key nor replica identity"
expect_contains "$E2E_OUT" "set \`replica_identity: full\` on its entry"
expect_contains "$E2E_OUT" "public.sessions is UNLOGGED"
expect_contains "$E2E_OUT" 'ALTER TABLE "public"."sessions" SET LOGGED'
expect_contains "$E2E_OUT" "public.ledger is renamed to public.journal"
expect_contains "$E2E_OUT" "the row filter of public.events uses column kind, which is not in its replica identity"
expect_contains "$E2E_OUT" "the source holds the replication slot pgsplit_tracking of an earlier online run"
expect_contains "$E2E_OUT" "pgsplit cleanup"
ok "each table rule names the table and its fix"

# cleanup removes the leftover slot, and only ours.
psql_at "$ONLINE_SOURCE_URL" -c "SELECT pg_drop_replication_slot('pgsplit_tracking')" >/dev/null
psql_at "$ONLINE_SOURCE_URL" -c "CREATE PUBLICATION pgsplit_billing FOR TABLE ledger; CREATE PUBLICATION mine FOR TABLE ledger" >/dev/null
expect_exit 0 "$PGSPLIT_BIN" cleanup -c "$E2E_WORK/tables.yaml"
expect_contains "$E2E_OUT" "dropped publication pgsplit_billing on the source"
expect_eq "$(psql_at "$ONLINE_SOURCE_URL" -c "SELECT string_agg(pubname, ',') FROM pg_publication")" mine \
  "publications left after cleanup"
expect_exit 0 "$PGSPLIT_BIN" cleanup -c "$E2E_WORK/tables.yaml"
expect_contains "$E2E_OUT" "nothing to drop"
ok "cleanup drops pgsplit's objects only, and is idempotent"

# --- a role without REPLICATION that owns nothing -------------------------------------------------
psql_at "$ONLINE_SOURCE_URL" >/dev/null <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE online_plain LOGIN PASSWORD 'plain-secret';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO online_plain;
SQL
(
  base=${ONLINE_SOURCE_URL#postgresql://postgres@}
  export ONLINE_SOURCE_URL="postgresql://online_plain:plain-secret@$base"
  expect_exit 2 "$PGSPLIT_BIN" plan -c "$ONLINE_CONFIG" --online
  expect_contains "$E2E_OUT" "the source role online_plain may not create replication slots"
  expect_contains "$E2E_OUT" 'ALTER ROLE "online_plain" REPLICATION'
  expect_contains "$E2E_OUT" "the source role does not own public.accounts"
  expect_not_contains "$E2E_ERR" "plain-secret"
)
psql_at "$ONLINE_SOURCE_URL" -c "DROP OWNED BY online_plain; DROP ROLE online_plain" >/dev/null
ok "a role without REPLICATION nor ownership is refused"
