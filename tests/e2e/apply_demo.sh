#!/usr/bin/env bash
# `pgsplit apply` on the demo monolith (scale 0.01) with config/demo.yaml: every table arrives
# with the source's rows, sequences and keys; the source is unchanged; a second apply is refused
# (exit 2, nothing written); `--resume` keeps everything and succeeds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin apply_demo --server

demo_split_setup
snapshot_db source "$MONOLITH_URL"
ok "demo monolith loaded; six target databases to be created by apply"

expect_exit 0 "$PGSPLIT_BIN" apply -c "$config" --format json -j 3
json=$E2E_WORK/apply.json
cp "$E2E_OUT" "$json"
expect_eq "$(json_query "$json" "doc['apply']['complete']")" "True" "apply report: complete"
expect_eq "$(json_query "$json" "len(doc['apply']['targets'])")" "6" "apply report: targets"
expect_eq "$(json_query "$json" "len([t for t in doc['apply']['tables'] if t['status'] != 'copied'])")" "0" \
  "apply report: tables not copied"
expect_eq "$(json_query "$json" "doc['verify']['ok']")" "True" "apply's verification"
expect_eq "$(json_query "$json" "len(doc['stamps'])")" "7" "stamps written"
ok "apply exits 0 and reports 6 targets, every table copied, verified and 7 stamps written"

# Every table: the same rows (count and content) in its target as in the source.
checked=0
while IFS='|' read -r target table; do
  source_digest=$(psql_at "$MONOLITH_URL" -c "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ONLY public.\"$table\" t")
  target_digest=$(psql_at "${target_url[$target]}" -c "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ONLY public.\"$table\" t")
  expect_eq "$target_digest" "$source_digest" "rows of $target: $table"
  checked=$((checked + 1))
done < <(json_query "$json" "'\n'.join(t['target'] + '|' + t['table'].split('.', 1)[1] for t in doc['apply']['tables'])")
[[ $checked -ge 30 ]] || fail "only $checked tables compared"
ok "all $checked tables hold exactly the source's rows"

# Sequences: the next id continues the source's.
expect_eq "$(psql_at "${target_url[auth]}" -c "SELECT last_value || '/' || is_called FROM roles_id_seq")" \
  "$(psql_at "$MONOLITH_URL" -c "SELECT last_value || '/' || is_called FROM roles_id_seq")" "roles_id_seq"
expect_eq "$(psql_at "${target_url[payment]}" -c "SELECT last_value FROM invoice_number_seq")" \
  "$(psql_at "$MONOLITH_URL" -c "SELECT last_value FROM invoice_number_seq")" "invoice_number_seq"
ok "sequences carry the source's values"

# Keys: inside a target they exist; across targets they do not.
expect_eq "$(psql_at "${target_url[auth]}" -c "SELECT count(*) FROM pg_constraint WHERE conname = 'refresh_tokens_user_id_fkey'")" "1" "auth foreign key"
expect_eq "$(psql_at "${target_url[candidate]}" -c "SELECT count(*) FROM pg_constraint WHERE conname = 'profiles_user_id_fkey'")" "0" "cross-target foreign key"
expect_eq "$(psql_at "${target_url[logs]}" -c "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent WHERE c.relname = 'access_logs'")" "13" "access_logs partitions"
ok "keys inside targets recreated, cross-target keys left out, partitions recreated"

expect_eq "$(psql_at "${target_url[auth]}" -c "SELECT version_num FROM alembic_version_auth")" "d7a3e8b41c92" "auth alembic stamp"
expect_eq "$(psql_at "${target_url[payment]}" -c "SELECT version || '/' || dirty FROM schema_migrations")" "4/false" "payment golang-migrate stamp"
expect_eq "$(psql_at "${target_url[logs]}" -c "SELECT count(*) FROM alembic_version_audit")" "1" "logs audit stamp"
ok "each service's version table is stamped at the head of its migration files"

expect_db_unchanged source "$MONOLITH_URL"
ok "the source is unchanged"

for target in "${targets[@]}"; do snapshot_db "$target" "${target_url[$target]}"; done
expect_exit 2 "$PGSPLIT_BIN" apply -c "$config" -q
expect_contains "$E2E_ERR" "already holds rows"
expect_contains "$E2E_ERR" "nothing was written"
for target in "${targets[@]}"; do expect_db_unchanged "$target" "${target_url[$target]}"; done
ok "a second apply is refused with exit 2 and writes nothing"

expect_exit 0 "$PGSPLIT_BIN" apply -c "$config" --resume --format json
expect_eq "$(json_query "$E2E_OUT" "len([t for t in doc['apply']['tables'] if t['status'] != 'already done (resume)'])")" "0" \
  "tables copied again by --resume"
expect_eq "$(json_query "$E2E_OUT" "sum(t['kept'] for t in doc['apply']['targets'])")" \
  "$(json_query "$json" "len(doc['apply']['tables'])")" "tables reported as kept by --resume"
for target in "${targets[@]}"; do expect_db_unchanged "$target" "${target_url[$target]}"; done
ok "--resume keeps every copied table and changes nothing"


