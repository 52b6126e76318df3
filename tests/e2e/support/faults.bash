# Shared helpers of the fault-injection scripts (tests/e2e/fault_*.sh), sourced after
# common.bash. Each script splits tests/e2e/fixtures/faults/source.sql with mapping.yaml,
# breaks the run while the big `events` table is being copied, checks that nothing partial is
# left, then recovers with `apply --resume` and proves it with `verify --checksums`.
#
#   faults_begin fault_sigint          # e2e_begin + cleanup of background processes
#   faults_source 400000               # the source database, FAULTS_SOURCE_URL
#   faults_targets "$PGSPLIT_TEST_URL" # FAULTS_SHOP_URL, FAULTS_TELEMETRY_URL (created by apply)
#   faults_start_apply                 # pgsplit apply -j 2 in the background
#   faults_wait_copy "$PGSPLIT_TEST_URL" "$FAULTS_TELEMETRY_DB" 'COPY FROM' events
#   kill -INT "$FAULTS_PID"; faults_wait_apply
#   expect_exit-like checks on $E2E_STATUS, $E2E_OUT, $E2E_ERR

FAULTS_FIXTURES=
FAULTS_PID=
FAULTS_EXTRA_SANDBOX=
FAULTS_LOCK_PID=
FAULTS_CONFIG=
# How long a script waits for a copy to show progress or for apply to end (seconds).
FAULTS_TIMEOUT=${FAULTS_TIMEOUT:-90}

faults_begin() {
  e2e_begin "$1" --server
  FAULTS_FIXTURES=$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/faults
  FAULTS_CONFIG=$FAULTS_FIXTURES/mapping.yaml
  trap faults_cleanup EXIT
}

# Stops what the script started in the background (pgsplit, the lock holder, the second
# cluster), then the usual cleanup (databases, scratch directory) with the script's status.
faults_cleanup() {
  local status=$?
  if [[ -n $FAULTS_PID ]] && kill -0 "$FAULTS_PID" 2>/dev/null; then
    kill -KILL "$FAULTS_PID" 2>/dev/null || true
    wait "$FAULTS_PID" 2>/dev/null || true
  fi
  # Ending the lock holder ends its session, and so its transaction and lock.
  if [[ -n $FAULTS_LOCK_PID ]]; then
    kill "$FAULTS_LOCK_PID" 2>/dev/null || true
    wait "$FAULTS_LOCK_PID" 2>/dev/null || true
  fi
  if [[ -n $FAULTS_EXTRA_SANDBOX ]]; then
    "$PGSPLIT_SOURCE_DIR/scripts/pg-sandbox" stop "$FAULTS_EXTRA_SANDBOX" >/dev/null 2>&1 ||
      echo "warning: could not stop sandbox $FAULTS_EXTRA_SANDBOX" >&2
  fi
  # e2e_cleanup reads the script's status from $?; under set -e, a failing `(exit 1)` would end
  # this trap before it.
  set +e
  (exit "$status")
  e2e_cleanup
}

# faults_source BIG_ROWS [ORDER_ROWS]: creates and loads the source database; exports
# FAULTS_SOURCE_URL. About 250 bytes per `events` row.
faults_source() {
  local big_rows=$1 order_rows=${2:-20000}
  db_name source
  FAULTS_SOURCE_DB=$E2E_DB
  create_db "$FAULTS_SOURCE_DB"
  export FAULTS_SOURCE_URL; FAULTS_SOURCE_URL=$(db_url "$FAULTS_SOURCE_DB")
  psql_at "$FAULTS_SOURCE_URL" -v big_rows="$big_rows" -v order_rows="$order_rows" \
    -f "$FAULTS_FIXTURES/source.sql" >"$E2E_WORK/source.log" 2>&1 ||
    { show_file "loading the source" "$E2E_WORK/source.log"; fail "loading $FAULTS_FIXTURES/source.sql"; }
}

# faults_targets SERVER_URL [SUFFIX]: names two new target databases (shop SUFFIX, telemetry
# SUFFIX) on the server of SERVER_URL (a superuser URL) and exports FAULTS_SHOP_URL and
# FAULTS_TELEMETRY_URL; apply creates them. On the test cluster they are dropped at exit; on a
# sandbox of the script's own, with it.
faults_targets() {
  local server=$1 suffix=${2:-}
  FAULTS_SERVER_URL=$server
  db_name "shop$suffix"; FAULTS_SHOP_DB=$E2E_DB
  db_name "telemetry$suffix"; FAULTS_TELEMETRY_DB=$E2E_DB
  export FAULTS_SHOP_URL FAULTS_TELEMETRY_URL
  FAULTS_SHOP_URL=$(faults_url_of shop)
  FAULTS_TELEMETRY_URL=$(faults_url_of telemetry)
}

