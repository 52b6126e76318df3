#!/usr/bin/env bash
# Bad input found by probing the source and the targets, or the migration folders (issue 9, "Bad
# input"): a target table holding rows, a target column missing under schema: existing, invalid
# `where` filters, `where` filters that try to write to the source (refused by its parser or by
# the read-only transaction they run in), a missing migrations folder, two alembic heads. Each
# through `apply` and `plan`: exit 2, the problem with file:line:col, target and table, the hint,
# and nothing written anywhere — above all not to the source.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin bad_input_targets --server
source "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/bad_input/scenario.bash"
bad_input_setup
vault_url=$BI_VAULT_URL

# Two more existing targets, as a service's migrations might have left them: victims holding a
# row, and victims without its column note.
db_name full; full_db=$E2E_DB
create_db "$full_db"
psql_at "$(db_url "$full_db")" -c "
  CREATE TABLE public.victims (id integer PRIMARY KEY, note text NOT NULL);
  INSERT INTO public.victims VALUES (7, 'written by the service');" >/dev/null
bad_input_snapshot full "$(db_url "$full_db")"
db_name migrated; migrated_db=$E2E_DB
create_db "$migrated_db"
psql_at "$(db_url "$migrated_db")" -c "CREATE TABLE public.victims (id integer PRIMARY KEY)" >/dev/null
bad_input_snapshot migrated "$(db_url "$migrated_db")"
ok "target databases: full (victims with 1 row), migrated (victims without note)"

for command in apply plan; do
  f=$BI_FIXTURES/good.yaml
  BI_VAULT_URL=$(db_url "$full_db") refused "$command" -c "$f"
  said "error: $f:15:14 (target vault, table public.victims): target table public.victims already holds rows"
  said "hint: empty it, set options.if_target_not_empty: truncate, or continue an interrupted run with \`pgsplit apply --resume\`"
done
expect_eq "$(psql_at "$(db_url "$full_db")" -c "SELECT string_agg(id || ':' || note, ',') FROM public.victims")" \
  "7:written by the service" "the target's own row"
ok "target table holding rows: exit 2, '$f:15:14 (target vault, table public.victims): target table public.victims already holds rows' with a hint; its row kept"

for command in apply plan; do
  f=$BI_FIXTURES/schema_existing.yaml
  BI_VAULT_URL=$(db_url "$migrated_db") refused "$command" -c "$f"
  said "error: $f:12:14 (target vault, table public.victims): column note of public.victims is missing in the target table: its data would be lost"
  said "hint: add the column in the target (a migration), or exclude the table"
done
ok "target column missing under schema: existing: exit 2, '$f:12:14 (target vault, table public.victims): column note … is missing in the target table' with a hint"

for command in apply plan; do
  f=$BI_FIXTURES/invalid_where.yaml
  refused "$command" -c "$f"
  said "error: $f:12:9 (target shop, table public.items): the where filter is refused by the source: operator does not exist: >> integer"
  said "error: $f:17:9 (target vault, table public.victims): the where filter is refused by the source: column \"no_such_column\" does not exist"
  said "hint: fix the SQL expression; it is evaluated read-only on the source"
  said "the plan has 2 error(s); nothing was written"
done
ok "invalid where filters (a bad operator, an unknown column): exit 2, both reported at file:line:col with the server's reason and a hint"

# Filters that try to write. The fingerprint check of `refused` covers the source; the three
# things they aim at are checked by name too.
source_state() {
  psql_at "$BI_SOURCE_URL" -c "SELECT (SELECT count(*) FROM public.victims) || ' victims, '
    || (SELECT count(*) FROM public.tamper_log) || ' tamper_log, users_id_seq '
    || (SELECT last_value || '/' || is_called FROM public.users_id_seq)"
}
before=$(source_state)
expect_eq "$before" "2 victims, 0 tamper_log, users_id_seq 3/true" "the source before"
for command in apply plan; do
  f=$BI_FIXTURES/where_writes.yaml
  refused "$command" -c "$f"
  said "error: $f:14:9 (target shop, table public.users): the where filter is refused by the source: syntax error at or near \"from\""
  said "error: $f:16:9 (target shop, table public.orders): the where filter is refused by the source: WITH clause containing a data-modifying statement must be at the top level"
  said "error: $f:18:9 (target shop, table public.items): the where filter is refused by the source: cannot execute nextval() in a read-only transaction"
  said "error: $f:23:9 (target vault, table public.victims): the where filter is refused by the source: cannot execute INSERT in a read-only transaction"
  said "the plan has 4 error(s); nothing was written"
  expect_eq "$(source_state)" "$before" "the source after $command"
done
ok "where filters that write (DELETE in a subquery, in a WITH, nextval(), a function that INSERTs and DELETEs, from the second row on): exit 2, each refused at file:line:col; victims, tamper_log and users_id_seq untouched"

for command in apply plan; do
  f=$BI_FIXTURES/missing_migrations.yaml
  refused "$command" -c "$f"
  said "error: $f:14:9 (target vault): versions_dir $BI_FIXTURES/no_such_dir/versions: migration folder does not exist"
  said "hint: paths in the mapping file are relative to the folder of the mapping file"
done
ok "missing migrations folder: exit 2, '$f:14:9 (target vault): versions_dir …/no_such_dir/versions: migration folder does not exist' with a hint"

for command in apply plan; do
  f=$BI_FIXTURES/two_alembic_heads.yaml
  refused "$command" -c "$f"
  said "error: $f:14:9 (target vault): the Alembic history in $BI_FIXTURES/alembic_two_heads has 2 heads: b2c3d4e5f6a1, c3d4e5f6a1b2"
  said "hint: merge them (alembic merge heads), or set heads: all to stamp every head"
done
ok "two alembic heads: exit 2, '$f:14:9 (target vault): the Alembic history … has 2 heads: b2c3d4e5f6a1, c3d4e5f6a1b2' with a hint"

expect_eq "$BI_VAULT_URL" "$vault_url" "BI_VAULT_URL after the cases"

# The plans run after the last apply.
expect_nothing_written
ok "after every case: source, vault, full and migrated unchanged, shop never created"
