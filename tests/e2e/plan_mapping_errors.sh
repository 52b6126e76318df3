#!/usr/bin/env bash
# `pgsplit plan` with broken mapping files (docs/mapping.md, "Errors"): each exits 2 with
# `pgsplit: error:` and a message naming file:line:column, before connecting anywhere. Then the
# unreachable servers: a password in a connection string is never printed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin plan_mapping_errors --server

fixtures=$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/mapping_errors
unset PGSPLIT_E2E_UNSET_PASSWORD || true

# plan_fails NAME: runs plan on fixtures/mapping_errors/NAME.yaml; expects exit 2, nothing on
# stdout (nothing was planned), an error on stderr, and no plan verdict.
plan_fails() {
  file=$fixtures/$1.yaml
  [[ -f $file ]] || fail "missing fixture $file"
  expect_exit 2 "$PGSPLIT_BIN" plan -c "$file"
  expect_contains "$E2E_ERR" "pgsplit: error:"
  expect_empty "$E2E_OUT" "stdout of plan on $1.yaml"
}

# Malformed YAML: the parser's position.
plan_fails malformed
expect_match "$E2E_ERR" "^(pgsplit: error: )?$file:[0-9]+:[0-9]+: invalid YAML" "malformed YAML message"
ok "malformed YAML: exit 2, '$file:LINE:COL: invalid YAML'"

# Unknown keys, at two levels, both reported at once, each with a suggestion.
plan_fails unknown_key
expect_contains "$E2E_ERR" "$file:7:5: unknown key 'stmap' in targets.auth; did you mean 'stamp'?"
expect_contains "$E2E_ERR" "$file:9:3: unknown key 'jbos' in options; did you mean 'jobs'?"
expect_contains "$E2E_ERR" "pgsplit: error: 2 problems found:"
expect_contains "$E2E_ERR" "hint: valid keys:"
ok "unknown keys stmap and jbos: both reported with file:line:col and did-you-mean"

# Wrong types: a YAML 1.1 boolean and a string where a list belongs.
plan_fails wrong_type
expect_contains "$E2E_ERR" "$file:6:22: targets.auth.create_database: expected a boolean (true/false), got 'yes'"
expect_contains "$E2E_ERR" "$file:7:13: targets.auth.tables: expected a list of tables, got a string"
ok "wrong types (create_database: yes, tables: users): both reported with file:line:col"

# No targets at all.
plan_fails missing_targets
expect_match "$E2E_ERR" "$file(:[0-9]+:[0-9]+)?: missing required key 'targets'" "missing targets message"
ok "a file without targets: exit 2, \"missing required key 'targets'\" naming the file"

# An unset variable: named, with the hint; the rest of the URL is not printed.
plan_fails unset_variable
expect_contains "$E2E_ERR" "$file:5:10: targets.auth.url: environment variable PGSPLIT_E2E_UNSET_PASSWORD is not set"
expect_contains "$E2E_ERR" "export PGSPLIT_E2E_UNSET_PASSWORD"
expect_not_contains "$E2E_ERR" "127.0.0.1:1/auth" "the error (connection strings are never repeated)"
ok "unset \${PGSPLIT_E2E_UNSET_PASSWORD}: named with file:line:col and a hint, URL not repeated"

# Two targets with the same name (YAML would silently keep one).
plan_fails duplicate_target
expect_contains "$E2E_ERR" "$file:7:3: duplicate target 'auth' in targets (first at line 4)"
ok "duplicate target auth: reported at the second one, pointing at the first"

plan_fails jobs_zero
expect_contains "$E2E_ERR" "$file:8:9: options.jobs: expected an integer >= 1, got 0"
ok "jobs: 0: 'options.jobs: expected an integer >= 1, got 0' at file:8:9"

# The config path is a directory; then a file that does not exist.
expect_exit 2 "$PGSPLIT_BIN" plan -c "$fixtures"
expect_contains "$E2E_ERR" "pgsplit: error: $fixtures: is a directory, not a mapping file"
expect_empty "$E2E_OUT" "stdout of plan on a directory"
ok "-c DIRECTORY: exit 2, 'is a directory, not a mapping file'"

expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/no-such-mapping.yaml"
expect_contains "$E2E_ERR" "pgsplit: error: $E2E_WORK/no-such-mapping.yaml: no such file"
expect_contains "$E2E_ERR" "hint:"
expect_empty "$E2E_OUT" "stdout of plan on a missing file"
ok "-c MISSING: exit 2, 'no such file' with a hint"

