#!/usr/bin/env bash
# Bad input found when the mapping meets the source's catalog (issue 9, "Bad input"): an unknown
# table, a glob matching nothing, a table in two targets, tables mapped nowhere, a cross-target
# foreign key under cross_target_foreign_keys: fail. Each through `apply` and `plan`: exit 2, the
# problem with file:line:col, target and table, the hint, and nothing written anywhere.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin bad_input_catalog --server
source "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/bad_input/scenario.bash"
bad_input_setup

for command in apply plan; do
  f=$BI_FIXTURES/unknown_table.yaml
  refused "$command" -c "$f"
  said "error: $f:14:9 (target vault, table no_such_table): 'no_such_table' matches no table of the source"
  said "hint: names are case-sensitive and match the catalog exactly"
  said "the plan has 1 error(s); nothing was written"
done
ok "unknown table: exit 2, '$f:14:9 (target vault, table no_such_table): … matches no table of the source' with a hint"

for command in apply plan; do
  f=$BI_FIXTURES/glob_matches_nothing.yaml
  refused "$command" -c "$f"
  said "error: $f:14:9 (target vault, table archive_*): 'archive_*' matches no table of the source"
  said "the plan has 1 error(s); nothing was written"
done
ok "glob matching nothing: exit 2, '$f:14:9 (target vault, table archive_*): … matches no table of the source'"

for command in apply plan; do
  f=$BI_FIXTURES/table_in_two_targets.yaml
  refused "$command" -c "$f"
  said "error: $f:9:29 (target shop, table public.items): table public.items is mapped to several targets:" \
    "shop ($f:9:29" "vault ($f:14:9"
  said "hint: map it to one target, or mark every occurrence \`replicate: true\`"
done
ok "a table in two targets: exit 2, 'table public.items is mapped to several targets', both entries named with file:line:col"

for command in apply plan; do
  f=$BI_FIXTURES/unmapped_tables.yaml
  refused "$command" -c "$f"
  said "error: $f: 2 source tables are not mapped to any target and not excluded (their data would be lost): public.items, public.tamper_log"
  said "hint: add each to a target's tables, or list it under exclude:"
done
ok "unmapped tables: exit 2, one error naming the file and both tables (public.items, public.tamper_log) with a hint"

for command in apply plan; do
  f=$BI_FIXTURES/cross_target_fk.yaml
  refused "$command" -c "$f"
  said "error: $f:15:9 (target vault, table public.orders): foreign key orders_user_id_fkey public.orders(user_id) → public.users(id) crosses targets: its parent goes to target shop"
  said "hint: put both tables in one target, or set options.cross_target_foreign_keys: drop"
done
ok "cross-target foreign key under fail: exit 2, '$f:15:9 (target vault, table public.orders): foreign key orders_user_id_fkey … crosses targets' with a hint"

# The plan's JSON carries the same error with its place, and the same exit status.
f=$BI_FIXTURES/unknown_table.yaml
refused plan -c "$f" --format json
expect_eq "$(json_query "$E2E_OUT" 'doc["ok"]')" False "json: ok"
expect_eq "$(json_query "$E2E_OUT" '[[e["file"], e["line"], e["column"], e["target"], e["table"]] for e in doc["errors"]]')" \
  "[[\"$f\", 14, 9, \"vault\", \"no_such_table\"]]" "json: errors"
ok "plan --format json: exit 2, ok false, the error at $f:14:9 (target vault, table no_such_table)"

# The plans run after the last apply.
expect_nothing_written
ok "after every case: source and vault unchanged, shop never created"