# faults_url_of TARGET: the URL of the target database without any query (for our own checks).
faults_url_of() {
  local base=${FAULTS_SERVER_URL%%\?*}
  case $1 in
    shop) echo "${base%/*}/$FAULTS_SHOP_DB" ;;
    telemetry) echo "${base%/*}/$FAULTS_TELEMETRY_DB" ;;
    *) fail "faults_url_of: unknown target $1" ;;
  esac
}

# faults_start_apply [ARGS...]: `pgsplit apply -c mapping.yaml -j 2 ARGS` (-j FAULTS_JOBS when
# set) in the background, stdout and stderr to files; its pid in FAULTS_PID. SIGINT and SIGTERM
# get their default disposition back: a non-interactive shell starts background commands with
# SIGINT ignored, which an operator's Ctrl-C never meets. --auto-split off: the scenarios
# interrupt a table copied whole, in one transaction (`events` is most of the run's bytes, which
# auto-split would copy in parts; tests/integration/copy/split_parts_test.cpp covers parts).
faults_start_apply() {
  local n=$((${E2E_RUNS:-0} + 1))
  E2E_RUNS=$n
  E2E_OUT=$E2E_WORK/run$n.out
  E2E_ERR=$E2E_WORK/run$n.err
  E2E_LAST_CMD="pgsplit apply -c $FAULTS_CONFIG -j ${FAULTS_JOBS:-2} --auto-split off $*"
  python3 -c '
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])
' "$PGSPLIT_BIN" apply -c "$FAULTS_CONFIG" -j "${FAULTS_JOBS:-2}" --auto-split off "$@" \
    >"$E2E_OUT" 2>"$E2E_ERR" </dev/null &
  FAULTS_PID=$!
}

# faults_wait_apply: waits for the background apply to end (at most FAULTS_TIMEOUT seconds);
# its exit code in E2E_STATUS.
faults_wait_apply() {
  local waited=0
  while kill -0 "$FAULTS_PID" 2>/dev/null; do
    if ((waited >= FAULTS_TIMEOUT * 10)); then
      show_last_run
      fail "pgsplit apply still runs after ${FAULTS_TIMEOUT}s"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  set +e
  wait "$FAULTS_PID"
  E2E_STATUS=$?
  set -e
  FAULTS_PID=
}

