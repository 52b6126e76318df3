#!/usr/bin/env bash
# `pgsplit plan` on the demo monolith (sql/demo/monolith.sql, scale 0.01) with config/demo.yaml:
# a valid plan in all four formats, and plan writes nothing: no target database is created
# (create_database: true everywhere) and the source is unchanged.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin plan_demo --server

demo_split_setup
ok "demo monolith loaded into $source_db; six target URLs point at databases that do not exist"

snapshot_db source "$MONOLITH_URL"
my_databases >"$E2E_WORK/databases.before"
expect_eq "$(cat "$E2E_WORK/databases.before")" "$source_db" "databases of this run before plan"

# Every table of the source (ordinary, partitioned, partitions), for the accounting check below.
psql_at "$MONOLITH_URL" -c "
  SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public' ORDER BY 1" >"$E2E_WORK/source-tables"
[[ $(wc -l <"$E2E_WORK/source-tables") -ge 30 ]] ||
  { show_file "source tables" "$E2E_WORK/source-tables"; fail "the demo monolith has too few tables"; }

# --- text ---------------------------------------------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" plan -c "$config"
text=$E2E_WORK/plan.txt
cp "$E2E_OUT" "$text"
expect_not_contains "$E2E_ERR" "error" "plan stderr"
expect_match "$text" "^pgsplit plan: source postgresql://postgres@127\.0\.0\.1:[0-9]+/$source_db \(database $source_db\)" \
  "plan header"
ok "plan -c config/demo.yaml exits 0 and names the source"

for target in "${targets[@]}"; do
  expect_line_with "$text" "== target $target → " "/${target_db[$target]}" "(create database)"
done
# Targets in the file's order.
expect_eq "$(grep -oE '^== target [a-z]+' "$text" | cut -d' ' -f3 | tr '\n' ' ')" \
  "auth candidate company payment document logs " "target order"
ok "the six targets are shown in mapping order, each with its database and (create database)"

# A few placements per target (tables of the mapping, partitions following their parent).
expect_in_section "$text" auth "public.users"
expect_in_section "$text" auth "public.refresh_tokens"
expect_in_section "$text" candidate "public.job_preferences"
expect_in_section "$text" company "public.team_members"
expect_in_section "$text" payment "public.invoices"
expect_in_section "$text" document "public.documents"
expect_in_section "$text" logs "public.access_logs" "[partitioned]"
expect_in_section "$text" logs "public.access_logs_2024_01" "[partition]"
expect_in_section "$text" logs "public.access_logs_default" "[partition]"
ok "tables are placed in their targets; access_logs' partitions follow it into logs"

# What each target needs besides its tables.
# (Long lists wrap, so the items are looked for on their own.)
expect_in_section "$text" auth "views: "
expect_in_section "$text" auth "public.active_users"
expect_in_section "$text" company "public.company_team_sizes"
expect_in_section "$text" payment "public.payment_monthly_revenue (materialized)"
expect_in_section "$text" payment "public.invoice_number_seq"
expect_in_section "$text" payment "public.currency_code (domain)"
# email_address: users (auth), invitations (company), notifications (logs);
# postal_address: profiles (candidate), companies (company).
for target in auth company logs; do
  expect_in_section "$text" "$target" "public.email_address (domain)"
done
for target in candidate company; do
  expect_in_section "$text" "$target" "public.postal_address (composite)"
done
target_section "$text" document >"$E2E_WORK/section.document"
expect_not_contains "$E2E_WORK/section.document" "public.email_address" "target document"
ok "views follow the one target whose tables they read; shared types go to each target that uses them, only there"

# The six foreign keys that cross services are dropped, each in the child's target.
expect_in_section "$text" candidate "public.profiles(user_id) → public.users(id) [auth] (profiles_user_id_fkey)"
expect_in_section "$text" company "public.companies(owner_id) → public.users(id) [auth] (companies_owner_id_fkey)"
expect_in_section "$text" company "public.team_members(user_id) → public.users(id) [auth] (team_members_user_id_fkey)"
expect_in_section "$text" payment "public.subscriptions(company_id) → public.companies(id) [company] (subscriptions_company_id_fkey)"
expect_in_section "$text" document "public.documents(owner_id) → public.users(id) [auth] (documents_owner_id_fkey)"
expect_in_section "$text" logs "public.notifications(user_id) → public.users(id) [auth] (notifications_user_id_fkey)"
expect_eq "$(grep -c '_fkey)$' "$text")" 6 "number of cross-target foreign keys dropped"
expect_in_section "$text" candidate "cross-target foreign keys dropped:"
expect_not_contains "$text" "cross-target foreign keys (not dropped)"
ok "the six cross-target foreign keys are listed as dropped, child → parent [parent target]"

