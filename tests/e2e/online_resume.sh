#!/usr/bin/env bash
# `apply --resume --online` after an online apply interrupted during its copy, under writes: the
# earlier run's slots and publications are replaced, every table of a target not yet subscribed
# is copied again from its new slot's snapshot, and the split then streams and cuts over with
# every table equal to the frozen source. Run once more on the streaming split, --resume keeps
# the subscribed targets as they are.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/online.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/faults.bash"
online_begin online_resume
online_source 400000
online_targets
ok "the fixture monolith"

online_writer &
ONLINE_WRITER_PID=$!
writes_at_least() { (($(online_writes) >= $1)); }
online_wait_for "the writer's first commits" writes_at_least 3

# --- interrupted during the copy -----------------------------------------------------------------
# -j 1 copies billing's share of events first (the same size as tracking's): interrupted inside
# tracking's, billing holds copied tables that the resumed run must copy again.
online_interrupt_in_copy tracking events
expect_contains "$E2E_WORK/apply.err" "pgsplit apply --resume --online"
billing_tables_before=$(psql_at "$ONLINE_BILLING_URL" -c "SELECT count(*) FROM _pgsplit.tables")
((billing_tables_before > 0)) || fail "the interrupted run recorded no copied table in billing"
ok "apply --online interrupted inside a copy, with $billing_tables_before table(s) of billing copied"

# --- resumed -------------------------------------------------------------------------------------
after_interrupt=$(online_writes)
online_wait_for "commits after the interruption" writes_at_least $((after_interrupt + 3))
expect_exit 0 "$PGSPLIT_BIN" apply -c "$ONLINE_CONFIG" --online --resume -q
expect_contains "$E2E_OUT" "every target is streaming"
expect_contains "$E2E_ERR" "dropped the earlier run's replication slot pgsplit_billing on the source"
expect_contains "$E2E_ERR" "target billing: every table is copied again, from a new slot's snapshot"
expect_contains "$E2E_ERR" "target tracking: every table is copied again, from a new slot's snapshot"
expect_exit 0 "$PGSPLIT_BIN" status -c "$ONLINE_CONFIG" --format json
expect_eq "$(json_query "$E2E_OUT" '[t["phase"] for t in doc["targets"]]')" '["streaming", "streaming"]' \
  "phases after the resumed apply"
ok "apply --resume --online replaced the slots, copied again and streams"

# --- resumed again, on a streaming split: nothing is copied --------------------------------------
expect_exit 0 "$PGSPLIT_BIN" apply -c "$ONLINE_CONFIG" --online --resume --format json
expect_contains "$E2E_ERR" "target billing is subscribed already: kept as it is"
expect_contains "$E2E_ERR" "target tracking is subscribed already: kept as it is"
expect_not_contains "$E2E_ERR" "copied again"
expect_eq "$(json_query "$E2E_OUT" 'sorted({t["status"] for t in doc["apply"]["tables"]})')" '["already done (resume)"]' \
  "every table's status in the second resume"
ok "apply --resume --online keeps subscribed targets"

# --- the cut-over proves the resumed copy --------------------------------------------------------
after_resume=$(online_writes)
online_wait_for "commits while streaming" writes_at_least $((after_resume + 5))
expect_exit 0 "$PGSPLIT_BIN" cutover -c "$ONLINE_CONFIG" --checksums --format json
expect_eq "$(json_query "$E2E_OUT" 'doc["ok"]')" True "cutover ok"
expect_eq "$(json_query "$E2E_OUT" 'doc["verify"]["ok"]')" True "verify (checksums) in the freeze"
wait "$ONLINE_WRITER_PID" || fail "the writer failed"
ONLINE_WRITER_PID=
expect_contains "$E2E_WORK/writer.err" "moved to service"
expect_exit 0 "$PGSPLIT_BIN" verify -c "$ONLINE_CONFIG" --checksums
expect_contains "$E2E_OUT" "verify OK"
online_leftovers >"$E2E_WORK/leftovers"
expect_empty "$E2E_WORK/leftovers" "replication objects left"
ok "after the cut-over every table equals the frozen source, and nothing of the runs is left"

# --- a cut-over split is never copied again ------------------------------------------------------
snapshot_db billing "$ONLINE_BILLING_URL"
snapshot_db tracking "$ONLINE_TRACKING_URL"
expect_exit 2 "$PGSPLIT_BIN" apply -c "$ONLINE_CONFIG" --online --resume
expect_line_with "$E2E_ERR" "target billing is cut over already" "would copy its tables again"
expect_db_unchanged billing "$ONLINE_BILLING_URL"
expect_db_unchanged tracking "$ONLINE_TRACKING_URL"
ok "apply --online --resume after the cut-over: exit 2, the cut-over targets untouched"
