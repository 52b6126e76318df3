#!/usr/bin/env bash
# The targets' server stopped (`pg_ctl stop -m fast`) while telemetry's `events` is being copied
# and nothing else runs (pgsplit frozen meanwhile), then started again: apply exits 1 with an
# error naming target telemetry, table events and the lost connection; after the restart, events
# is empty and unmarked, no pgsplit session is left on the source, and `apply --resume`
# completes; `verify --checksums` passes. The targets live on a cluster of this script's own
# (scripts/pg-sandbox): the shared test cluster is never stopped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/faults.bash"
faults_begin fault_target_server_restart

sandbox=$PGSPLIT_SOURCE_DIR/scripts/pg-sandbox
FAULTS_EXTRA_SANDBOX=faults-targets-$$
target_server=$("$sandbox" start "$FAULTS_EXTRA_SANDBOX") || fail "could not start a sandbox for the targets"
faults_source 600000
faults_targets "$target_server"
ok "source on the test cluster, targets on sandbox $FAULTS_EXTRA_SANDBOX"

faults_start_apply -q
faults_wait_copy "$target_server" "$FAULTS_TELEMETRY_DB" 'COPY FROM' events
# Stopping the server while another job runs (shop's sequences, say) would make the first error
# that job's, and stopping it once events' copy has committed would prove nothing: pgsplit is
# frozen while events' copy is open and every other job is over.
faults_freeze_on_events "$target_server"
"$sandbox" stop-fast "$FAULTS_EXTRA_SANDBOX" || fail "could not stop the targets' server"
faults_thaw
faults_wait_apply
if [[ $E2E_STATUS -ne 1 ]]; then show_last_run; fail "expected exit 1, got $E2E_STATUS"; fi
expect_match "$E2E_ERR" "^pgsplit: error: apply did not complete: target telemetry, table public.events: "
expect_match "$E2E_ERR" "server closed the connection|terminating connection"
target_port=${target_server#*@127.0.0.1:}
target_port=${target_port%%/*}
expect_contains "$E2E_ERR" "127.0.0.1:$target_port/" "the error (naming the targets' server)"
expect_contains "$E2E_ERR" "--resume"
ok "apply exits 1 with an error naming target telemetry, table events, its server and the lost connection"
expect_line_with "$E2E_OUT" "telemetry: public.events" "(failed)"
ok "the summary lists events as failed"

"$sandbox" restart "$FAULTS_EXTRA_SANDBOX" >/dev/null || fail "could not restart the targets' server"
faults_expect_untouched telemetry events
ok "after the restart, events is empty and unmarked"
faults_expect_no_session "$PGSPLIT_TEST_URL" "$FAULTS_SOURCE_DB"
faults_expect_no_session "$target_server" "$FAULTS_SHOP_DB" "$FAULTS_TELEMETRY_DB"
ok "no pgsplit session is left on either server"

faults_resume_and_verify
