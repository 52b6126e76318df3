#!/usr/bin/env bash
# Bad input found in the mapping file or on the command line, before any connection (issue 9,
# "Bad input"): malformed YAML, wrong types, unknown keys, a missing source or targets, an unset
# variable, two targets with one name, jobs 0 / -j 0, a missing, unreadable, empty or directory
# config path. Each through `apply` and `plan`: exit 2, the problem with file:line:col (and the
# hint), and nothing written — the source and the existing target unchanged, the target that
# apply would create not created.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin bad_input_mapping --server
source "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/bad_input/scenario.bash"
bad_input_setup
unset BI_NEVER_SET_PASSWORD || true

for command in apply plan; do
  f=$BI_FIXTURES/malformed.yaml
  refused "$command" -c "$f"
  said "pgsplit: error: $f:7:8: invalid YAML: end of sequence flow not found"
done
ok "malformed YAML (unclosed [): exit 2, '$f:7:8: invalid YAML: end of sequence flow not found'"

for command in apply plan; do
  f=$BI_FIXTURES/wrong_types.yaml
  refused "$command" -c "$f"
  said "pgsplit: error: 4 problems found:"
  said "$f:3:12: source.schemas: expected a list of schema names, got a string"
  said "hint: write schemas: [public]"
  said "$f:7:22: targets.shop.create_database: expected a boolean (true/false), got 'please'"
  said "$f:12:7: targets.vault.tables: expected a list of tables, got a mapping"
  said "$f:14:9: options.jobs: expected an integer, got 'four'"
done
ok "wrong types (schemas: a string, create_database: \"please\", tables: a mapping, jobs: four): all 4 at file:line:col"

for command in apply plan; do
  f=$BI_FIXTURES/unknown_keys.yaml
  refused "$command" -c "$f"
  said "$f:9:5: unknown key 'tabels' in targets.shop; did you mean 'tables'?"
  said "hint: valid keys: url, create_database, tables, stamp"
  said "$f:13:1: unknown key 'option' at the top level; did you mean 'options'?"
  said "hint: valid keys: source, exclude, targets, options"
  said "$f:6:3: missing required key 'tables' in targets.shop"
done
ok "unknown keys (tabels, option): each with file:line:col, did-you-mean and the valid keys"

for command in apply plan; do
  f=$BI_FIXTURES/missing_source.yaml
  refused "$command" -c "$f"
  said "pgsplit: error: $f:1:1: missing required key 'source' at the top level"
done
ok "no source: exit 2, \"$f:1:1: missing required key 'source' at the top level\""

for command in apply plan; do
  f=$BI_FIXTURES/missing_targets.yaml
  refused "$command" -c "$f"
  said "pgsplit: error: $f:1:1: missing required key 'targets' at the top level"
done
ok "no targets: exit 2, \"$f:1:1: missing required key 'targets' at the top level\""

for command in apply plan; do
  f=$BI_FIXTURES/unset_variable.yaml
  refused "$command" -c "$f"
  said "pgsplit: error: $f:11:10: targets.vault.url: environment variable BI_NEVER_SET_PASSWORD is not set"
  said "hint: export BI_NEVER_SET_PASSWORD, or give a default: \${BI_NEVER_SET_PASSWORD:-value}"
  not_said "127.0.0.1:1/vault" # connection strings are never repeated
done
ok "unset \${BI_NEVER_SET_PASSWORD}: named at $f:11:10 with a hint, the URL not repeated"

for command in apply plan; do
  f=$BI_FIXTURES/duplicate_target.yaml
  refused "$command" -c "$f"
  said "pgsplit: error: $f:10:3: duplicate target 'shop' in targets (first at line 6)"
  said "hint: each key may appear only once"
done
ok "two targets named shop: exit 2 at the second ($f:10:3), pointing at the first (line 6)"

for command in apply plan; do
  f=$BI_FIXTURES/jobs_zero.yaml
  refused "$command" -c "$f"
  said "pgsplit: error: $f:14:9: options.jobs: expected an integer >= 1, got 0"
done
ok "options.jobs: 0: exit 2, '$f:14:9: options.jobs: expected an integer >= 1, got 0'"

# -j on the command line, with an otherwise good mapping: refused before reading it.
for jobs in 0 -3; do
  refused apply -c "$BI_FIXTURES/good.yaml" -j "$jobs"
  said "pgsplit: error: pgsplit apply: -j must be at least 1, got $jobs"
  said "hint: give the number of tables copied at once, e.g. -j 4"
done
refused apply -c "$BI_FIXTURES/good.yaml" -j four
said "pgsplit: error: pgsplit apply: the argument ('four') for option '--jobs' is invalid"
said "hint: run \`pgsplit apply --help\` for its options"
ok "apply -j 0, -j -3, -j four: exit 2, '-j must be at least 1' / 'invalid' with a hint"

# --- the config path ----------------------------------------------------------------------------
for command in apply plan; do
  refused "$command" -c "$E2E_WORK/no-such.yaml"
  said "pgsplit: error: $E2E_WORK/no-such.yaml: no such file"
  said "hint: pass the mapping file with -c FILE, or create ./pgsplit.yaml"
  # No -c: ./pgsplit.yaml, missing in the scratch directory.
  refused "$command"
  said "pgsplit: error: pgsplit.yaml: no such file"
done
ok "missing config (-c no-such.yaml, and the default ./pgsplit.yaml): exit 2, 'no such file' with a hint"

for command in apply plan; do
  refused "$command" -c "$BI_FIXTURES"
  said "pgsplit: error: $BI_FIXTURES: is a directory, not a mapping file"
  said "hint: pass the YAML file itself with -c FILE"
done
ok "config path is a directory: exit 2, 'is a directory, not a mapping file' with a hint"

: >"$E2E_WORK/empty.yaml"
for command in apply plan; do
  refused "$command" -c "$E2E_WORK/empty.yaml"
  said "pgsplit: error: $E2E_WORK/empty.yaml: the mapping file is empty"
done
ok "empty config file: exit 2, 'the mapping file is empty'"

# An unreadable file. root reads any file whatever its mode, so as root pgsplit runs as nobody
# (who may enter the scratch directory, not read the file).
unreadable=$E2E_WORK/unreadable.yaml
cp "$BI_FIXTURES/good.yaml" "$unreadable"
chmod 000 "$unreadable"
as_reader=()
if [[ $(id -u) -eq 0 ]]; then
  chmod 711 "$E2E_WORK"
  as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
# Controls: that user can run pgsplit, and cannot read the file.
expect_exit 0 "${as_reader[@]}" "$PGSPLIT_BIN" --help
run_cmd "${as_reader[@]}" cat "$unreadable"
[[ $E2E_STATUS -ne 0 ]] || fail "control: $unreadable is readable by the user pgsplit runs as"
for command in apply plan; do
  expect_exit 2 "${as_reader[@]}" "$PGSPLIT_BIN" "$command" -c "$unreadable"
  expect_empty "$E2E_OUT" "stdout of $command on an unreadable file"
  expect_contains "$E2E_ERR" "pgsplit: error: $unreadable: cannot read: Permission denied"
  expect_nothing_written
done
ok "unreadable config (mode 000${as_reader[*]:+, run as nobody}): exit 2, 'cannot read: Permission denied'"

# The plans run after the last apply.
expect_nothing_written
ok "after every case: source and vault unchanged, shop never created"
