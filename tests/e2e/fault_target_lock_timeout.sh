#!/usr/bin/env bash
# A lock held on a target table by another session while apply copies the big tables:
#  1. with the operator's lock_timeout (`options=-c lock_timeout=2s` in shop's URL), the copy of
#     `customers` fails: exit 1, an error naming the lock timeout, target shop and the table;
#     customers is empty and unmarked; once the lock is released `apply --resume` completes and
#     `verify --checksums` passes.
#  2. with the operator's statement_timeout given with the connection (`-c statement_timeout=3s`,
#     docs/apply.md "Timeouts") instead: the same, naming the statement timeout; with
#     `--format json`, the report is {"apply": …} with complete false and that failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/faults.bash"
faults_begin fault_target_lock_timeout

# One worker: the lock on the small customers table is taken while events is being copied,
# and customers comes after events and orders (largest first), so its copy cannot have started.
FAULTS_JOBS=1
faults_source 300000 300000
ok "source loaded"

# lock_customers: waits for the copy of events, then locks customers, which must still be
# untouched (else the timing assumption above failed, and the scenario would prove nothing).
lock_customers() {
  faults_wait_copy "$PGSPLIT_TEST_URL" "$FAULTS_TELEMETRY_DB" 'COPY FROM' events
  faults_hold_lock "$(faults_url_of shop)" customers
  expect_eq "$(psql_at "$(faults_url_of shop)" -c "SELECT count(*) FROM _pgsplit.tables WHERE target_table LIKE '%customers%'")" 0 \
    "customers marked done before the lock was taken (the scenario's timing failed)"
}

# lock_timeout, in shop's URL only (the telemetry copy is not concerned).
faults_targets "$PGSPLIT_TEST_URL"
export FAULTS_SHOP_URL="$FAULTS_SHOP_URL?options=-c%20lock_timeout%3D2s"
faults_start_apply -q
lock_customers
faults_wait_apply
if [[ $E2E_STATUS -ne 1 ]]; then show_last_run; fail "expected exit 1, got $E2E_STATUS"; fi
expect_line_with "$E2E_ERR" "pgsplit: error:" "target shop" "customers" "lock timeout"
expect_contains "$E2E_ERR" "--resume"
ok "lock_timeout: apply exits 1 naming the lock timeout, target shop and table customers"
expect_line_with "$E2E_OUT" "shop: public.customers" "(failed)"
ok "the summary lists customers as failed"
faults_release_lock
faults_expect_untouched shop customers
ok "customers is empty and unmarked"
faults_expect_no_session "$PGSPLIT_TEST_URL" "$FAULTS_SOURCE_DB" "$FAULTS_SHOP_DB" "$FAULTS_TELEMETRY_DB"
ok "no pgsplit session is left on the server"
FAULTS_SHOP_URL=$(faults_url_of shop)
faults_resume_and_verify

# statement_timeout: new targets, same source.
faults_targets "$PGSPLIT_TEST_URL" 2
export FAULTS_SHOP_URL="$FAULTS_SHOP_URL?options=-c%20statement_timeout%3D3s"
expect_eq "$(psql_at "$PGSPLIT_TEST_URL?options=-c%20statement_timeout%3D3s" -c "SHOW statement_timeout")" 3s \
  "statement_timeout of a session opened with the operator's options"
faults_start_apply --format json
lock_customers
faults_wait_apply
if [[ $E2E_STATUS -ne 1 ]]; then show_last_run; fail "expected exit 1, got $E2E_STATUS"; fi
expect_line_with "$E2E_ERR" "pgsplit: error:" "target shop" "customers" "statement timeout"
ok "statement_timeout given with the connection: apply exits 1 naming the timeout, target shop and table customers"
# The JSON report of a run that failed has the shape of a complete run's (docs/apply.md).
expect_eq "$(json_query "$E2E_OUT" "sorted(doc.keys())")" '["apply"]' "members of the failed run's JSON"
expect_eq "$(json_query "$E2E_OUT" "doc['apply']['complete']")" "False" "apply.complete"
expect_eq "$(json_query "$E2E_OUT" "any('customers' in f and 'statement timeout' in f for f in doc['apply']['failures'])")" \
  "True" "apply.failures naming customers and the timeout"
ok "--format json: the failed run prints {\"apply\": …} with complete false and the failure"
faults_release_lock
faults_expect_untouched shop customers
ok "customers is empty and unmarked"
FAULTS_SHOP_URL=$(faults_url_of shop)
faults_resume_and_verify