# An empty file.
: >"$E2E_WORK/empty.yaml"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/empty.yaml"
expect_contains "$E2E_ERR" "$E2E_WORK/empty.yaml: the mapping file is empty"
ok "an empty mapping file: exit 2, 'the mapping file is empty'"

# --- passwords are never printed -------------------------------------------------------------
secret='Xq7-e2e-S3cret-pw'
# has_no_secret: the password appears in neither stdout nor stderr of the last run.
has_no_secret() {
  if grep -qF -- "$secret" "$E2E_OUT" "$E2E_ERR"; then
    show_last_run
    fail "the password was printed ($1)"
  fi
}

# A reachable source and an unreachable target with a password: a plan error (exit 2) naming
# the target, its connection shown masked.
db_name source; source_db=$E2E_DB
create_db "$source_db"
psql_at "$(db_url "$source_db")" -c "CREATE TABLE public.items (id integer PRIMARY KEY)" >/dev/null
export UNREACHABLE_SOURCE_URL; UNREACHABLE_SOURCE_URL=$(db_url "$source_db")
export UNREACHABLE_TARGET_URL="postgresql://splitter:$secret@127.0.0.1:1/remote_db"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$fixtures/unreachable.yaml"
has_no_secret "unreachable target, text"
expect_contains "$E2E_OUT" "postgresql://splitter:***@127.0.0.1:1/remote_db"
expect_line_with "$E2E_OUT" "error: $fixtures/unreachable.yaml:" "(target remote)" "cannot connect to target"
expect_last_line "$E2E_OUT" "plan has "
expect_contains "$E2E_OUT" "(nothing was written)"
ok "unreachable target 127.0.0.1:1 with a password: exit 2, 'cannot connect to target', URL shown as splitter:***@…, password nowhere"

expect_exit 2 "$PGSPLIT_BIN" plan -c "$fixtures/unreachable.yaml" --format json
has_no_secret "unreachable target, json"
python3 -m json.tool "$E2E_OUT" >/dev/null || { show_last_run; fail "json output does not parse"; }
expect_eq "$(json_query "$E2E_OUT" 'doc["ok"]')" False "ok"
expect_eq "$(json_query "$E2E_OUT" 'doc["targets"][0]["connection"]')" \
  "postgresql://splitter:***@127.0.0.1:1/remote_db" "targets[0].connection"
ok "the same as JSON: ok false, connection masked, password nowhere"

# Key=value conninfo for the target.
export UNREACHABLE_TARGET_URL="host=127.0.0.1 port=1 user=splitter password=$secret dbname=remote_db"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$fixtures/unreachable.yaml"
has_no_secret "unreachable key=value target"
expect_contains "$E2E_OUT" "cannot connect to target"
ok "unreachable key=value target with password=…: exit 2, password nowhere"

# The source itself unreachable: a connection that cannot be established is a usage error (exit
# 2, nothing was written; core::ConnectionError), not a lost connection (1); still no password.
export UNREACHABLE_SOURCE_URL="postgresql://splitter:$secret@127.0.0.1:1/app"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$fixtures/unreachable.yaml"
has_no_secret "unreachable source"
expect_contains "$E2E_ERR" "pgsplit: error:"
expect_contains "$E2E_ERR" "postgresql://splitter@127.0.0.1:1/app" "the source error (connection without its password)"
expect_empty "$E2E_OUT" "stdout when the source is unreachable"
ok "unreachable source with a password: exit 2, the connection named without the password, password nowhere"

# A mapping error in a file whose URLs hold a password: reported without the URL.
cat >"$E2E_WORK/bad-with-password.yaml" <<EOF
source:
  url: postgresql://splitter:$secret@127.0.0.1:1/app
targets:
  remote:
    url: postgresql://splitter:$secret@127.0.0.1:1/remote_db
    tables: [items]
    create_database: maybe
EOF
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/bad-with-password.yaml"
has_no_secret "mapping error in a file with passwords"
expect_contains "$E2E_ERR" "$E2E_WORK/bad-with-password.yaml:7:22: targets.remote.create_database: expected a boolean"
ok "a mapping error in a file with literal passwords: exit 2, password nowhere"
