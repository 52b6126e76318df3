#!/usr/bin/env bash
# A server whose messages are not in English (issue 15, item 8): a missing target database is
# still recognised — pgsplit asks the server's catalog instead of reading the error's text —
# so `plan` reports it as such (exit 2, nothing written) and `apply` creates it when
# create_database is set. The server is a sandbox of this script's own, started with
# LANGUAGE=fr: gettext then translates the server's messages with the French catalog PostgreSQL
# ships, without any locale to generate (its lc_messages stays C.UTF-8).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin bad_input_server_language --server

sandbox=$PGSPLIT_SOURCE_DIR/scripts/pg-sandbox
own_sandbox=language-fr-$$
language_cleanup() {
  local status=$?
  "$sandbox" stop "$own_sandbox" >/dev/null 2>&1 || echo "warning: could not stop sandbox $own_sandbox" >&2
  set +e
  (exit "$status")
  e2e_cleanup
}
trap language_cleanup EXIT

server=$(LANGUAGE=fr "$sandbox" start "$own_sandbox") || fail "could not start a sandbox"
unset LANGUAGE || true
on_server() { echo "${server%/*}/$1"; }
said=$(psql_at "$server" -c 'SELECT 1 / 0' 2>&1 || true)
[[ $said == *"division par z"* ]] ||
  fail "the sandbox does not answer in French (got: $said); it needs PostgreSQL's French message catalog (/usr/share/locale/fr/LC_MESSAGES/postgres-*.mo, in the postgresql package)"
said=$(psql_at "$(on_server missing_db_probe)" -c 'SELECT 1' 2>&1 || true)
[[ $said == *"n'existe pas"* && $said != *"does not exist"* ]] ||
  fail "a missing database is not reported in French (got: $said)"
ok "own sandbox started with LANGUAGE=fr: '$said'"

psql_at "$server" -c "CREATE DATABASE src" >/dev/null
psql_at "$(on_server src)" -c "CREATE TABLE notes (id int PRIMARY KEY, body text);
  INSERT INTO notes VALUES (1, 'un'), (2, 'deux');" >/dev/null
export LANG_SOURCE_URL LANG_TARGET_URL
LANG_SOURCE_URL=$(on_server src)
LANG_TARGET_URL=$(on_server notes_target)

write_mapping() {
  cat >"$E2E_WORK/pgsplit.yaml" <<YAML
source: {url: "\${LANG_SOURCE_URL}"}
targets:
  notes:
    url: "\${LANG_TARGET_URL}"
    create_database: $1
    tables: [notes]
YAML
}

write_mapping false
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_line_with "$E2E_OUT" "error: " "target database" "/notes_target does not exist"
expect_contains "$E2E_OUT" "create it, or set create_database: true for this target"
expect_eq "$(psql_at "$server" -c "SELECT count(*) FROM pg_database WHERE datname = 'notes_target'")" 0 \
  "databases named notes_target"
ok "plan: the missing target database is reported as missing, with the hint; exit 2, not created"

write_mapping true
expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_contains "$E2E_OUT" "(create database)"
expect_exit 0 "$PGSPLIT_BIN" apply -c "$E2E_WORK/pgsplit.yaml"
expect_eq "$(psql_at "$LANG_TARGET_URL" -c 'SELECT string_agg(body, $$,$$ ORDER BY id) FROM notes' 2>&1)" "un,deux" \
  "notes in the created target"
ok "create_database: true: plan OK, apply creates the database and copies the rows"
