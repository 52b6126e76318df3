# Shared by the scripts that compare split targets with the restore of pg_dump's output
# (schema_fidelity.sh, real_schema_*.sh): the catalog facts of one schema, one line each
# (fixtures/fidelity/catalog_report.sql), and their comparison. Sourced after common.bash.
#
#   fidelity_report URL SCHEMA >FILE
#   fidelity_compare LABEL EXPECTED_FILE ACTUAL_FILE [SED]   # fails showing the diff

# fidelity_report URL SCHEMA: what pg_dump carries for the objects of SCHEMA in the database at
# URL (owners, ACLs, policies, constraints, indexes, triggers, views, functions, types …).
fidelity_report() {
  psql_at "$1" -v schema="$2" -f "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/fidelity/catalog_report.sql"
}

# fidelity_sort_acls: the items of every acl=… field in sorted order (a SED renaming roles
# reorders them).
fidelity_sort_acls() {
  python3 -c '
import sys
for line in sys.stdin:
    words = line.rstrip("\n").split(" ")
    for i, word in enumerate(words):
        if word.startswith("acl="):
            words[i] = "acl=" + ",".join(sorted(word[4:].split(",")))
    print(" ".join(words))
'
}

# fidelity_compare LABEL EXPECTED ACTUAL [SED]: the report in ACTUAL equals the one in EXPECTED
# once SED (a sed script, e.g. renaming the owner role) has been applied to EXPECTED.
fidelity_compare() {
  local label=$1 expected=$2 actual=$3
  sed -e "${4:-}" "$expected" | fidelity_sort_acls >"$actual.expected"
  fidelity_sort_acls <"$actual" >"$actual.sorted"
  if ! diff -u "$actual.expected" "$actual.sorted" >"$actual.diff"; then
    show_file "difference from the reference ($label)" "$actual.diff"
    fail "$label: the target differs from the reference"
  fi
}

# fidelity_target_url ROLE DB: the URL of DB reached as ROLE with $password on $host:$port; with
# an empty ROLE, as the superuser of PGSPLIT_TEST_URL.
fidelity_target_url() {
  if [[ -z $1 ]]; then db_url "$2"; else echo "postgresql://$1:$password@$host:$port/$2"; fi
}

# fidelity_split RUN ROLE MAPPING PREFIX: a new database per name in $targets (recorded in the
# caller's associative array target_db, its URL exported as PREFIX_<NAME>_URL, reached as
# ROLE), then plan (JSON in $E2E_WORK/RUN.plan.json, text and warnings in RUN.plan), apply and
# verify --checksums of MAPPING.
fidelity_split() {
  local run=$1 role=$2 mapping=$3 prefix=$4 name
  for name in "${targets[@]}"; do
    db_name "${run}_$name"; target_db[$name]=$E2E_DB
    export "${prefix}_${name^^}_URL=$(fidelity_target_url "$role" "$E2E_DB")"
  done
  expect_exit 0 "$PGSPLIT_BIN" plan -c "$mapping" --format json
  cp "$E2E_OUT" "$E2E_WORK/$run.plan.json"
  expect_exit 0 "$PGSPLIT_BIN" plan -c "$mapping"
  cat "$E2E_OUT" "$E2E_ERR" >"$E2E_WORK/$run.plan"
  expect_exit 0 "$PGSPLIT_BIN" apply -c "$mapping" -q
  expect_exit 0 "$PGSPLIT_BIN" verify -c "$mapping" --checksums
  expect_contains "$E2E_OUT" "verify OK"
  ok "($run) plan, apply and verify --checksums pass"
}
