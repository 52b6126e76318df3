#!/usr/bin/env bash
# Online split under writes: a writer inserts, updates and deletes on every moved table (a
# partitioned one with rows moving between partitions, a table divided by a row filter, a table
# given to both targets) during `apply --online` and until `cutover`. After the cut-over every
# target table equals the frozen source (checksums), sequences are right, no slot, publication
# or subscription remains, and the writer's next write is refused by the fence.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/online.bash"
online_begin online_cutover
online_source 20000
online_targets
ok "a source cluster with wal_level = logical, and the fixture monolith"

online_writer &
ONLINE_WRITER_PID=$!
writes_at_least() { (($(online_writes) >= $1)); }
online_wait_for "the writer's first commits" writes_at_least 3
ok "the writer commits"

expect_exit 0 "$PGSPLIT_BIN" apply -c "$ONLINE_CONFIG" --online -q
expect_contains "$E2E_OUT" "every target is streaming"
after_apply=$(online_writes)

expect_exit 0 "$PGSPLIT_BIN" status -c "$ONLINE_CONFIG" --format json
expect_eq "$(json_query "$E2E_OUT" 'all(t["subscription"] and t["slot_active"] for t in doc["targets"])')" \
  True "every target's subscription reads its slot"

# Writes while the targets stream, not only during the copy.
online_wait_for "commits while streaming" writes_at_least $((after_apply + 5))
ok "the writer went on while the targets streamed"

expect_exit 0 "$PGSPLIT_BIN" cutover -c "$ONLINE_CONFIG" --checksums --format json
expect_eq "$(json_query "$E2E_OUT" 'doc["ok"]')" True "cutover ok"
expect_eq "$(json_query "$E2E_OUT" 'doc["fenced"]')" True "fenced"
expect_eq "$(json_query "$E2E_OUT" 'doc["verify"]["ok"]')" True "verify in the freeze"
expect_eq "$(json_query "$E2E_OUT" 'doc["write_freeze_seconds"] > 0')" True "write_freeze_seconds"
[[ $(json_query "$E2E_OUT" 'doc["lsn"]') =~ ^[0-9A-F]+/[0-9A-F]+$ ]] || fail "cutover reports no LSN"

# The writer meets the fence and stops.
wait "$ONLINE_WRITER_PID" || fail "the writer failed"
ONLINE_WRITER_PID=
expect_contains "$E2E_WORK/writer.err" "moved to service"
ok "the writer's next write was refused by the fence"

# Every table equals the frozen source, sequences included, with pgsplit's own verify.
expect_exit 0 "$PGSPLIT_BIN" verify -c "$ONLINE_CONFIG" --checksums
expect_contains "$E2E_OUT" "verify OK"

online_leftovers >"$E2E_WORK/leftovers"
expect_empty "$E2E_WORK/leftovers" "replication objects left"
ok "no pgsplit slot, publication or subscription remains"

expect_exit 0 "$PGSPLIT_BIN" status -c "$ONLINE_CONFIG" --format json
expect_eq "$(json_query "$E2E_OUT" '[t["phase"] for t in doc["targets"]]')" '["cut over", "cut over"]' "phases"
expect_exit 0 "$PGSPLIT_BIN" status -c "$ONLINE_CONFIG" --format markdown
expect_contains "$E2E_OUT" "### pgsplit status: every target is cut over"
expect_line_with "$E2E_OUT" '| `tracking`' "| cut over"

# The fence names the services; reads go on.
if psql_at "$ONLINE_SOURCE_URL" -c "UPDATE countries SET name = 'x'" 2>"$E2E_WORK/fence.err"; then
  fail "a write to a moved table went through the fence"
fi
expect_contains "$E2E_WORK/fence.err" "table public.countries moved to service billing, tracking by pgsplit"
psql_at "$ONLINE_SOURCE_URL" -c "SELECT count(*) FROM accounts" >/dev/null || fail "reads refused"

# A service's next insert takes the next id: its sequence came over at cut-over.
psql_at "$ONLINE_BILLING_URL" -c "INSERT INTO accounts (email) VALUES ('after@example.com')" >/dev/null ||
  fail "inserting into the billing target after cut-over"
ok "the target's sequence continues after the source's"

# cleanup --fence takes the fence down, and nothing else is left to drop.
expect_exit 0 "$PGSPLIT_BIN" cleanup -c "$ONLINE_CONFIG" --fence
expect_contains "$E2E_OUT" "dropped the write fence"
psql_at "$ONLINE_SOURCE_URL" -c "UPDATE countries SET name = name WHERE code = 'fr'" >/dev/null ||
  fail "the source still refuses writes after cleanup --fence"
ok "cleanup --fence removed the fence"
