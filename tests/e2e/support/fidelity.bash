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
