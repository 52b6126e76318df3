# Shared helpers of the end-to-end scripts (tests/e2e/*.sh). Sourced, never run on its own;
# the name does not end in .sh, so tests/CMakeLists.txt does not register it as a test.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
#   e2e_begin plan_demo --server     # checks the environment, makes $E2E_WORK, sets the trap
#   expect_exit 0 "$PGSPLIT_BIN" plan -c x.yaml   # stdout → $E2E_OUT, stderr → $E2E_ERR
#   expect_contains "$E2E_OUT" "plan OK"
#
# Environment (tests/CMakeLists.txt sets the first two; scripts/test.sh the third):
#   PGSPLIT_BIN         the pgsplit binary
#   PGSPLIT_SOURCE_DIR  the repository root
#   PGSPLIT_TEST_URL    superuser URL of the throwaway cluster (scripts/pg-sandbox), for the
#                       scripts that need a server
# A missing variable is a failure (exit 1), never a skip.
#   E2E_KEEP_GOING=1    (debugging) a failed expectation is reported and the script goes on, to
#                       see every failure at once; it still exits 1 at the end.

E2E_NAME=
E2E_WORK=
E2E_OUT=
E2E_ERR=
E2E_STATUS=
E2E_CHECKS=0
E2E_DATABASES=()
E2E_ROLES=()

# --- reporting ---------------------------------------------------------------------------------

fail() {
  echo "not ok - $*" >&2
  echo "FAIL: ${E2E_NAME:-e2e}: $*" >&2
  if [[ ${E2E_KEEP_GOING:-} == 1 ]]; then
    E2E_FAILURES=$((${E2E_FAILURES:-0} + 1))
    return 0
  fi
  exit 1
}

ok() {
  E2E_CHECKS=$((E2E_CHECKS + 1))
  echo "ok - $*"
}

# Prints a file indented, for failure messages.
show_file() {
  local label=$1 file=$2
  echo "---- $label ($file) ----" >&2
  if [[ -f $file ]]; then sed 's/^/  | /' "$file" >&2; else echo "  (missing)" >&2; fi
  echo "---- end of $label ----" >&2
}

show_last_run() {
  [[ -n $E2E_OUT ]] && show_file stdout "$E2E_OUT"
  [[ -n $E2E_ERR ]] && show_file stderr "$E2E_ERR"
  return 0
}

# --- setup and cleanup -------------------------------------------------------------------------

require_env() {
  local name
  for name in "$@"; do
    if [[ -z ${!name:-} ]]; then
      echo "FAIL: ${E2E_NAME:-e2e}: environment variable $name is not set" >&2
      case $name in
        PGSPLIT_TEST_URL)
          echo "  hint: export PGSPLIT_TEST_URL=\$(scripts/pg-sandbox start e2e)" >&2 ;;
        PGSPLIT_BIN)
          echo "  hint: export PGSPLIT_BIN=<build dir>/apps/pgsplit (ctest sets it)" >&2 ;;
        PGSPLIT_SOURCE_DIR)
          echo "  hint: export PGSPLIT_SOURCE_DIR=<repository root> (ctest sets it)" >&2 ;;
      esac
      exit 1
    fi
  done
}

