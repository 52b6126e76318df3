#!/usr/bin/env bash
# `pgsplit stamp` with config/demo.yaml on six empty target databases: every service's version
# table is written, a second run changes nothing, --dry-run connects nowhere, --target selects,
# an unknown target is a usage error (exit 2) and a failing `sql:` entry a server error (exit 1)
# that leaves its target untouched.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin stamp_command --server

config=$PGSPLIT_SOURCE_DIR/config/demo.yaml
demo_stamp_targets
ok "six empty target databases"

# Every version table of the split, ids and timestamps included.
version_tables() {
  psql_at "$(db_url "${target_db[auth]}")" -c "SELECT 'auth', t::text FROM alembic_version_auth t"
  psql_at "$(db_url "${target_db[candidate]}")" -c "SELECT 'candidate', t::text FROM alembic_version t"
  psql_at "$(db_url "${target_db[company]}")" -c \
    "SELECT 'company', t::text FROM flyway_schema_history t ORDER BY installed_rank"
  psql_at "$(db_url "${target_db[payment]}")" -c "SELECT 'payment', t::text FROM schema_migrations t"
  psql_at "$(db_url "${target_db[document]}")" -c \
    "SELECT 'document', t::text FROM _prisma_migrations t ORDER BY migration_name"
  psql_at "$(db_url "${target_db[logs]}")" -c \
    "SELECT 'logs', t::text FROM alembic_version_notification t
     UNION ALL SELECT 'logs', t::text FROM alembic_version_audit t"
}

# --- --dry-run: the statements, without connecting ----------------------------------------------
# Every target URL points at a closed port: a connection attempt would fail the run.
(
  for target in "${targets[@]}"; do
    export "${target^^}_DB_URL=postgresql://nobody@127.0.0.1:1/${target}_db"
  done
  expect_exit 0 "$PGSPLIT_BIN" stamp -c "$config" --dry-run
  cp "$E2E_OUT" "$E2E_WORK/dry-run.out"
)
dry=$E2E_WORK/dry-run.out
expect_contains "$dry" "-- target auth"
expect_contains "$dry" "BEGIN;"
expect_contains "$dry" "COMMIT;"
expect_contains "$dry" "INSERT INTO \"alembic_version_auth\" (\"version_num\") VALUES ('d7a3e8b41c92');"
expect_contains "$dry" "CREATE INDEX IF NOT EXISTS \"flyway_schema_history_s_idx\""
expect_contains "$dry" "INSERT INTO \"schema_migrations\" (\"version\", \"dirty\") VALUES ('4', 'false');"
expect_contains "$dry" "'20240620120000_soft_delete'"
test "$(grep -c '^BEGIN;$' "$dry")" -eq 6 || { show_file dry-run "$dry"; fail "expected one transaction per target"; }
ok "--dry-run prints each target's statements in one transaction, without connecting"
for target in "${targets[@]}"; do
  test "$(psql_at "$(db_url "${target_db[$target]}")" -c \
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" -eq 0 ||
    fail "--dry-run wrote into target $target"
done
ok "--dry-run wrote nothing"
db_name dry_sql; dry_sql_db=$E2E_DB
create_db "$dry_sql_db"
sed -n '/^-- target company$/,/^COMMIT;$/p' "$dry" >"$E2E_WORK/company.sql"
psql_at "$(db_url "$dry_sql_db")" -f "$E2E_WORK/company.sql" >/dev/null ||
  { show_file company.sql "$E2E_WORK/company.sql"; fail "the --dry-run statements of company do not run in psql"; }
test "$(psql_at "$(db_url "$dry_sql_db")" -c "SELECT version || ' ' || type FROM flyway_schema_history")" = "2 BASELINE" ||
  fail "the --dry-run statements of company did not write the baseline"
ok "the --dry-run statements run as they are in psql"

# --- the first run --------------------------------------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$config"
expect_empty "$E2E_ERR" "stamp stderr"
expect_contains "$E2E_OUT" 'auth: alembic "alembic_version_auth" at revision d7a3e8b41c92 (1 row)'
expect_contains "$E2E_OUT" 'candidate: alembic "alembic_version" at revision 9b8d4c3a2e10 (1 row)'
expect_contains "$E2E_OUT" 'company: flyway "flyway_schema_history" baseline at version 2'
expect_contains "$E2E_OUT" 'payment: golang-migrate "schema_migrations" at version 4 (1 row)'
expect_contains "$E2E_OUT" 'document: prisma "_prisma_migrations" with 3 migrations, up to 20240620120000_soft_delete (3 rows)'
expect_contains "$E2E_OUT" 'logs: alembic "alembic_version_notification" at revision e3b71f0c8a46 (1 row)'
expect_contains "$E2E_OUT" 'logs: alembic "alembic_version_audit" at revision a91b3e5c7d24 (1 row)'
test "$(wc -l <"$E2E_OUT")" -eq 7 || { show_file stdout "$E2E_OUT"; fail "expected one line per stamp entry (7)"; }
ok "stamp writes the seven version tables of the six targets, one line each"

