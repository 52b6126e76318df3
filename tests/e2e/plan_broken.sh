#!/usr/bin/env bash
# `pgsplit plan` on a schema and mapping that break every plan rule of issue 3 at once
# (tests/e2e/fixtures/broken.sql and broken.yaml): exit 2, every problem reported in one run with
# its place in the mapping file and its target/table, the verdict "nothing was written" — and
# indeed nothing was written to any database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin plan_broken --server

fixture=$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/broken.yaml
file=$fixture   # the name errors are reported under: the path given to -c

# pos TEXT [N]: "line:column" of the N-th (default 1st) occurrence of TEXT in the mapping.
pos() {
  local text=$1 nth=${2:-1}
  python3 - "$fixture" "$text" "$nth" <<'PY'
import sys
path, text, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
seen = 0
for number, line in enumerate(open(path, encoding="utf-8"), start=1):
    column = line.find(text)
    if column >= 0:
        seen += 1
        if seen == nth:
            print(f"{number}:{column + 1}")
            sys.exit(0)
sys.exit(f"'{text}' (occurrence {nth}) not found in {path}")
PY
}

# --- databases: the source, two existing targets, two that do not exist ------------------------
db_name source; source_db=$E2E_DB
create_db "$source_db"
psql_at "$(db_url "$source_db")" -f "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/broken.sql" \
  >"$E2E_WORK/load.log" 2>&1 || { show_file "load" "$E2E_WORK/load.log"; fail "loading broken.sql"; }
db_name alpha; alpha_db=$E2E_DB
create_db "$alpha_db"
db_name beta; beta_db=$E2E_DB
create_db "$beta_db"
# beta already has an orders table with rows (as if a service had started writing there).
psql_at "$(db_url "$beta_db")" -c "
  CREATE TABLE public.orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total numeric(10, 2) NOT NULL);
  INSERT INTO public.orders VALUES (1, 1, 99.00), (2, 1, 5.00);" >/dev/null
db_name delta; delta_db=$E2E_DB
db_name epsilon; epsilon_db=$E2E_DB

export BROKEN_SOURCE_URL BROKEN_ALPHA_URL BROKEN_BETA_URL BROKEN_DELTA_URL BROKEN_EPSILON_URL
BROKEN_SOURCE_URL=$(db_url "$source_db")
BROKEN_ALPHA_URL=$(db_url "$alpha_db")
BROKEN_BETA_URL=$(db_url "$beta_db")
BROKEN_DELTA_URL=$(db_url "$delta_db")
BROKEN_EPSILON_URL=$(db_url "$epsilon_db")

snapshot_db source "$BROKEN_SOURCE_URL"
snapshot_db alpha "$BROKEN_ALPHA_URL"
snapshot_db beta "$BROKEN_BETA_URL"
my_databases >"$E2E_WORK/databases.before"
ok "source loaded from broken.sql; alpha (empty) and beta (orders with 2 rows) exist; delta and epsilon do not"

# --- text ---------------------------------------------------------------------------------------
expect_exit 2 "$PGSPLIT_BIN" plan -c "$fixture"
text=$E2E_WORK/plan.txt
cp "$E2E_OUT" "$text"
cp "$E2E_ERR" "$E2E_WORK/plan.err"
expect_contains "$E2E_WORK/plan.err" "nothing was written"
expect_last_line "$text" "plan has "
expect_match "$text" '^plan has [0-9]+ errors \(nothing was written\)$' "verdict"
ok "plan exits 2 and ends with '$(tail -n 1 "$text")'"

error_line() { expect_line_with "$text" "error: " "$@"; }

# Rule 1: the unmapped tables, in one error naming them all (the ambiguous accounts included).
error_line "$file" "source tables are not mapped to any target and not excluded" \
  "hr.accounts" "public.orphan_one" "public.orphan_two" "sales.accounts"
expect_eq "$(grep -c 'not mapped to any target' "$text")" 1 "errors about unmapped tables"
ok "rule 1: one error lists the 4 unmapped tables (hr.accounts, public.orphan_one, public.orphan_two, sales.accounts)"

