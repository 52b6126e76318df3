#!/usr/bin/env bash
# libpq options and environment reach libpq unchanged. With a scram role whose password is only in
# a 0600 password file:
#  - a URL with sslmode=prefer, application_name and options=-c (a custom setting that a
#    `where` filter requires) plans and applies; the server sees the application names;
#    the same in key=value form; PGOPTIONS does it from the environment;
#  - sslmode=require (or PGSSLMODE=require) against the sandbox, which has no SSL: exit 2, libpq's
#    reason, no password;
#  - connect_timeout (URL, key=value) against a port that accepts and never answers: exit 2,
#    "timeout expired", after about the timeout;
#  - PGPASSFILE, ~/.pgpass (HOME) and PGPASSWORD supply the password; an empty or world-readable
#    password file does not (exit 2);
#  - PGHOST, PGPORT, PGUSER and PGDATABASE complete an empty URI (postgresql://) or a partial
#    one (postgresql:///db, dbname=db) for plan, apply and verify.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin security_libpq_options --server

secret="Lq4pAssFile-$$"
role="pgsplit_e2e_libpq_$$"
sandbox_host_port
listener_pid=

# The silent listener of the connect_timeout case goes too; e2e_cleanup sees the script's own
# exit status (set +e: the `(exit …)` that hands it on must not end the handler).
kill_listener_then_cleanup() {
  local status=$?
  set +e
  [[ -n $listener_pid ]] && kill "$listener_pid" 2>/dev/null
  (exit "$status")
  e2e_cleanup
}
trap kill_listener_then_cleanup EXIT

create_login_role "$role" "$secret" CREATEDB
db_name src; source_db=$E2E_DB
create_db "$source_db"
psql_at "$(db_url "$source_db")" >/dev/null <<SQL
CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, body text);
INSERT INTO customers (email) SELECT 'c' || i || '@example.org' FROM generate_series(1, 20) AS i;
INSERT INTO notes SELECT i, 'note ' || i FROM generate_series(1, 30) AS i;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO "$role";
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO "$role";
ANALYZE;
SQL

# Password files: the right one (0600), an empty one, a world-readable one, and ~/.pgpass.
pgpass=$E2E_WORK/pgpass
printf '%s:%s:*:%s:%s\n' "$host" "$port" "$role" "$secret" >"$pgpass"
chmod 0600 "$pgpass"
: >"$E2E_WORK/empty-pgpass"
chmod 0600 "$E2E_WORK/empty-pgpass"
cp "$pgpass" "$E2E_WORK/open-pgpass"
chmod 0644 "$E2E_WORK/open-pgpass"
mkdir -p "$E2E_WORK/home"
cp "$pgpass" "$E2E_WORK/home/.pgpass"
chmod 0600 "$E2E_WORK/home/.pgpass"

# The filter needs pgsplit_test.marker, which only the connection's options set.
cat >"$E2E_WORK/pgsplit.yaml" <<'YAML'
source: {url: "${SRC}"}
targets:
  svc:
    url: "${TGT}"
    create_database: true
    tables:
      - customers
      - {name: notes, where: "${NOTES_FILTER:-true}"}
YAML
marker_filter="current_setting('pgsplit_test.marker') = 'yes'"
export SRC TGT NOTES_FILTER
base_url="postgresql://$role@$host:$port"

# pgsplit_with VAR=VALUE... -- ARGS...: pgsplit with only these libpq variables set.
pgsplit_with() {
  local settings=()
  while [[ $1 != -- ]]; do settings+=("$1"); shift; done
  shift
  env -u PGPASSWORD -u PGPASSFILE -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGOPTIONS \
    -u PGSSLMODE -u PGCONNECT_TIMEOUT -u PGAPPNAME "${settings[@]}" "$PGSPLIT_BIN" "$@"
}

