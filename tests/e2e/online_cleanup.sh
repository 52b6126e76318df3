#!/usr/bin/env bash
# `pgsplit cleanup` after an online apply interrupted during its copy (SIGINT once both slots
# exist), and after one left streaming: every slot, publication and subscription pgsplit made
# goes, the copied data and everything else stays, and a second cleanup has nothing to do.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/online.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/faults.bash"
online_begin online_cleanup
online_source 400000
online_targets
psql_at "$ONLINE_SOURCE_URL" -c "CREATE PUBLICATION unrelated FOR TABLE countries" >/dev/null
ok "the fixture monolith, and a publication that is not pgsplit's"

# --- interrupted during the copy ---------------------------------------------------------------
online_interrupt_in_copy billing events
expect_contains "$E2E_WORK/apply.err" "pgsplit cleanup"

expect_exit 0 "$PGSPLIT_BIN" status -c "$ONLINE_CONFIG" --format json
expect_eq "$(json_query "$E2E_OUT" '[t["phase"] for t in doc["targets"]]')" '["copying", "copying"]' \
  "phases after the interrupted copy"

expect_exit 0 "$PGSPLIT_BIN" cleanup -c "$ONLINE_CONFIG"
expect_contains "$E2E_OUT" "dropped replication slot pgsplit_billing on the source"
expect_contains "$E2E_OUT" "dropped publication pgsplit_tracking on the source"
online_leftovers >"$E2E_WORK/leftovers"
expect_empty "$E2E_WORK/leftovers" "replication objects after cleanup"
expect_eq "$(psql_at "$ONLINE_SOURCE_URL" -c "SELECT string_agg(pubname, ',') FROM pg_publication")" unrelated \
  "the other publication"
expect_exit 0 "$PGSPLIT_BIN" cleanup -c "$ONLINE_CONFIG"
expect_contains "$E2E_OUT" "nothing to drop"
ok "cleanup after an interrupted copy leaves nothing behind, and is idempotent"

# --- left streaming ------------------------------------------------------------------------------
for database in billing tracking; do
  psql_at "$ONLINE_SERVER_URL" -c "DROP DATABASE \"pgsplit_e2e_${E2E_NAME}_$$_$database\" WITH (FORCE)" >/dev/null
done
expect_exit 0 "$PGSPLIT_BIN" apply -c "$ONLINE_CONFIG" --online -q
rows_before=$(psql_at "$ONLINE_BILLING_URL" -c "SELECT count(*) FROM accounts")
expect_exit 0 "$PGSPLIT_BIN" cleanup -c "$ONLINE_CONFIG"
expect_contains "$E2E_OUT" "dropped subscription pgsplit_billing on target billing"
expect_contains "$E2E_OUT" "dropped replication slot pgsplit_tracking on the source"
online_leftovers >"$E2E_WORK/leftovers"
expect_empty "$E2E_WORK/leftovers" "replication objects after cleanup"
expect_eq "$(psql_at "$ONLINE_BILLING_URL" -c "SELECT count(*) FROM accounts")" "$rows_before" \
  "rows of the target after cleanup"
ok "cleanup of a streaming split drops subscriptions, slots and publications, and keeps the data"
