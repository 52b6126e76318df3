#!/usr/bin/env bash
# The source is read-only for the whole run (fixtures/security/readonly_source.sql):
#  1. a `where` filter that raises unless it runs in a READ ONLY, REPEATABLE READ transaction is
#     evaluated by plan, by every copy session of apply and by verify, and never raises; while a
#     slow apply runs, no pgsplit session on the source has a transaction id (nothing written);
#  2. filters that try to write (a data-modifying CTE, a function that INSERTs, one that first
#     switches its transaction to read-write, nextval(), a second statement, a parenthesis escape
#     out of the COPY) are refused by plan inside apply: exit 2, the server's reason, nothing
#     written to the source or the target; so is a filter that writes on row 7 only, since plan
#     evaluates filters on every row;
#  3. a filter harmless in the planning session but writing in any other one: apply's copy
#     workers refuse it on their own (their transactions are read-only too), apply exits 1
#     naming the table, the target table stays empty and unmarked, the source unchanged; verify
#     fails the same way.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin security_readonly_source --server

db_name src; source_db=$E2E_DB
db_name good; good_db=$E2E_DB
db_name bad; bad_db=$E2E_DB
create_db "$source_db"
create_db "$bad_db"
source_url=$(db_url "$source_db")
good_url=$(db_url "$good_db")
bad_url=$(db_url "$bad_db")
psql_at "$source_url" -f "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/security/readonly_source.sql" \
  >/dev/null || fail "loading fixtures/security/readonly_source.sql"
snapshot_db source "$source_url"
snapshot_db bad "$bad_url"

# mapping FILE TARGET_URL CREATE ORDERS_FILTER ITEMS_FILTER: a mapping with both tables filtered.
mapping() {
  FILTER_ORDERS=$4 FILTER_ITEMS=$5 python3 - "$1" "$source_url" "$2" "$3" <<'PY'
import json, os, sys
path, source, target, create = sys.argv[1:]
# JSON is YAML: the filters keep every quote as written. `$` is doubled: the mapping expands ${…}.
esc = lambda text: json.dumps(text.replace("$", "$$"))
with open(path, "w", encoding="utf-8") as out:
    out.write(f"""source: {{url: {esc(source)}}}
exclude: [audit]
targets:
  svc:
    url: {esc(target)}
    create_database: {create}
    tables:
      - {{name: orders, where: {esc(os.environ["FILTER_ORDERS"])}}}
      - {{name: items, where: {esc(os.environ["FILTER_ITEMS"])}}}
""")
PY
}

# The guard works: outside pgsplit's read-only snapshot it raises.
run_cmd psql_at "$source_url" -c "SELECT public.assert_read_only()"
[[ $E2E_STATUS -ne 0 ]] || fail "assert_read_only() did not raise in a read-write session"
expect_contains "$E2E_ERR" "filter evaluated outside a read-only snapshot (read_only=off"
ok "control: assert_read_only() raises in an ordinary (read-write) session"

# --- 1. every source session evaluating a filter is read-only --------------------------------
mapping "$E2E_WORK/good.yaml" "$good_url" true "public.assert_read_only(0.03)" \
  "public.assert_read_only() AND id <= 5"
expect_exit 0 "$PGSPLIT_BIN" plan -c good.yaml
expect_last_line "$E2E_OUT" "plan OK"

# Watch the source's pgsplit sessions while apply runs (the orders filter sleeps 30 ms a row).
samples=$E2E_WORK/samples
: >"$samples"
E2E_OUT=$E2E_WORK/watched.out
E2E_ERR=$E2E_WORK/watched.err
E2E_LAST_CMD="pgsplit apply -c good.yaml -j 2 -q (watched)"
"$PGSPLIT_BIN" apply -c good.yaml -j 2 -q >"$E2E_OUT" 2>"$E2E_ERR" </dev/null &
apply_pid=$!
while kill -0 "$apply_pid" 2>/dev/null; do
  psql_at "$PGSPLIT_TEST_URL" >>"$samples" 2>/dev/null -c "
    SELECT pid || ' xid=' || coalesce(backend_xid::text, 'none') || ' ' || application_name
           || ' ' || left(regexp_replace(query, '\s+', ' ', 'g'), 60)
      FROM pg_stat_activity
     WHERE datname = '$source_db' AND application_name LIKE 'pgsplit%' AND pid <> pg_backend_pid()" || true
  sleep 0.1
done
apply_status=0
wait "$apply_pid" || apply_status=$?
[[ $apply_status -eq 0 ]] || { show_last_run; fail "the watched apply exited $apply_status"; }
expect_contains "$E2E_OUT" "apply summary"
expect_not_contains "$E2E_ERR" "error"
expect_not_contains "$E2E_OUT" "failed"
expect_eq "$(psql_at "$good_url" -c "SELECT count(*) FROM public.orders")" 40 "orders copied"
expect_eq "$(psql_at "$good_url" -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM public.items")" \
  "1,2,3,4,5" "items copied"