# e2e_begin NAME [--server]: checks the environment, creates the scratch directory $E2E_WORK and
# installs the cleanup trap (scratch directory, and every database registered by new_db/db_name).
e2e_begin() {
  E2E_NAME=$1
  local needs_server=false
  [[ ${2:-} == --server ]] && needs_server=true
  require_env PGSPLIT_BIN PGSPLIT_SOURCE_DIR
  $needs_server && require_env PGSPLIT_TEST_URL
  [[ -x $PGSPLIT_BIN && -f $PGSPLIT_BIN ]] ||
    { echo "FAIL: $E2E_NAME: PGSPLIT_BIN=$PGSPLIT_BIN is not an executable file" >&2; exit 1; }
  [[ -f $PGSPLIT_SOURCE_DIR/README.md && -d $PGSPLIT_SOURCE_DIR/tests/e2e ]] ||
    { echo "FAIL: $E2E_NAME: PGSPLIT_SOURCE_DIR=$PGSPLIT_SOURCE_DIR is not the repository root" >&2
      exit 1; }
  command -v python3 >/dev/null ||
    { echo "FAIL: $E2E_NAME: python3 is not installed (apt-get install python3); the scripts read JSON with it" >&2
      exit 1; }
  if $needs_server; then
    command -v psql >/dev/null ||
      { echo "FAIL: $E2E_NAME: psql is not installed (apt-get install postgresql-client)" >&2; exit 1; }
    [[ $PGSPLIT_TEST_URL =~ ^postgres(ql)?://[^/]+/[^/?]*(\?.*)?$ ]] ||
      { echo "FAIL: $E2E_NAME: PGSPLIT_TEST_URL must be a postgresql://user@host:port/db URL" >&2
        exit 1; }
    psql_at "$PGSPLIT_TEST_URL" -c 'SELECT 1' >/dev/null ||
      { echo "FAIL: $E2E_NAME: cannot connect to PGSPLIT_TEST_URL" >&2; exit 1; }
  fi
  PGSPLIT_BIN=$(realpath "$PGSPLIT_BIN")
  PGSPLIT_SOURCE_DIR=$(realpath "$PGSPLIT_SOURCE_DIR")
  export PGSPLIT_BIN PGSPLIT_SOURCE_DIR
  E2E_WORK=$(mktemp -d "${TMPDIR:-/tmp}/pgsplit-e2e-$E2E_NAME.XXXXXX")
  trap e2e_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # pgsplit must not pick up a mapping from the working directory or a password from ours.
  cd "$E2E_WORK"
  unset PGPASSWORD PGSERVICE PGDATABASE PGHOST PGPORT PGUSER || true
}

e2e_cleanup() {
  local status=$?
  local database role
  if [[ ${#E2E_DATABASES[@]} -gt 0 && -n ${PGSPLIT_TEST_URL:-} ]]; then
    for database in "${E2E_DATABASES[@]}"; do
      psql_at "$PGSPLIT_TEST_URL" -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" \
        >/dev/null 2>&1 || echo "warning: could not drop database $database" >&2
    done
  fi
  # Roles are global to the cluster; they go after the databases they may own.
  for role in "${E2E_ROLES[@]}"; do
    psql_at "$PGSPLIT_TEST_URL" -c "DROP ROLE IF EXISTS \"$role\"" >/dev/null 2>&1 ||
      echo "warning: could not drop role $role" >&2
  done
  cd /
  [[ -n $E2E_WORK && -d $E2E_WORK ]] && rm -rf "$E2E_WORK"
  if [[ $status -eq 0 && ${E2E_FAILURES:-0} -gt 0 ]]; then
    echo "FAIL: ${E2E_NAME:-e2e}: $E2E_FAILURES expectations failed" >&2
    status=1
  fi
  if [[ $status -eq 0 ]]; then
    if [[ $E2E_CHECKS -eq 0 ]]; then
      echo "FAIL: ${E2E_NAME:-e2e}: no assertion was made" >&2
      status=1
    else
      echo "# ${E2E_NAME}: all $E2E_CHECKS checks passed"
    fi
  fi
  exit "$status"
}

# --- running commands --------------------------------------------------------------------------

# run_cmd CMD...: runs a command, stdout → $E2E_OUT, stderr → $E2E_ERR, status → $E2E_STATUS.
run_cmd() {
  local n=$((${E2E_RUNS:-0} + 1))
  E2E_RUNS=$n
  E2E_OUT=$E2E_WORK/run$n.out
  E2E_ERR=$E2E_WORK/run$n.err
  E2E_LAST_CMD="$*"
  set +e
  "$@" >"$E2E_OUT" 2>"$E2E_ERR" </dev/null
  E2E_STATUS=$?
  set -e
}

# expect_exit CODE CMD...: runs the command (see run_cmd) and fails unless it exits with CODE.
expect_exit() {
  local expected=$1
  shift
  run_cmd "$@"
  if [[ $E2E_STATUS -ne $expected ]]; then
    show_last_run
    fail "expected exit $expected, got $E2E_STATUS from: $E2E_LAST_CMD"
  fi
}

# expect_contains FILE TEXT [WHAT]: FILE contains TEXT (a fixed string).
expect_contains() {
  local file=$1 text=$2
  if ! grep -qF -- "$text" "$file"; then
    show_file "$(basename "$file")" "$file"
    fail "${3:-output} does not contain '$text' (command: ${E2E_LAST_CMD:-?})"
  fi
}

# expect_not_contains FILE TEXT [WHAT]
expect_not_contains() {
  local file=$1 text=$2
  if grep -qF -- "$text" "$file"; then
    show_file "$(basename "$file")" "$file"
    fail "${3:-output} contains '$text' but must not (command: ${E2E_LAST_CMD:-?})"
  fi
}

# expect_match FILE ERE [WHAT]: a line of FILE matches the extended regular expression.
expect_match() {
  local file=$1 regex=$2
  if ! grep -qE -- "$regex" "$file"; then
    show_file "$(basename "$file")" "$file"
    fail "${3:-output} has no line matching /$regex/ (command: ${E2E_LAST_CMD:-?})"
  fi
}

# expect_line_with FILE TEXT... : one single line of FILE contains every TEXT (fixed strings).
expect_line_with() {
  local file=$1
  shift
  local line text found=false
  while IFS= read -r line; do
    found=true
    for text in "$@"; do
      [[ $line == *"$text"* ]] || { found=false; break; }
    done
    $found && return 0
  done <"$file"
  show_file "$(basename "$file")" "$file"
  local joined
  joined=$(printf "'%s' " "$@")
  fail "no single line contains all of: $joined(command: ${E2E_LAST_CMD:-?})"
}

# expect_empty FILE [WHAT]
expect_empty() {
  if [[ -s $1 ]]; then
    show_file "$(basename "$1")" "$1"
    fail "${2:-output} should be empty (command: ${E2E_LAST_CMD:-?})"
  fi
}

# expect_nonempty FILE [WHAT]
expect_nonempty() {
  if [[ ! -s $1 ]]; then
    fail "${2:-output} is empty (command: ${E2E_LAST_CMD:-?})"
  fi
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
  if [[ $1 != "$2" ]]; then
    fail "$3: expected '$2', got '$1'"
  fi
}

# expect_last_line FILE TEXT: the last line of FILE starts with TEXT.
expect_last_line() {
  local last
  last=$(tail -n 1 "$1")
  if [[ $last != "$2"* ]]; then
    show_file "$(basename "$1")" "$1"
    fail "last line is '$last', expected it to start with '$2' (command: ${E2E_LAST_CMD:-?})"
  fi
}

# json_query FILE PYTHON_EXPR: evaluates the expression with `doc` bound to the parsed JSON and
# prints the result (str() of it; lists/dicts as JSON).
json_query() {
  python3 - "$1" "$2" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
value = eval(sys.argv[2], {"doc": doc, "len": len, "sorted": sorted, "any": any, "all": all})
print(json.dumps(value) if isinstance(value, (list, dict)) else value)
PY
}

# --- databases ---------------------------------------------------------------------------------

# psql_at URL ARGS...: psql with no psqlrc, stopping on the first error, unaligned, tuples only.
psql_at() {
  local url=$1
  shift
  PGCONNECT_TIMEOUT=10 psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$url" "$@"
}

# db_url NAME: the URL of database NAME on the test cluster (PGSPLIT_TEST_URL with its path
# replaced).
db_url() {
  local base=${PGSPLIT_TEST_URL%%\?*}
  local query=
  [[ $PGSPLIT_TEST_URL == *\?* ]] && query="?${PGSPLIT_TEST_URL#*\?}"
  echo "${base%/*}/$1$query"
}

# db_name SUFFIX: sets E2E_DB to a database name unique to this script run and registers it for
# dropping at exit (whether or not it ever gets created). Not for $( ): a subshell could not
# register it.
db_name() {
  E2E_DB="pgsplit_e2e_${E2E_NAME}_$$_$1"
  [[ ${#E2E_DB} -le 63 ]] || fail "database name too long: $E2E_DB"
  E2E_DATABASES+=("$E2E_DB")
}

# create_db NAME: creates an empty database. Get NAME from db_name, called in the script's own
# shell (`db_name x; name=$E2E_DB`), so that it is registered for dropping at exit.
create_db() {
  psql_at "$PGSPLIT_TEST_URL" -c "CREATE DATABASE \"$1\" TEMPLATE template0 ENCODING 'UTF8'" \
    >/dev/null || fail "could not create database $1"
}

db_exists() {
  [[ $(psql_at "$PGSPLIT_TEST_URL" -c "SELECT count(*) FROM pg_database WHERE datname = '$1'") == 1 ]]
}

# expect_no_database NAME: the database was not created.
expect_no_database() {
  if db_exists "$1"; then
    fail "database $1 exists, but nothing should have created it"
  fi
}

# load_demo_monolith DB: loads sql/demo/monolith.sql at scale 0.01 into the existing database DB.
load_demo_monolith() {
  psql_at "$(db_url "$1")" -v scale=0.01 -f "$PGSPLIT_SOURCE_DIR/sql/demo/monolith.sql" \
    >"$E2E_WORK/load.log" 2>&1 || { show_file "load" "$E2E_WORK/load.log"; fail "loading the demo monolith"; }
}

# demo_split_setup: the demo monolith, loaded (MONOLITH_URL exported, source_db set), and the
# six targets of config/demo.yaml named but not created: <TARGET>_DB_URL exported, and
# target_db[T] / target_url[T] set for each T of $targets. Sets config to the mapping's path.
demo_split_setup() {
  config=$PGSPLIT_SOURCE_DIR/config/demo.yaml
  targets=(auth candidate company payment document logs)
  db_name monolith; source_db=$E2E_DB
  create_db "$source_db"
  load_demo_monolith "$source_db"
  export MONOLITH_URL; MONOLITH_URL=$(db_url "$source_db")
  declare -gA target_db target_url
  local target
  for target in "${targets[@]}"; do
    db_name "$target"
    target_db[$target]=$E2E_DB
    target_url[$target]=$(db_url "$E2E_DB")
    export "${target^^}_DB_URL=${target_url[$target]}"
  done
}

# demo_stamp_targets: for `pgsplit stamp -c config/demo.yaml`, one empty database per target
# of the demo mapping, its URL exported as <TARGET>_DB_URL and its name in target_db[TARGET];
# `targets` lists them in file order. MONOLITH_URL points at a closed port: stamp reads no
# source. Call it in the script's own shell (the databases are registered for dropping).
demo_stamp_targets() {
  targets=(auth candidate company payment document logs)
  declare -gA target_db=()
  export MONOLITH_URL="postgresql://nobody@127.0.0.1:1/monolith"
  local target
  for target in "${targets[@]}"; do
    db_name "$target"
    target_db[$target]=$E2E_DB
    create_db "$E2E_DB"
    export "${target^^}_DB_URL=$(db_url "$E2E_DB")"
  done
}

# create_login_role NAME PASSWORD [ATTRIBUTES...]: a login role with a scram password (given to
# psql on stdin, never in its arguments), dropped at exit after the databases. Call it in the
# script's own shell, so that the role is registered.
create_login_role() {
  local name=$1 password=$2
  shift 2
  E2E_ROLES+=("$name")
  psql_at "$PGSPLIT_TEST_URL" >/dev/null <<SQL || fail "could not create role $name"
SET password_encryption = 'scram-sha-256';
CREATE ROLE "$name" LOGIN $* PASSWORD '$password';
SQL
}

# sandbox_host_port: sets host and port to those of PGSPLIT_TEST_URL.
sandbox_host_port() {
  local hostport=${PGSPLIT_TEST_URL#*://}
  hostport=${hostport#*@}
  hostport=${hostport%%/*}
  host=${hostport%:*}
  port=${hostport##*:}
}

# Databases of this script run that exist now, sorted, one per line.
my_databases() {
  psql_at "$PGSPLIT_TEST_URL" -c \
    "SELECT datname FROM pg_database WHERE datname LIKE 'pgsplit\\_e2e\\_${E2E_NAME}\\_$$\\_%' ORDER BY 1"
}

# db_fingerprint URL: a text that changes when anything in the database is written: every user
# object (relations, types, functions, schemas, extensions, constraints, triggers, indexes,
# comments, privileges), every sequence's state and every table's content (row count and md5 of
# its rows in a fixed order). Independent of statistics counters.
db_fingerprint() {
  local url=$1
  psql_at "$url" <<'SQL'
SELECT 'namespace ' || nspname || ' ' || coalesce(nspacl::text, '')
  FROM pg_namespace ORDER BY nspname;
SELECT 'class ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text
       || ' ' || coalesce(c.relacl::text, '') || ' ' || coalesce(c.reloptions::text, '')
       || ' cols=' || c.relnatts
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
 ORDER BY 1;
SELECT 'column ' || a.attrelid::regclass::text || '.' || a.attname || ' '
       || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
       || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
   AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY 1;
SELECT 'type ' || t.oid::regtype::text || ' ' || t.typtype::text
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
 ORDER BY 1;
SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(coalesce(p.prosrc, ''))
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY 1;
SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension ORDER BY 1;
SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || contype::text || ' '
       || convalidated || ' ' || pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace NOT IN ('pg_catalog'::regnamespace,
                                                'information_schema'::regnamespace)
 ORDER BY 1;
SELECT 'trigger ' || tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text
  FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1;
SELECT 'comment ' || classoid::regclass::text || ' ' || objsubid || ' ' || md5(description)
  FROM pg_description d
 WHERE d.objoid >= 16384 ORDER BY 1;
SELECT 'sequence ' || schemaname || '.' || sequencename || ' last=' || coalesce(last_value::text, 'null')
  FROM pg_sequences ORDER BY 1;
SELECT 'matview ' || schemaname || '.' || matviewname || ' ' || ispopulated FROM pg_matviews ORDER BY 1;
-- Every table's content, including partitions and unlogged tables.
SELECT format('SELECT %L || '' rows='' || count(*) || '' md5='' || '
              'md5(coalesce(string_agg(md5(t::text), '''' ORDER BY md5(t::text)), '''')) FROM %s t',
              'content ' || c.oid::regclass::text, c.oid::regclass)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'm')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
 ORDER BY c.oid::regclass::text
\gexec
SQL
}

# snapshot_db NAME URL: stores the fingerprint as $E2E_WORK/NAME.fingerprint.
snapshot_db() {
  db_fingerprint "$2" >"$E2E_WORK/$1.fingerprint" || fail "could not fingerprint database $1"
  [[ -s $E2E_WORK/$1.fingerprint ]] || fail "empty fingerprint for $1"
}

# expect_db_unchanged NAME URL: the fingerprint equals the one snapshot_db stored.
expect_db_unchanged() {
  db_fingerprint "$2" >"$E2E_WORK/$1.fingerprint.after" || fail "could not fingerprint database $1"
  if ! diff -u "$E2E_WORK/$1.fingerprint" "$E2E_WORK/$1.fingerprint.after" >"$E2E_WORK/$1.diff"; then
    show_file "difference in $1" "$E2E_WORK/$1.diff"
    fail "database $1 changed, but nothing should have been written to it"
  fi
}

# --- plan output -------------------------------------------------------------------------------

# target_section FILE TARGET: prints the text-format section of one target, from its
# "== target TARGET →" line up to the next target or the overall total.
target_section() {
  awk -v name="$2" '
    index($0, "== target " name " ") == 1 { inside = 1; print; next }
    inside && (index($0, "== target ") == 1 || index($0, "total: ") == 1) { inside = 0 }
    inside { print }
  ' "$1"
}

# expect_in_section FILE TARGET TEXT...: one line of TARGET's section contains every TEXT.
expect_in_section() {
  local file=$1 target=$2
  shift 2
  target_section "$file" "$target" >"$E2E_WORK/section.$target"
  [[ -s $E2E_WORK/section.$target ]] || { show_file "plan" "$file"; fail "no section for target $target"; }
  expect_line_with "$E2E_WORK/section.$target" "$@"
}