# faults_wait_copy SERVER_URL DATABASE DIRECTION TABLE [MIN_BYTES]: waits until a pgsplit
# backend of DATABASE (on the server of the superuser URL SERVER_URL) runs a COPY of TABLE in
# DIRECTION ('COPY FROM' on a target, 'COPY TO' on the source) and has moved MIN_BYTES (default
# 1 MB); that backend's pid in FAULTS_COPY_PID. Fails when apply ends first or nothing moves
# within FAULTS_TIMEOUT seconds.
faults_wait_copy() {
  local server=$1 database=$2 direction=$3 table=$4 min_bytes=${5:-1000000}
  local pid waited=0
  FAULTS_COPY_PID=
  while ((waited < FAULTS_TIMEOUT * 20)); do
    pid=$(psql_at "$server" -c "
      SELECT p.pid FROM pg_stat_progress_copy p JOIN pg_stat_activity a USING (pid)
       WHERE a.datname = '$database' AND p.command = '$direction'
         AND a.application_name LIKE 'pgsplit%' AND a.query LIKE '%\"$table\"%'
         AND p.bytes_processed >= $min_bytes
       LIMIT 1") || fail "could not read pg_stat_progress_copy"
    if [[ -n $pid ]]; then
      FAULTS_COPY_PID=$pid
      return 0
    fi
    if [[ -n $FAULTS_PID ]] && ! kill -0 "$FAULTS_PID" 2>/dev/null; then
      show_last_run
      fail "pgsplit apply ended before a $direction of $table was seen moving"
    fi
    sleep 0.05
    waited=$((waited + 1))
  done
  show_last_run
  fail "no $direction of $table moved $min_bytes bytes within ${FAULTS_TIMEOUT}s"
}

# faults_wait_true URL SQL WHAT: waits until SQL (one boolean) is true in the database of URL;
# fails when apply ends first or within FAULTS_TIMEOUT seconds. WHAT says what is awaited.
faults_wait_true() {
  local url=$1 sql=$2 what=$3 waited=0
  until [[ $(psql_at "$url" -c "$sql") == t ]]; do
    if [[ -n $FAULTS_PID ]] && ! kill -0 "$FAULTS_PID" 2>/dev/null; then
      show_last_run
      fail "pgsplit apply ended before $what"
    fi
    if ((waited >= FAULTS_TIMEOUT * 20)); then
      show_last_run
      fail "not within ${FAULTS_TIMEOUT}s: $what"
    fi
    sleep 0.05
    waited=$((waited + 1))
  done
}

# faults_freeze_on_events SERVER_URL: once the copy of telemetry's events is seen moving
# (faults_wait_copy), freezes pgsplit (SIGSTOP) at a moment when every other job is over: shop
# entirely (its last job records the `views` phase) and audit_log's indexes in telemetry, while
# events' COPY is still open on the targets' server. Frozen, nothing moves: a fault injected now
# hits that copy and nothing else, so the error can only name it. Thaw with faults_thaw. Until
# the other jobs are over, pgsplit runs on and is looked at again every 50 ms.
faults_freeze_on_events() {
  local server=$1 waited=0 state
  local shop_done="SELECT EXISTS (SELECT 1 FROM _pgsplit.phases WHERE phase = 'views')"
  local audit_done="SELECT EXISTS (SELECT 1 FROM _pgsplit.tables
      WHERE target_table = '\"public\".\"audit_log\"' AND post_data_done_at IS NOT NULL)"
  local events_moving="SELECT EXISTS (SELECT 1 FROM pg_stat_progress_copy p
      JOIN pg_stat_activity a USING (pid) WHERE a.datname = '$FAULTS_TELEMETRY_DB'
       AND p.command = 'COPY FROM' AND a.application_name LIKE 'pgsplit%'
       AND a.query LIKE '%\"events\"%')"
  while :; do
    kill -STOP "$FAULTS_PID" 2>/dev/null || { show_last_run; fail "pgsplit apply ended before the other jobs were over"; }
    state=$(psql_at "$(faults_url_of shop)" -c "$shop_done")$(psql_at "$(faults_url_of telemetry)" -c "$audit_done")
    state+=$(psql_at "$server" -c "$events_moving")
    case $state in
      ttt) return 0 ;;
      *f) kill -CONT "$FAULTS_PID"; show_last_run
          fail "events' copy ended before the other jobs (state $state): make the source's events larger" ;;
    esac
    kill -CONT "$FAULTS_PID"
    if ((waited >= FAULTS_TIMEOUT * 20)); then
      fail "the other jobs were not over within ${FAULTS_TIMEOUT}s (state $state)"
    fi
    sleep 0.05
    waited=$((waited + 1))
  done
}

# faults_thaw: lets the frozen pgsplit run again (SIGCONT).
# faults_freeze_in_copy SERVER_URL DATABASE DIRECTION TABLE: runs pgsplit in steps of a few
# milliseconds (SIGSTOP, look, SIGCONT) until, frozen, its COPY of TABLE in DATABASE is seen
# running with less than half of the table's bytes through; returns with pgsplit frozen there.
# Frozen, the COPY cannot end (nor its transaction commit), so a kill or a signal sent now lands
# inside it; a step moves far less than half the table, so the moment cannot be missed. Sets
# FAULTS_COPY_PID to that backend. At most FAULTS_TIMEOUT seconds. Thaw with faults_thaw.
faults_freeze_in_copy() {
  local server=$1 database=$2 direction=$3 table=$4 pid half query started=$SECONDS
  half=$(psql_at "$FAULTS_SOURCE_URL" -c "SELECT pg_relation_size('$table') / 2") ||
    fail "could not read the size of $table"
  query="SELECT p.pid FROM pg_stat_progress_copy p JOIN pg_stat_activity a USING (pid)
          WHERE a.datname = '$database' AND p.command = '$direction'
            AND a.application_name LIKE 'pgsplit%' AND a.query LIKE '%\"$table\"%'
            AND a.state = 'active' AND p.bytes_processed BETWEEN 1 AND $half LIMIT 1"
  while ((SECONDS - started < FAULTS_TIMEOUT)); do
    kill -STOP "$FAULTS_PID" 2>/dev/null || { show_last_run; fail "pgsplit apply ended before its $direction of $table was seen"; }
    pid=$(psql_at "$server" -c "$query") || { faults_thaw; fail "could not read pg_stat_progress_copy"; }
    if [[ -n $pid ]]; then
      FAULTS_COPY_PID=$pid
      return 0
    fi
    faults_thaw
    sleep 0.003
  done
  show_last_run
  fail "no $direction of $table was seen with less than half through within ${FAULTS_TIMEOUT}s"
}

