#!/usr/bin/env bash
# Exit code 2 promises "nothing was written": it comes from what happened, not from the kind of
# the error. A connection refused by the third target of `stamp`, after two targets were
# stamped, is a runtime failure (exit 1, saying what was written); `apply` on a target that
# holds an earlier run's state refuses before it creates any database (exit 2, no database).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin exit_codes_after_writes --server

# --- stamp: the third target cannot be reached after two were written ------------------------
config=$PGSPLIT_SOURCE_DIR/config/demo.yaml
demo_stamp_targets
export COMPANY_DB_URL="postgresql://nobody@127.0.0.1:1/company" # third in the file: refused
expect_exit 1 "$PGSPLIT_BIN" stamp -c "$config"
expect_contains "$E2E_ERR" "cannot connect to postgresql://nobody@127.0.0.1:1/company"
expect_contains "$E2E_ERR" "was already written when this happened (exit 1, not 2)"
expect_eq "$(psql_at "$(db_url "${target_db[auth]}")" -c "SELECT count(*) FROM alembic_version_auth")" \
  1 "auth's stamp"
expect_eq "$(psql_at "$(db_url "${target_db[candidate]}")" -c "SELECT count(*) FROM alembic_version")" \
  1 "candidate's stamp"
ok "stamp: a target refused after two were stamped exits 1 and says something was written"

# The control: the same refusal before anything is written is a usage error.
export AUTH_DB_URL="postgresql://nobody@127.0.0.1:1/auth" # first in the file
expect_exit 2 "$PGSPLIT_BIN" stamp -c "$config"
expect_contains "$E2E_ERR" "cannot connect to postgresql://nobody@127.0.0.1:1/auth"
expect_not_contains "$E2E_ERR" "already written"
ok "stamp: the same refusal on the first target, with nothing written, exits 2"

# --- apply: an earlier run's state is found before any database is created --------------------
db_name src; source_db=$E2E_DB
create_db "$source_db"
psql_at "$(db_url "$source_db")" -c "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY);
  INSERT INTO a VALUES (1); INSERT INTO b VALUES (2);" >/dev/null
db_name old; old_db=$E2E_DB
create_db "$old_db"
psql_at "$(db_url "$old_db")" -c "CREATE SCHEMA _pgsplit" >/dev/null # an earlier, unfinished run
db_name new; new_db=$E2E_DB # does not exist: apply would create it
cat >"$E2E_WORK/m.yaml" <<YAML
source: {url: "$(db_url "$source_db")"}
targets:
  fresh: {url: "$(db_url "$new_db")", create_database: true, tables: [a]}
  old: {url: "$(db_url "$old_db")", tables: [b]}
YAML
expect_exit 2 "$PGSPLIT_BIN" apply -q -c "$E2E_WORK/m.yaml"
expect_contains "$E2E_ERR" "target old holds the state of an earlier pgsplit apply"
expect_contains "$E2E_ERR" "--resume"
expect_no_database "$new_db"
ok "apply: an earlier run's state in one target is refused (exit 2) before the other's database is created"
