#!/usr/bin/env bash
# A target backend terminated mid-COPY (pg_terminate_backend once pg_stat_progress_copy shows
# bytes moving into telemetry's `events`): apply exits 1 naming the target and the table; the
# table is empty and unmarked in _pgsplit.tables; no pgsplit session is left; `apply --resume`
# completes and `verify --checksums` passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/faults.bash"
faults_begin fault_target_backend_killed

faults_source 400000
faults_targets "$PGSPLIT_TEST_URL"
ok "source loaded (events: $(psql_at "$FAULTS_SOURCE_URL" -c "SELECT pg_size_pretty(pg_relation_size('events'))"))"

faults_start_apply -q
faults_wait_copy "$PGSPLIT_TEST_URL" "$FAULTS_TELEMETRY_DB" 'COPY FROM' events
expect_eq "$(psql_at "$PGSPLIT_TEST_URL" -c "SELECT pg_terminate_backend($FAULTS_COPY_PID)")" t \
  "pg_terminate_backend of the target's COPY"
faults_wait_apply
if [[ $E2E_STATUS -ne 1 ]]; then show_last_run; fail "expected exit 1, got $E2E_STATUS"; fi
expect_line_with "$E2E_ERR" "pgsplit: error:" "target telemetry" "events"
expect_match "$E2E_ERR" "terminating connection|server closed the connection"
expect_contains "$E2E_ERR" "--resume"
ok "apply exits 1 with an error naming target telemetry, table events and the server's message"
expect_contains "$E2E_OUT" "not copied"
expect_line_with "$E2E_OUT" "telemetry: public.events" "(failed)"
ok "the summary lists events as failed and not copied"

faults_expect_untouched telemetry events
ok "events is empty and unmarked in telemetry"
faults_expect_no_session "$PGSPLIT_TEST_URL" "$FAULTS_SOURCE_DB" "$FAULTS_SHOP_DB" "$FAULTS_TELEMETRY_DB"
ok "no pgsplit session is left on the server"

faults_resume_and_verify
