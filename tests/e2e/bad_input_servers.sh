#!/usr/bin/env bash
# Bad input about the servers (issue 9, "Bad input"): an unreachable source or target, a wrong
# password for either (the password printed nowhere), a missing source database, a missing
# target database without create_database, a target that is the source database itself. Each
# through `apply` and `plan` with fixtures/bad_input/good.yaml, one of its URLs pointed
# elsewhere: exit 2, the problem named with the mapping entry (file:line:col, source or target),
# the hint, and nothing written anywhere.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin bad_input_servers --server
source "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/bad_input/scenario.bash"

# A login role with a password, unique to this run (roles are global to the cluster); created
# below with create_login_role, which drops it at exit.
role=pgsplit_e2e_bad_input_$$
right_password="Right-$$-pw-Kq2"
wrong_password="Wrong-$$-pw-Zt9"

bad_input_setup
f=$BI_FIXTURES/good.yaml
source_at="$f:4:1 (source)"   # where good.yaml sets the source
vault_at="$f:13:3 (target vault)"
# The test server's user, host and port as pgsplit shows them (postgresql://user@host:port/db).
read -r user host port < <(python3 -c '
import sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
print(url.username, url.hostname, url.port)' "$PGSPLIT_TEST_URL")
good_source_url=$BI_SOURCE_URL
good_vault_url=$BI_VAULT_URL

# no_password TEXT: the last command printed TEXT nowhere (stdout or stderr).
no_password() {
  if grep -qF -- "$1" "$E2E_OUT" "$E2E_ERR"; then
    show_last_run
    fail "a password was printed by: $E2E_LAST_CMD"
  fi
}

# --- unreachable ------------------------------------------------------------------------------
for command in apply plan; do
  BI_SOURCE_URL="postgresql://splitter:$wrong_password@127.0.0.1:1/app" refused "$command" -c "$f"
  said "pgsplit: error: $source_at: cannot connect to postgresql://splitter@127.0.0.1:1/app:" \
    "Connection refused"
  said "hint: check the host and port, and that the server is running and reachable"
  no_password "$wrong_password"
done
ok "unreachable source (127.0.0.1:1): exit 2, '$source_at: cannot connect to postgresql://splitter@127.0.0.1:1/app: … Connection refused' with a hint"

for command in apply plan; do
  BI_VAULT_URL="postgresql://splitter:$wrong_password@127.0.0.1:1/vault" refused "$command" -c "$f"
  said "error: $vault_at: cannot connect to target: cannot connect to postgresql://splitter@127.0.0.1:1/vault:" \
    "Connection refused"
  said "hint: check the host and port"
  no_password "$wrong_password"
done
ok "unreachable target vault: exit 2, '$vault_at: cannot connect to target: … Connection refused' with a hint"

# --- wrong password -------------------------------------------------------------------------
create_login_role "$role" "$right_password"
# The control: with its right password the role gets in (so below it is the password that fails).
run_cmd psql_at "postgresql://$role:$right_password@$host:$port/$BI_SOURCE_DB" -c "SELECT current_user"
expect_eq "$E2E_STATUS" 0 "control: $role connects with its password"
expect_eq "$(cat "$E2E_OUT")" "$role" "control: current_user"

for command in apply plan; do
  BI_SOURCE_URL="postgresql://$role:$wrong_password@$host:$port/$BI_SOURCE_DB" refused "$command" -c "$f"
  said "pgsplit: error: $source_at: cannot connect to postgresql://$role@$host:$port/$BI_SOURCE_DB:" \
    "password authentication failed for user \"$role\""
  said "hint: check the user and password (in the URL, PGPASSWORD or ~/.pgpass)"
  no_password "$wrong_password"
  no_password "$right_password"
done
ok "wrong password for the source: exit 2, '$source_at: … password authentication failed for user' with a hint; the password nowhere"

for command in apply plan; do
  BI_VAULT_URL="host=$host port=$port user=$role password=$wrong_password dbname=$BI_VAULT_DB" \
    refused "$command" -c "$f"
  said "error: $vault_at: cannot connect to target: cannot connect to postgresql://$role@$host:$port/$BI_VAULT_DB:" \
    "password authentication failed for user \"$role\""
  said "hint: check the user and password"
  no_password "$wrong_password"
done
ok "wrong password for target vault (key=value conninfo): exit 2, '$vault_at: … password authentication failed'; the password nowhere"

# --- databases ---------------------------------------------------------------------------------
db_name nosrc; missing_source_db=$E2E_DB
for command in apply plan; do
  BI_SOURCE_URL=$(db_url "$missing_source_db") refused "$command" -c "$f"
  said "pgsplit: error: $source_at: cannot connect to postgresql://$user@$host:$port/$missing_source_db:" \
    "database \"$missing_source_db\" does not exist"
done
ok "missing source database: exit 2, '$source_at: … database \"…nosrc\" does not exist'"

# vault has no create_database: a missing database is an error, and is not created.
db_name novault; missing_vault_db=$E2E_DB
for command in apply plan; do
  BI_VAULT_URL=$(db_url "$missing_vault_db") refused "$command" -c "$f"
  said "error: $vault_at: target database postgresql://$user@$host:$port/$missing_vault_db does not exist"
  said "hint: create it, or set create_database: true for this target"
  expect_no_database "$missing_vault_db"
done
ok "missing target database without create_database: exit 2, '$vault_at: target database … does not exist' with a hint; not created"

for command in apply plan; do
  BI_VAULT_URL=$good_source_url refused "$command" -c "$f"
  said "error: $vault_at: target postgresql://$user@$host:$port/$BI_SOURCE_DB is the source database itself"
  said "hint: point the target at its own, new database"
done
ok "target vault is the source database itself: exit 2, '$vault_at: target … is the source database itself' with a hint; source unchanged"

# Every case above ran with the other URLs good: the failures were the broken one's.
expect_eq "$BI_SOURCE_URL $BI_VAULT_URL" "$good_source_url $good_vault_url" "URLs after the cases"
expect_nothing_written # the plans run after the last apply
expect_no_database "$BI_SHOP_DB"
ok "shop (create_database: true) was never created; source and vault unchanged after every run"