# Left behind: the two alembic tables as version tables, and candidate_directory.
expect_contains "$text" "left behind in the source:"
expect_line_with "$text" "public.alembic_version " "migration version table (alembic)"
expect_line_with "$text" "public.alembic_version_auth " "migration version table (alembic)"
expect_line_with "$text" "view public.candidate_directory" "auth" "candidate"
for view in active_users company_team_sizes payment_monthly_revenue; do
  expect_not_contains "$text" "view public.$view " "left-behind list"
done
ok "alembic_version and alembic_version_auth are left behind as version tables, candidate_directory as a view spanning auth and candidate"

# Stamps, with the versions computed from the migration files under config/demo/services.
expect_in_section "$text" auth "alembic" "alembic_version_auth" "d7a3e8b41c92"
expect_in_section "$text" candidate "alembic" "alembic_version" "9b8d4c3a2e10"
expect_in_section "$text" company "flyway" "flyway_schema_history" "version 2"
expect_in_section "$text" payment "golang-migrate" "schema_migrations" "version 4"
expect_in_section "$text" document "prisma" "_prisma_migrations" "3 migrations" "20240620120000_soft_delete"
expect_in_section "$text" logs "alembic" "alembic_version_notification" "e3b71f0c8a46"
expect_in_section "$text" logs "alembic" "alembic_version_audit" "a91b3e5c7d24"
expect_not_contains "$text" "(head)" "stamps"
ok "stamps show computed versions: auth d7a3e8b41c92, candidate 9b8d4c3a2e10 (merge), company 2, payment 4, prisma 3 migrations, logs e3b71f0c8a46 + a91b3e5c7d24"

expect_match "$text" '^total: 6 targets, [0-9]+ tables, ' "overall total"
expect_not_contains "$text" "errors:" "plan"
expect_not_contains "$text" "error:" "plan"
expect_last_line "$text" "plan OK: 6 targets, "
expect_match "$text" '^plan OK: 6 targets, [0-9]+ tables, 0 errors, [0-9]+ warnings?$' "verdict"
ok "the verdict is the last line: $(tail -n 1 "$text")"

# --- json ---------------------------------------------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" plan -c "$config" --format json
json=$E2E_WORK/plan.json
cp "$E2E_OUT" "$json"
python3 -m json.tool "$json" >/dev/null 2>"$E2E_WORK/json.err" ||
  { show_file "json.tool" "$E2E_WORK/json.err"; show_file "plan json" "$json"; fail "plan --format json is not valid JSON"; }
expect_contains "$json" '"ok": true'
expect_eq "$(json_query "$json" 'doc["format_version"]')" 1 "format_version"
expect_eq "$(json_query "$json" 'doc["ok"]')" True "ok"
expect_eq "$(json_query "$json" 'len(doc["targets"])')" 6 "number of targets"
expect_eq "$(json_query "$json" '[t["name"] for t in doc["targets"]]')" \
  '["auth", "candidate", "company", "payment", "document", "logs"]' "target names"
expect_eq "$(json_query "$json" 'all(t["create_database"] for t in doc["targets"])')" True "create_database"
expect_eq "$(json_query "$json" 'doc["errors"]')" "[]" "errors"
expect_eq "$(json_query "$json" 'doc["totals"]["targets"]')" 6 "totals.targets"
expect_eq "$(json_query "$json" 'doc["source"]["database"]')" "$source_db" "source.database"
expect_eq "$(json_query "$json" 'len(doc["cross_target_foreign_keys"])')" 6 "cross_target_foreign_keys"
expect_eq "$(json_query "$json" 'sorted(k["constraint"] for t in doc["targets"] for k in t["dropped_foreign_keys"])')" \
  '["companies_owner_id_fkey", "documents_owner_id_fkey", "notifications_user_id_fkey", "profiles_user_id_fkey", "subscriptions_company_id_fkey", "team_members_user_id_fkey"]' \
  "dropped foreign keys"
expect_eq "$(json_query "$json" 'sorted((e["table"], e["version_table"]) for e in doc["excluded"])')" \
  '[["public.alembic_version", true], ["public.alembic_version_auth", true]]' "excluded"
expect_eq "$(json_query "$json" '[v["name"] for v in doc["views_left_behind"]]')" \
  '["public.candidate_directory"]' "views_left_behind"