version_tables >"$E2E_WORK/tables.first"
expect_contains "$E2E_WORK/tables.first" "auth|(d7a3e8b41c92)"
expect_contains "$E2E_WORK/tables.first" "payment|(4,f)"
expect_match "$E2E_WORK/tables.first" '^company\|\(1,2,"<< Flyway Baseline >>",BASELINE,"<< Flyway Baseline >>",,postgres,'
expect_contains "$E2E_WORK/tables.first" \
  ",fe5cc377a2a65600ac3290483d0349eaba60906f2923b403b0b28f24e397716d,"
test "$(grep -c '^document|' "$E2E_WORK/tables.first")" -eq 3 ||
  { show_file tables "$E2E_WORK/tables.first"; fail "expected three prisma rows"; }
ok "the version tables hold the heads of the demo's migration folders"

# --- the second run changes nothing ---------------------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$config"
expect_contains "$E2E_OUT" 'auth: alembic "alembic_version_auth" at revision d7a3e8b41c92 (1 row, already up to date)'
expect_contains "$E2E_OUT" '(3 rows, already up to date)'
version_tables >"$E2E_WORK/tables.second"
if ! diff -u "$E2E_WORK/tables.first" "$E2E_WORK/tables.second" >"$E2E_WORK/tables.diff"; then
  show_file "difference" "$E2E_WORK/tables.diff"
  fail "a second stamp changed a version table"
fi
ok "a second run leaves every version table as it was (prisma ids and flyway's installed_on too)"

# --- --target ---------------------------------------------------------------------------------------
psql_at "$(db_url "${target_db[payment]}")" -c "UPDATE schema_migrations SET dirty = true" >/dev/null
psql_at "$(db_url "${target_db[auth]}")" -c "DELETE FROM alembic_version_auth" >/dev/null
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$config" --target payment
expect_contains "$E2E_OUT" 'payment: golang-migrate "schema_migrations" at version 4 (1 row)'
expect_not_contains "$E2E_OUT" "auth:"
test "$(psql_at "$(db_url "${target_db[auth]}")" -c "SELECT count(*) FROM alembic_version_auth")" -eq 0 ||
  fail "--target payment stamped auth too"
test "$(psql_at "$(db_url "${target_db[payment]}")" -c "SELECT t::text FROM schema_migrations t")" = "(4,f)" ||
  fail "--target payment did not reset the dirty flag"
ok "--target payment stamps payment only"

expect_exit 2 "$PGSPLIT_BIN" stamp -c "$config" --target nosuch
expect_contains "$E2E_ERR" "pgsplit: error: pgsplit stamp: unknown target 'nosuch'"
expect_contains "$E2E_ERR" "auth, candidate, company, payment, document, logs"
expect_exit 2 "$PGSPLIT_BIN" stamp -c "$config" --target candidat
expect_contains "$E2E_ERR" "unknown target 'candidat'; did you mean 'candidate'?"
ok "an unknown --target exits 2, with did you mean and the list of targets"

# --- a failing sql entry: exit 1, its target untouched ----------------------------------------------
db_name broken; broken_db=$E2E_DB
create_db "$broken_db"
cat >"$E2E_WORK/broken.yaml" <<YAML
source:
  url: postgresql://nobody@127.0.0.1:1/monolith
targets:
  svc:
    url: $(db_url "$broken_db")
    tables: [t]
    stamp:
      - alembic: {version: head, versions_dir: $PGSPLIT_SOURCE_DIR/config/demo/services/auth/alembic/versions}
      - sql: "INSERT INTO no_such_history VALUES ('1')"
YAML
expect_exit 1 "$PGSPLIT_BIN" stamp -c "$E2E_WORK/broken.yaml"
expect_contains "$E2E_ERR" 'relation "no_such_history" does not exist'
expect_contains "$E2E_ERR" "stamping target svc"
test "$(psql_at "$(db_url "$broken_db")" -c "SELECT to_regclass('alembic_version') IS NULL")" = "t" ||
  fail "the failed stamp left alembic_version behind"
ok "a failing sql entry exits 1 and rolls back its whole target"