# Rule 2: prices in alpha and beta with neither replicate nor where.
error_line "$file:$(pos '- prices' 1 | awk -F: '{print $1":"$2+2}') (target alpha, table public.prices)" \
  "table public.prices is mapped to several targets" \
  "alpha ($file:$(pos '- prices' 1 | awk -F: '{print $1":"$2+2}')" \
  "beta ($file:$(pos '- prices' 2 | awk -F: '{print $1":"$2+2}')"
ok "rule 2: public.prices mapped to alpha and beta without replicate/where, both places named"

# Rule 2, where filters: the c rows and the NULL row are claimed by no filter (an error); the x
# row by both (reported).
expect_line_with "$text" "error: $file:" "public.events" "5 rows of public.events match none of its where filters"
expect_line_with "$text" "warning: " "1 row" "of public.events matches several where filters"
ok "rule 2: 5 rows of public.events (kind c and NULL) match no where filter: an error at the mapping; 1 row matches both: reported"

# Rule 3: a name and a glob matching nothing.
error_line "$file:$(pos 'no_such_table') (target alpha, table no_such_table)" \
  "'no_such_table' matches no table of the source"
error_line "$file:$(pos '"zzz_*"') (target alpha, table zzz_*)" "'zzz_*' matches no table of the source"
ok "rule 3: no_such_table and \"zzz_*\" match nothing, each reported at its entry"

# Name resolution: accounts is in sales and hr, not in public.
error_line "$file:$(pos '- accounts' | awk -F: '{print $1":"$2+2}') (target alpha, table accounts)" \
  "table name 'accounts' is ambiguous" "hr" "sales"
ok "unqualified 'accounts' (in sales and hr, not public) is ambiguous, reported at its entry"

# Rule 4: version tables are left behind; excluding one explicitly is allowed.
expect_contains "$text" "left behind in the source:"
expect_line_with "$text" "public.alembic_version " "excluded by 'alembic_version'"
expect_line_with "$text" "public.schema_migrations " "migration version table"
if grep -E '^ *error: ' "$text" | grep -qE 'alembic_version|schema_migrations'; then
  show_file plan "$text"
  fail "a version table is the subject of an error"
fi
ok "rule 4: alembic_version (excluded explicitly) and schema_migrations (automatically) are left behind, no error"

# Rule 5: the cross-target foreign key is an error under cross_target_foreign_keys: fail.
error_line "$file:$(pos '- orders' | awk -F: '{print $1":"$2+2}') (target beta, table public.orders)" \
  "foreign key orders_user_id_fkey public.orders(user_id) → public.users(id) crosses targets" "alpha"
# docs/plan-output.md: keys that no target drops are listed under "cross-target foreign keys (not
# dropped)" — "with cross_target_foreign_keys: fail they are errors too" — and not as dropped.
expect_contains "$text" "cross-target foreign keys (not dropped):"
expect_line_with "$text" "public.orders(user_id) → public.users(id)" "orders_user_id_fkey"
target_section "$text" beta >"$E2E_WORK/section.beta"
expect_not_contains "$E2E_WORK/section.beta" "cross-target foreign keys dropped" \
  "target beta's section (cross_target_foreign_keys: fail drops nothing)"
ok "rule 5: orders_user_id_fkey (beta → alpha) is an error under cross_target_foreign_keys: fail, listed as not dropped"

# Rule 6: a sequence used by tables of two targets (a warning), a view across two targets (left
# behind, not an error).
expect_line_with "$text" "warning: " "sequence public.shared_seq" "alpha" "beta"
expect_line_with "$text" "public.shared_seq → alpha, beta"
expect_line_with "$text" "view public.user_orders" "alpha" "beta"
if grep -E '^ *error: ' "$text" | grep -q 'user_orders\|shared_seq'; then
  show_file plan "$text"
  fail "the shared sequence or the view spanning two targets is reported as an error"
fi
ok "rule 6: public.shared_seq shared by alpha and beta is a warning; view public.user_orders is left behind, not an error"

# Rule 7: preflight of the targets.
error_line "$file:$(pos '  gamma:' | awk -F: '{print $1":"$2+2}') (target gamma)" \
  "is the source database itself"
error_line "$file:$(pos '  delta:' | awk -F: '{print $1":"$2+2}') (target delta)" \
  "target database postgresql://postgres@127.0.0.1:" "/$delta_db does not exist"