# --- options in the URL and in key=value pairs -----------------------------------------------
db_name url; url_db=$E2E_DB
SRC="$base_url/$source_db?sslmode=prefer&application_name=split_src_$$&options=-c%20pgsplit_test.marker%3Dyes&connect_timeout=10"
TGT="$base_url/$url_db?sslmode=disable&application_name=split_tgt_$$"
NOTES_FILTER="$marker_filter AND length(pg_sleep(0.05)::text) = 0"
expect_exit 0 pgsplit_with PGPASSFILE="$pgpass" -- plan -c pgsplit.yaml
expect_last_line "$E2E_OUT" "plan OK"
ok "URL with sslmode=prefer, application_name, options=-c, connect_timeout: plan OK (password from PGPASSFILE)"

# apply, watched: the sessions carry the URL's application names.
samples=$E2E_WORK/sessions
: >"$samples"
pgsplit_with PGPASSFILE="$pgpass" -- apply -c pgsplit.yaml -q \
  >"$E2E_WORK/apply.out" 2>"$E2E_WORK/apply.err" </dev/null &
apply_pid=$!
while kill -0 "$apply_pid" 2>/dev/null; do
  psql_at "$PGSPLIT_TEST_URL" >>"$samples" 2>/dev/null -c \
    "SELECT datname || ' ' || application_name FROM pg_stat_activity WHERE usename = '$role'" || true
  sleep 0.1
done
apply_status=0
wait "$apply_pid" || apply_status=$?
E2E_OUT=$E2E_WORK/apply.out E2E_ERR=$E2E_WORK/apply.err E2E_LAST_CMD="pgsplit apply (URL options)"
[[ $apply_status -eq 0 ]] || { show_last_run; fail "apply with URL options exited $apply_status"; }
expect_contains "$samples" "$source_db split_src_$$" "sessions seen on the source"
expect_contains "$samples" "$url_db split_tgt_$$" "sessions seen on the target"
expect_eq "$(psql_at "$(db_url "$url_db")" -c "SELECT count(*) FROM notes")" 30 "notes copied (marker set)"
ok "apply: sessions named split_src_$$ on the source and split_tgt_$$ on the target; all 30 notes pass the marker filter"

# From here plans go to a target that does not exist yet (create_database: true).
db_name fresh; TGT="$base_url/$E2E_DB"
SRC="host=$host port=$port user=$role dbname=$source_db sslmode=disable application_name=split_kv_$$ options='-c pgsplit_test.marker=yes'"
NOTES_FILTER=$marker_filter
expect_exit 0 pgsplit_with PGPASSFILE="$pgpass" -- plan -c pgsplit.yaml
expect_last_line "$E2E_OUT" "plan OK"
ok "key=value with sslmode=disable, application_name, options='-c …': plan OK (the filter read the marker)"

SRC="$base_url/$source_db"
expect_exit 2 pgsplit_with PGPASSFILE="$pgpass" -- plan -c pgsplit.yaml
expect_contains "$E2E_OUT" 'unrecognized configuration parameter "pgsplit_test.marker"'
expect_exit 0 pgsplit_with PGPASSFILE="$pgpass" PGOPTIONS="-c pgsplit_test.marker=yes" -- plan -c pgsplit.yaml
expect_last_line "$E2E_OUT" "plan OK"
ok "without options the marker filter is refused (exit 2); PGOPTIONS=-c … supplies it"

# --- sslmode=require against a server without SSL ----------------------------------------------
SRC="postgresql://$role:$secret@$host:$port/$source_db?sslmode=require"
expect_exit 2 pgsplit_with -- plan -c pgsplit.yaml
expect_contains "$E2E_ERR" "server does not support SSL, but SSL was required"
expect_contains "$E2E_ERR" "cannot connect to postgresql://$role@$host:$port/$source_db"
expect_not_contains "$E2E_ERR" "$secret" "stderr"
expect_not_contains "$E2E_OUT" "$secret" "stdout"
SRC="$base_url/$source_db"
expect_exit 2 pgsplit_with PGPASSFILE="$pgpass" PGSSLMODE=require -- apply -c pgsplit.yaml
expect_contains "$E2E_ERR" "server does not support SSL, but SSL was required"
ok "sslmode=require in the URL, or PGSSLMODE=require: exit 2, libpq's reason, no password"