expect_eq "$(json_query "$json" '[s for t in doc["targets"] if t["name"] == "auth" for s in t["stamp_summaries"] if "d7a3e8b41c92" in s] != []')" \
  True "auth stamp summary at d7a3e8b41c92"
ok "--format json parses (python3 -m json.tool), ok: true, 6 targets in order, 6 dropped FKs, 2 version tables, 1 view left behind"

# Every source table is accounted for exactly once: placed in one target or left behind.
json_query "$json" \
  'sorted([p["source"] for t in doc["targets"] for p in t["tables"]] + [e["table"] for e in doc["excluded"]])' |
  python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)))' >"$E2E_WORK/accounted"
if ! diff -u "$E2E_WORK/source-tables" "$E2E_WORK/accounted" >"$E2E_WORK/accounted.diff"; then
  show_file "source tables vs plan" "$E2E_WORK/accounted.diff"
  fail "the plan does not account for every source table exactly once"
fi
ok "all $(wc -l <"$E2E_WORK/source-tables") source tables (partitions included) are accounted for exactly once"

# --- dot and mermaid ----------------------------------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" plan -c "$config" --format dot
dot_file=$E2E_WORK/plan.dot
cp "$E2E_OUT" "$dot_file"
expect_match "$dot_file" '^digraph pgsplit \{$' "dot header"
for index in 0 1 2 3 4 5; do
  expect_contains "$dot_file" "subgraph cluster_$index {"
done
expect_contains "$dot_file" 'label="auth";'
expect_contains "$dot_file" 'label="logs";'
expect_contains "$dot_file" "subgraph cluster_left_behind {"
expect_contains "$dot_file" 'label="public.alembic_version"'
expect_eq "$(grep -c 'style=dashed, color=red' "$dot_file")" 6 "dashed red cross-target edges in dot"
expect_line_with "$dot_file" 'style=dashed' 'label="profiles_user_id_fkey"'
expect_contains "$dot_file" 'public.access_logs (+13 partitions)'
expect_not_contains "$dot_file" 'label="public.access_logs_2024_01"'
expect_eq "$(tail -n 1 "$dot_file")" "}" "last line of dot"
ok "--format dot: digraph with cluster_0..5, a left-behind cluster and 6 dashed red cross-target edges"

expect_exit 0 "$PGSPLIT_BIN" plan -c "$config" --format mermaid
mermaid_file=$E2E_WORK/plan.mmd
cp "$E2E_OUT" "$mermaid_file"
expect_match "$mermaid_file" '^flowchart LR$' "mermaid header"
for index in 0 1 2 3 4 5; do
  expect_contains "$mermaid_file" "subgraph target_${index}["
done
expect_contains "$mermaid_file" 'subgraph target_0["auth"]'
expect_contains "$mermaid_file" 'subgraph left_behind["left behind"]'
expect_eq "$(grep -c -- '-.->|' "$mermaid_file")" 6 "dashed cross-target edges in mermaid"
expect_match "$mermaid_file" '^  linkStyle [0-9,]+ stroke:red,color:red$' "mermaid linkStyle"
ok "--format mermaid: flowchart with 6 target subgraphs, left_behind and 6 dashed cross-target edges"

# --- plan never writes --------------------------------------------------------------------------
for target in "${targets[@]}"; do
  expect_no_database "${target_db[$target]}"
done
my_databases >"$E2E_WORK/databases.after"
if ! diff -u "$E2E_WORK/databases.before" "$E2E_WORK/databases.after" >/dev/null; then
  show_file "databases after" "$E2E_WORK/databases.after"
  fail "plan created databases"
fi
ok "no target database was created by four plan runs, although every target has create_database: true"

expect_db_unchanged source "$MONOLITH_URL"
ok "the source is unchanged: same objects, sequence states and table contents ($(grep -c '^content ' "$E2E_WORK/source.fingerprint") tables checksummed)"

# pgsplit left no session behind on the source.
sessions=$(psql_at "$PGSPLIT_TEST_URL" -c \
  "SELECT count(*) FROM pg_stat_activity WHERE datname = '$source_db' AND application_name LIKE 'pgsplit%'")
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [[ $sessions == 0 ]] && break
  sleep 0.5
  sessions=$(psql_at "$PGSPLIT_TEST_URL" -c \
    "SELECT count(*) FROM pg_stat_activity WHERE datname = '$source_db' AND application_name LIKE 'pgsplit%'")
done
expect_eq "$sessions" 0 "pgsplit sessions still connected to the source"
ok "no pgsplit session is left connected to the source"