error_line "(target beta, table public.orders)" "target table public.orders already holds rows"
error_line "$file:$(pos 'name: audit') (target alpha, table public.audit)" \
  "the where filter is refused by the source" "no_such_column"
if grep -E '^ *error: ' "$text" | grep -q 'epsilon'; then
  show_file plan "$text"
  fail "target epsilon (create_database: true, may be created) is reported as an error"
fi
ok "rule 7: gamma is the source itself, delta is missing without create_database, beta's orders holds rows, audit's filter is refused (unknown column)"

# Stamps: a versions_dir that does not exist.
expect_line_with "$text" "error: $file:$(pos '- alembic:' | cut -d: -f1):" "(target alpha)" "no/such/versions"
ok "stamp: alembic versions_dir no/such/versions is missing: an error at the stamp entry"

# Every error names its place in the mapping file (file:line:column) and its target or table.
grep -E '^ *error: ' "$text" >"$E2E_WORK/errors" || true
expect_eq "$(wc -l <"$E2E_WORK/errors")" 12 "number of errors"
expect_eq "$(tail -n 1 "$text")" "plan has 12 errors (nothing was written)" "verdict"
while IFS= read -r line; do
  [[ $line == *"not mapped to any target"* ]] && continue # a finding about the whole file
  if ! [[ $line =~ error:\ $file:[0-9]+:[0-9]+\ \((target|table)\ [^\)]+\):\  ]]; then
    show_file plan "$text"
    fail "error without file:line:column and target/table: $line"
  fi
done <"$E2E_WORK/errors"
ok "all 12 errors are reported in one run, each with $file:LINE:COL and its target/table"

# --- json ---------------------------------------------------------------------------------------
expect_exit 2 "$PGSPLIT_BIN" plan -c "$fixture" --format json
json=$E2E_WORK/plan.json
cp "$E2E_OUT" "$json"
python3 -m json.tool "$json" >/dev/null || { show_file json "$json"; fail "json does not parse"; }
expect_eq "$(json_query "$json" 'doc["ok"]')" False "ok"
expect_eq "$(json_query "$json" 'len(doc["errors"])')" 12 "errors"
expect_eq "$(json_query "$json" 'sorted(set(str(e["file"]) for e in doc["errors"]))')" "[\"$file\"]" "errors[].file"
expect_eq "$(json_query "$json" '[e["message"] for e in doc["errors"] if (e["line"] is None or e["column"] is None or (e["target"] is None and e["table"] is None)) and "not mapped" not in e["message"]]')" \
  "[]" "errors without line, column or target/table"
expect_eq "$(json_query "$json" '[v["name"] for v in doc["views_left_behind"]]')" '["public.user_orders"]' "views_left_behind"
expect_eq "$(json_query "$json" '[s["name"] for s in doc["shared_sequences"]]')" '["public.shared_seq"]' "shared_sequences"
expect_eq "$(json_query "$json" '[k["constraint"] for k in doc["cross_target_foreign_keys"]]')" \
  '["orders_user_id_fkey"]' "cross_target_foreign_keys"
expect_eq "$(json_query "$json" '[k["constraint"] for t in doc["targets"] for k in t["dropped_foreign_keys"]]')" \
  '[]' "dropped_foreign_keys under cross_target_foreign_keys: fail"
ok "--format json: ok false, the same 12 errors, each with file/line/column/target or table"

# --- nothing was written ------------------------------------------------------------------------
expect_no_database "$delta_db"
expect_no_database "$epsilon_db"
my_databases >"$E2E_WORK/databases.after"
if ! diff -u "$E2E_WORK/databases.before" "$E2E_WORK/databases.after"; then
  fail "plan created or dropped databases"
fi
expect_db_unchanged source "$BROKEN_SOURCE_URL"
expect_db_unchanged alpha "$BROKEN_ALPHA_URL"
expect_db_unchanged beta "$BROKEN_BETA_URL"
expect_eq "$(psql_at "$BROKEN_BETA_URL" -c 'SELECT count(*) FROM public.orders')" 2 "rows of beta's orders"
ok "nothing was written: delta and epsilon not created, source, alpha and beta unchanged (objects, sequences, rows)"
