#!/usr/bin/env bash
# `pgsplit apply --split-larger-than` on the demo monolith: with a tiny threshold every table of
# more than one page is copied in concurrent parts (key or page ranges); every table still holds
# exactly the source's rows, checksums verify, and no part record is left behind.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin apply_in_parts --server

demo_split_setup
ok "demo monolith loaded"

expect_exit 2 "$PGSPLIT_BIN" apply -c "$config" --split-larger-than 8kb
expect_contains "$E2E_ERR" "--split-larger-than: '8kb' is not a size"
for target in "${targets[@]}"; do expect_no_database "pgsplit_e2e_${E2E_NAME}_$$_$target"; done
expect_exit 2 "$PGSPLIT_BIN" apply -c "$config" --auto-split sometimes
expect_contains "$E2E_ERR" "--auto-split: 'sometimes' is neither a size nor off"
for target in "${targets[@]}"; do expect_no_database "pgsplit_e2e_${E2E_NAME}_$$_$target"; done
ok "a size PostgreSQL would not accept is refused before anything is written"

expect_exit 0 "$PGSPLIT_BIN" apply -c "$config" --format json -j 3 --split-larger-than 16kB \
  --verify checksums
json=$E2E_WORK/apply.json
cp "$E2E_OUT" "$json"
expect_eq "$(json_query "$json" "doc['apply']['complete']")" "True" "apply report: complete"
expect_eq "$(json_query "$json" "doc['verify']['ok']")" "True" "checksums verified"
split=$(json_query "$json" "len([t for t in doc['apply']['tables'] if t['parts'] > 1])")
[[ $split -ge 5 ]] || fail "only $split tables were copied in parts"
expect_eq "$(json_query "$json" "[t['table'] + ' ' + str(t['parts_committed']) + '/' + str(t['parts']) + ' ' + t['status'] for t in doc['apply']['tables'] if t['parts_committed'] != t['parts'] or t['status'] != 'copied']")" \
  "[]" "tables whose parts did not all commit"
ok "apply exits 0; $split tables copied in parts, every part committed; checksums verified"

checked=0
while IFS='|' read -r target table; do
  digest="SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ONLY public.\"$table\" t"
  expect_eq "$(psql_at "${target_url[$target]}" -c "$digest")" "$(psql_at "$MONOLITH_URL" -c "$digest")" \
    "rows of $target: $table"
  checked=$((checked + 1))
done < <(json_query "$json" "'\n'.join(t['target'] + '|' + t['table'].split('.', 1)[1] for t in doc['apply']['tables'] if t['parts'] > 1)")
ok "the $checked tables copied in parts hold exactly the source's rows"

for target in "${targets[@]}"; do
  expect_eq "$(psql_at "${target_url[$target]}" -c "SELECT count(*) FROM _pgsplit.parts")" "0" \
    "part records left in $target"
done
ok "no part record is left once the tables are marked done"

expect_exit 0 "$PGSPLIT_BIN" verify -c "$config" --checksums
ok "pgsplit verify --checksums passes"