# --- connect_timeout against a server that never answers --------------------------------------
python3 - >"$E2E_WORK/listener.port" <<'PY' &
import socket, sys
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
print(server.getsockname()[1], flush=True)
held = []
while True:  # accept, then say nothing
    held.append(server.accept()[0])
PY
listener_pid=$!
for _ in $(seq 50); do [[ -s $E2E_WORK/listener.port ]] && break; sleep 0.1; done
silent_port=$(cat "$E2E_WORK/listener.port")
[[ -n $silent_port ]] || fail "the silent listener did not start"
for SRC in "postgresql://$role:$secret@127.0.0.1:$silent_port/app?connect_timeout=2" \
           "host=127.0.0.1 port=$silent_port user=$role password=$secret connect_timeout=2"; do
  started=$SECONDS
  expect_exit 2 timeout 60 "$PGSPLIT_BIN" plan -c pgsplit.yaml
  elapsed=$((SECONDS - started))
  expect_contains "$E2E_ERR" "timeout expired"
  expect_not_contains "$E2E_ERR" "$secret" "stderr"
  [[ $elapsed -ge 1 && $elapsed -le 30 ]] || fail "connect_timeout=2 took ${elapsed}s"
done
ok "connect_timeout=2 (URL and key=value) against a silent port: exit 2, 'timeout expired', no password"

# --- where the password comes from -------------------------------------------------------------
SRC="$base_url/$source_db"
NOTES_FILTER=true
TGT="$base_url/$url_db"
expect_exit 0 pgsplit_with HOME="$E2E_WORK/home" -- verify -c pgsplit.yaml
expect_last_line "$E2E_OUT" "verify OK"
expect_exit 0 pgsplit_with PGPASSWORD="$secret" -- verify -c pgsplit.yaml
expect_last_line "$E2E_OUT" "verify OK"
expect_not_contains "$E2E_OUT" "$secret" "stdout"
ok "~/.pgpass (HOME) and PGPASSWORD supply the password too"

expect_exit 2 pgsplit_with PGPASSFILE="$E2E_WORK/empty-pgpass" HOME="$E2E_WORK" -- plan -c pgsplit.yaml
expect_contains "$E2E_ERR" "no password supplied"
expect_contains "$E2E_ERR" "hint: check the user and password (in the URL, PGPASSWORD or ~/.pgpass)"
expect_exit 2 pgsplit_with PGPASSFILE="$E2E_WORK/open-pgpass" HOME="$E2E_WORK" -- plan -c pgsplit.yaml
expect_contains "$E2E_ERR" "no password supplied"
ok "an empty password file, or one readable by others (libpq ignores it): exit 2, 'no password supplied', a hint"

# --- PG* variables complete an empty or partial connection string ----------------------------
db_name env; env_db=$E2E_DB
pg_env=(PGHOST="$host" PGPORT="$port" PGUSER="$role" PGPASSFILE="$pgpass")
SRC="postgresql://"
TGT="postgresql:///$env_db"
expect_exit 0 pgsplit_with "${pg_env[@]}" PGDATABASE="$source_db" -- plan -c pgsplit.yaml
expect_last_line "$E2E_OUT" "plan OK"
expect_exit 0 pgsplit_with "${pg_env[@]}" PGDATABASE="$source_db" -- apply -c pgsplit.yaml -q
expect_eq "$(psql_at "$(db_url "$env_db")" -c "SELECT count(*) FROM customers")" 20 "customers copied"
expect_eq "$(psql_at "$(db_url "$env_db")" -c "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")" \
  "$role" "owner of the database created through PG* variables"
SRC="dbname=$source_db"
expect_exit 0 pgsplit_with "${pg_env[@]}" -- verify -c pgsplit.yaml --checksums
expect_last_line "$E2E_OUT" "verify OK"
ok "PGHOST/PGPORT/PGUSER/PGDATABASE with postgresql://, postgresql:///db and dbname=db: plan, apply (as $role) and verify work"
