# Shared setup of the online-mode scenarios (tests/e2e/online_*.sh). Sourced after common.bash.
#
#   online_begin NAME          e2e_begin, plus a private cluster with wal_level = logical
#                              (ONLINE_SERVER_URL; more settings in ONLINE_SETTINGS) stopped
#                              at exit
#   online_source ROWS         the fixture monolith in a new database of that cluster
#   online_targets             two target databases named (not created) on the same cluster
#   online_leftovers           replication objects of the fixture left anywhere, one per line
#   online_interrupt_in_copy TARGET TABLE
#                              apply --online -j 1 sent SIGINT inside TABLE's copy into TARGET
#                              (needs support/faults.bash); its output in $E2E_WORK/apply.*

ONLINE_SANDBOX=
ONLINE_WRITER_PID=

online_begin() {
  e2e_begin "$1" --server
  ONLINE_FIXTURES=$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/online
  ONLINE_CONFIG=$ONLINE_FIXTURES/mapping.yaml
  ONLINE_SANDBOX=e2e-online-$1-$$
  trap online_cleanup EXIT
  ONLINE_SERVER_URL=$(PGSPLIT_SANDBOX_SETTINGS="-c wal_level=logical ${ONLINE_SETTINGS:-}" \
    "$PGSPLIT_SOURCE_DIR/scripts/pg-sandbox" start "$ONLINE_SANDBOX") ||
    fail "could not start a cluster with wal_level = logical"
}

online_cleanup() {
  local status=$?
  if [[ -n $ONLINE_WRITER_PID ]]; then
    kill "$ONLINE_WRITER_PID" 2>/dev/null || true
    wait "$ONLINE_WRITER_PID" 2>/dev/null || true
  fi
  if [[ -n ${ONLINE_APPLY_PID:-} ]] && kill -0 "$ONLINE_APPLY_PID" 2>/dev/null; then
    kill -KILL "$ONLINE_APPLY_PID" 2>/dev/null || true
    wait "$ONLINE_APPLY_PID" 2>/dev/null || true
  fi
  [[ -n $ONLINE_SANDBOX ]] &&
    "$PGSPLIT_SOURCE_DIR/scripts/pg-sandbox" stop "$ONLINE_SANDBOX" >/dev/null 2>&1
  (exit "$status")
  e2e_cleanup
}

# The URL of database $1 on the logical cluster.
online_url() { echo "${ONLINE_SERVER_URL%/*}/$1"; }

online_source() {
  export ONLINE_SOURCE_URL; ONLINE_SOURCE_URL=$(online_url "pgsplit_e2e_${E2E_NAME}_$$_source")
  psql_at "$ONLINE_SERVER_URL" -c "CREATE DATABASE \"pgsplit_e2e_${E2E_NAME}_$$_source\"" >/dev/null
  psql_at "$ONLINE_SOURCE_URL" -v rows="$1" -f "$ONLINE_FIXTURES/source.sql" >"$E2E_WORK/source.log" 2>&1 ||
    { show_file "loading the source" "$E2E_WORK/source.log"; fail "loading the online fixture"; }
}

online_targets() {
  export ONLINE_BILLING_URL ONLINE_TRACKING_URL
  ONLINE_BILLING_URL=$(online_url "pgsplit_e2e_${E2E_NAME}_$$_billing")
  ONLINE_TRACKING_URL=$(online_url "pgsplit_e2e_${E2E_NAME}_$$_tracking")
}

online_leftovers() {
  psql_at "$ONLINE_SOURCE_URL" -c \
    "SELECT 'slot ' || slot_name FROM pg_replication_slots WHERE slot_name LIKE 'pgsplit\\_%'
     UNION ALL SELECT 'publication ' || pubname FROM pg_publication WHERE pubname LIKE 'pgsplit\\_%'
     UNION ALL SELECT 'subscription ' || subname FROM pg_subscription WHERE subname LIKE 'pgsplit\\_%'"
}

online_interrupt_in_copy() {
  local target=$1 table=$2 status=0
  # SIGINT keeps its default disposition (a background job of a script ignores it otherwise).
  python3 -c '
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])
' "$PGSPLIT_BIN" apply -c "$ONLINE_CONFIG" --online -j 1 >"$E2E_WORK/apply.out" 2>"$E2E_WORK/apply.err" &
  ONLINE_APPLY_PID=$!
  # Stepped (SIGSTOP/SIGCONT) until frozen inside that copy: the signal then lands in the copy,
  # after the slots were made and before any subscription.
  FAULTS_PID=$ONLINE_APPLY_PID FAULTS_SOURCE_URL=$ONLINE_SOURCE_URL FAULTS_TIMEOUT=120
  faults_freeze_in_copy "$ONLINE_SERVER_URL" "pgsplit_e2e_${E2E_NAME}_$$_$target" 'COPY FROM' "$table"
  kill -INT "$ONLINE_APPLY_PID"
  faults_thaw
  wait "$ONLINE_APPLY_PID" || status=$?
  ONLINE_APPLY_PID=
  expect_eq "$status" 130 "exit status of the interrupted apply"
  expect_contains "$E2E_WORK/apply.err" "apply interrupted"
}

# online_wait_for DESCRIPTION COMMAND...: runs COMMAND every 50 ms until it succeeds; fails the
# test after 120 s (a state that never comes is a failure, not a hang).
online_wait_for() {
  local description=$1 tries=0
  shift
  until "$@"; do
    tries=$((tries + 1))
    ((tries < 2400)) || fail "waited 120 s for: $description"
    sleep 0.05
  done
}

# The writer of the scenarios: one transaction after the other touching every moved table in
# lock order (inserts, updates including a move between partitions, deletes), counting its
# commits in $E2E_WORK/writer.count. It stops at the first write refused by the fence, keeping
# the error in $E2E_WORK/writer.err; other failures (a deadlock with cut-over) are retried.
online_writer() {
  local i=0
  echo 0 >"$E2E_WORK/writer.count"
  while :; do
    i=$((i + 1))
    if psql -X -q -v ON_ERROR_STOP=1 -d "$ONLINE_SOURCE_URL" >/dev/null 2>"$E2E_WORK/writer.err" <<SQL; then
BEGIN;
INSERT INTO accounts (email, country, balance) VALUES ('writer$i@example.com', 'fr', $i);
UPDATE accounts SET balance = balance + 1 WHERE id = 1 + $i % 500;
DELETE FROM accounts WHERE id = 500 - $i % 100 AND email LIKE 'user%';
UPDATE countries SET name = name || '.' WHERE code = 'de';
INSERT INTO events (tenant, kind) VALUES (1 + $i % 2, 'writer');
UPDATE events SET payload = 'changed $i' WHERE tenant = 1 + $i % 2 AND id = $i;
DELETE FROM events WHERE tenant = 2 AND id = 3000 + 2 * $i;
INSERT INTO orders (placed, account_id, total) VALUES (date '2024-06-01' + $i % 400, 1, $i);
UPDATE orders SET total = total + 1 WHERE id = $i;
UPDATE orders SET placed = placed + 365 WHERE id = 10 + $i AND placed < date '2025-01-01';
DELETE FROM orders WHERE id = 1000 + $i;
COMMIT;
SQL
      echo "$i" >"$E2E_WORK/writer.count"
    elif grep -q "moved to service" "$E2E_WORK/writer.err"; then
      return 0
    fi
  done
}

# Commits of the writer so far.
online_writes() { cat "$E2E_WORK/writer.count"; }