ok "apply: the read-only guard held in every copy session (40 orders, items 1-5 copied)"

grep -q "COPY (SELECT" "$samples" || { show_file samples "$samples"; fail "no COPY seen on the source"; }
if grep -v " xid=none " "$samples" | grep -q .; then
  show_file samples "$samples"
  fail "a pgsplit session on the source had a transaction id: it wrote something"
fi
ok "during apply: $(sort -u "$samples" | cut -d' ' -f1 | sort -u | wc -l) pgsplit session(s) seen on the source, each without a transaction id"

expect_exit 0 "$PGSPLIT_BIN" verify -c good.yaml --checksums
expect_last_line "$E2E_OUT" "verify OK"
expect_db_unchanged source "$source_url"
ok "verify --checksums evaluates the guard read-only too; the source is unchanged"

# --- 2. filters that write are refused before anything is written ---------------------------
# refused ORDERS_FILTER REASON: apply exits 2 with the server's reason and says nothing was written.
refused() {
  mapping "$E2E_WORK/bad.yaml" "$bad_url" false "$1" "true"
  expect_exit 2 "$PGSPLIT_BIN" apply -c bad.yaml -q
  expect_line_with "$E2E_ERR" "bad.yaml:" "(target svc, table public.orders)" \
    "the where filter is refused by the source: $2"
  expect_contains "$E2E_ERR" "nothing was written"
  expect_empty "$E2E_OUT" "stdout of a refused apply"
}
refused "id IN (WITH gone AS (DELETE FROM public.audit RETURNING id) SELECT id FROM gone)" \
  "WITH clause containing a data-modifying statement must be at the top level"
ok "a data-modifying CTE: exit 2, refused, nothing written"
refused "public.write_audit(id)" "cannot execute INSERT in a read-only transaction"
ok "a function that INSERTs: exit 2, 'cannot execute INSERT in a read-only transaction'"
refused "public.flip_then_write(id)" "cannot set transaction read-write mode inside a read-only transaction"
ok "a function that switches to read-write first: exit 2, refused"
refused "nextval('public.counter') > 0" "cannot execute nextval() in a read-only transaction"
ok "nextval() in a filter: exit 2, the sequence untouched"
refused "true; DELETE FROM public.audit" 'syntax error at or near ";"'
ok "a second statement after the filter: exit 2, syntax error"
refused "true)) TO STDOUT; DELETE FROM public.audit; --" 'syntax error at or near ")"'
ok "closing the COPY's parentheses to append a DELETE: exit 2, syntax error"
refused "public.write_at_row_7(id)" "cannot execute INSERT in a read-only transaction"
ok "a function that writes on row 7 only: exit 2 (plan evaluates every row)"
# Writes are permanent: one look after all seven shows that none of them wrote anything.
expect_db_unchanged source "$source_url"
expect_db_unchanged bad "$bad_url"
ok "after the seven refused filters: source (audit table, counter sequence) and target unchanged"

# --- 3. a write that only the copy sessions attempt ------------------------------------------
mapping "$E2E_WORK/late.yaml" "$bad_url" false "true" "public.write_outside_plan(id)"
expect_exit 0 "$PGSPLIT_BIN" plan -c late.yaml
expect_last_line "$E2E_OUT" "plan OK"
ok "write_outside_plan() passes plan (harmless in the planning session)"

expect_exit 1 "$PGSPLIT_BIN" apply -c late.yaml -q
expect_line_with "$E2E_OUT" "failed: target svc, table public.items" "cannot execute INSERT in a read-only transaction"
expect_contains "$E2E_ERR" "pgsplit: error: apply did not complete"
expect_eq "$(psql_at "$bad_url" -c "SELECT count(*) FROM public.items")" 0 "items rows in the target"
expect_eq "$(psql_at "$bad_url" -c "SELECT count(*) FROM _pgsplit.tables WHERE target_table LIKE '%items%'")" 0 \
  "items marked done"
expect_eq "$(psql_at "$bad_url" -c "SELECT count(*) FROM _pgsplit.tables WHERE target_table LIKE '%orders%'")" 1 \
  "orders marked done (the state table is read right)"
expect_db_unchanged source "$source_url"
ok "apply: the copy worker's read-only transaction refuses the INSERT; exit 1, items empty and unmarked, source unchanged"

expect_exit 1 "$PGSPLIT_BIN" verify -c late.yaml
expect_contains "$E2E_ERR" "cannot execute INSERT in a read-only transaction"
expect_db_unchanged source "$source_url"
ok "verify evaluates the filter read-only as well: exit 1, the source unchanged"