faults_thaw() {
  kill -CONT "$FAULTS_PID" 2>/dev/null || true
}

# faults_expect_untouched TARGET TABLE: the table is empty in TARGET and not marked done in
# its _pgsplit.tables (what a rolled-back copy leaves).
faults_expect_untouched() {
  local target=$1 table=$2 url rows marks
  url=$(faults_url_of "$target")
  rows=$(psql_at "$url" -c "SELECT count(*) FROM public.\"$table\"")
  marks=$(psql_at "$url" -c \
    "SELECT count(*) FROM _pgsplit.tables WHERE target_table = '\"public\".\"$table\"'")
  if [[ $rows != 0 || $marks != 0 ]]; then
    show_last_run
    fail "$target: $table should be empty and unmarked after the fault: $rows rows, $marks rows in _pgsplit.tables"
  fi
}

# faults_expect_no_session SERVER_URL DATABASE...: no pgsplit session (application_name
# pgsplit…) is connected to these databases. A backend whose client has just gone needs a
# moment to exit: allowed up to 3 seconds.
faults_expect_no_session() {
  local server=$1
  shift
  local list
  list=$(printf "'%s'," "$@")
  list=${list%,}
  local sessions waited=0
  while :; do
    sessions=$(psql_at "$server" -c "
      SELECT datname || ' ' || application_name || ' ' || state || ': ' || left(query, 80)
        FROM pg_stat_activity
       WHERE datname IN ($list) AND application_name LIKE 'pgsplit%' AND pid <> pg_backend_pid()")
    [[ -z $sessions ]] && return 0
    if ((waited >= 30)); then
      fail "pgsplit sessions left on the server after apply ended: $sessions"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# faults_resume_and_verify: `apply --resume` completes (exit 0), `verify --checksums` passes
# (exit 0), and every table holds the source's rows.
faults_resume_and_verify() {
  expect_exit 0 "$PGSPLIT_BIN" apply -c "$FAULTS_CONFIG" -j 2 --auto-split off --resume -q
  expect_contains "$E2E_ERR" "new snapshot" "resume's warning"
  ok "apply --resume completes"
  expect_exit 0 "$PGSPLIT_BIN" verify -c "$FAULTS_CONFIG" --checksums
  ok "verify --checksums passes after the recovery"
  local target table target_table
  for target_table in shop:customers shop:orders telemetry:events telemetry:audit_log; do
    target=${target_table%%:*}
    table=${target_table#*:}
    expect_eq "$(psql_at "$(faults_url_of "$target")" -c "SELECT count(*) FROM public.\"$table\"")" \
      "$(psql_at "$FAULTS_SOURCE_URL" -c "SELECT count(*) FROM public.\"$table\"")" \
      "rows of $target: $table after the recovery"
  done
  ok "every table holds as many rows as the source"
}

# faults_hold_lock URL TABLE: a background psql session takes an ACCESS EXCLUSIVE lock on
# TABLE in the database of URL and keeps its transaction open until faults_release_lock.
faults_hold_lock() {
  local url=$1 table=$2
  rm -f "$E2E_WORK/lock.fifo"
  mkfifo "$E2E_WORK/lock.fifo"
  PGAPPNAME=faults-lock-holder psql -X -q -A -t -d "$url" <"$E2E_WORK/lock.fifo" \
    >"$E2E_WORK/lock.out" 2>&1 &
  FAULTS_LOCK_PID=$!
  exec 7>"$E2E_WORK/lock.fifo"
  echo "BEGIN; LOCK TABLE public.\"$table\" IN ACCESS EXCLUSIVE MODE; SELECT 'locked';" >&7
  local waited=0
  until grep -q '^locked$' "$E2E_WORK/lock.out" 2>/dev/null; do
    if ((waited >= 100)); then
      show_file "lock holder" "$E2E_WORK/lock.out"
      fail "could not lock $table"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# faults_release_lock: commits the lock holder's transaction and ends it.
faults_release_lock() {
  [[ -n $FAULTS_LOCK_PID ]] || return 0
  echo "COMMIT;" >&7 || true
  exec 7>&-
  wait "$FAULTS_LOCK_PID" || true
  FAULTS_LOCK_PID=
}

# faults_signal_scenario SIGNAL EXIT_CODE: the whole SIGINT/SIGTERM scenario. The signal reaches
# pgsplit while telemetry's `events` is being copied: apply exits EXIT_CODE, prints what is
# done and what is not, rolls the copy back (empty, unmarked), leaves no session behind; then
# `apply --resume` completes and `verify --checksums` passes.
faults_signal_scenario() {
  local signal=$1 code=$2
  faults_source 400000
  faults_targets "$PGSPLIT_TEST_URL"
  ok "source loaded"

  faults_start_apply
  # Signalled while frozen inside events' copy: the signal is handled on the thaw, with the
  # copy still running (a signal after its commit would interrupt nothing of events).
  faults_freeze_in_copy "$PGSPLIT_TEST_URL" "$FAULTS_TELEMETRY_DB" 'COPY FROM' events
  kill "-$signal" "$FAULTS_PID"
  faults_thaw
  faults_wait_apply
  if [[ $E2E_STATUS -ne $code ]]; then show_last_run; fail "expected exit $code after SIG$signal, got $E2E_STATUS"; fi
  expect_contains "$E2E_ERR" "pgsplit: error: apply interrupted"
  expect_contains "$E2E_ERR" "pgsplit apply --resume"
  ok "SIG$signal: apply exits $code and says how to continue"
  expect_contains "$E2E_OUT" "apply summary"
  expect_contains "$E2E_OUT" "not copied"
  # A copy the operator stopped is interrupted, not failed: no failure is reported for it.
  expect_line_with "$E2E_OUT" "telemetry: public.events" "(interrupted)"
  expect_not_contains "$E2E_OUT" "canceling statement due to user request"
  ok "the summary says what is done and that events was interrupted (not failed)"

  faults_expect_untouched telemetry events
  ok "the in-flight copy of events was rolled back: empty and unmarked"
  faults_expect_no_session "$PGSPLIT_TEST_URL" "$FAULTS_SOURCE_DB" "$FAULTS_SHOP_DB" "$FAULTS_TELEMETRY_DB"
  ok "no pgsplit session is left on the server"

  faults_resume_and_verify
}

# faults_backend_killed_scenario SIDE: the whole killed-backend scenario. SIDE is `target`
# (telemetry's `COPY … FROM STDIN`) or `source` (the worker's `COPY (SELECT …) TO STDOUT`); its
# backend is terminated once bytes move: apply exits 1 naming target telemetry, table events and
# the server's message; the summary lists events as failed and not copied; events is empty and
# unmarked; no session is left; then `apply --resume` completes and `verify --checksums` passes.
faults_backend_killed_scenario() {
  local side=$1 database direction
  faults_source 400000
  faults_targets "$PGSPLIT_TEST_URL"
  ok "source loaded"
  # The databases are named by faults_source and faults_targets.
  case $side in
    target) database=$FAULTS_TELEMETRY_DB direction='COPY FROM' ;;
    source) database=$FAULTS_SOURCE_DB direction='COPY TO' ;;
    *) fail "faults_backend_killed_scenario: unknown side '$side'" ;;
  esac

  faults_start_apply -q
  # Killed while pgsplit is frozen inside that COPY: it cannot have moved on to the table's
  # index or commit (a kill landing there failed the index, not the copy).
  faults_freeze_in_copy "$PGSPLIT_TEST_URL" "$database" "$direction" events
  expect_eq "$(psql_at "$PGSPLIT_TEST_URL" -c "SELECT pg_terminate_backend($FAULTS_COPY_PID)")" t \
    "pg_terminate_backend of the $side's COPY"
  faults_thaw
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
}

# faults_wait_lock_waiter URL TABLE: waits until a pgsplit session of the database of URL waits
# for a lock on TABLE (at most FAULTS_TIMEOUT seconds).
faults_wait_lock_waiter() {
  local url=$1 table=$2 waited=0
  until [[ $(psql_at "$url" -c "
      SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE NOT l.granted AND l.locktype = 'relation'
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND l.relation = 'public.\"$table\"'::regclass AND a.application_name LIKE 'pgsplit%'") -gt 0 ]]; do
    if [[ -n $FAULTS_PID ]] && ! kill -0 "$FAULTS_PID" 2>/dev/null; then
      show_last_run
      fail "pgsplit apply ended before it waited for the lock on $table"
    fi
    if ((waited >= FAULTS_TIMEOUT * 10)); then
      fail "no pgsplit session waited for the lock on $table within ${FAULTS_TIMEOUT}s"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}
