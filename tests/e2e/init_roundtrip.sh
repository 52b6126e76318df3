#!/usr/bin/env bash
# `pgsplit init --source URL` on the demo monolith writes a starter mapping (docs/plan-output.md,
# "The starter mapping of pgsplit init"): root tables grouped by the connected components of the
# foreign-key graph, version tables left out, one `url: ${<NAME>_URL}` per target. With those
# variables pointing at fresh databases, `pgsplit plan` on it passes, and writes nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin init_roundtrip --server

db_name monolith; source_db=$E2E_DB
create_db "$source_db"
source_url=$(db_url "$source_db")
load_demo_monolith "$source_db"
snapshot_db source "$source_url"
ok "demo monolith loaded into $source_db"

# --- init -------------------------------------------------------------------------------------
mapping=$E2E_WORK/pgsplit.yaml
expect_exit 0 "$PGSPLIT_BIN" init --source "$source_url"
cp "$E2E_OUT" "$mapping"
expect_not_contains "$E2E_ERR" "error" "init stderr"
expect_nonempty "$mapping" "init output"
expect_eq "$(tail -c 1 "$mapping" | od -An -c | tr -d ' ')" '\n' "last character of the mapping"
ok "init --source exits 0 and writes a mapping to stdout"

# The same catalog always gives the same file.
expect_exit 0 "$PGSPLIT_BIN" init --source "$source_url"
if ! cmp -s "$mapping" "$E2E_OUT"; then
  diff -u "$mapping" "$E2E_OUT" >&2 || true
  fail "two runs of init on the same database wrote different files"
fi
ok "init is deterministic: a second run writes the same file"

# The source refers to MONOLITH_URL, never to the URL given on the command line.
expect_match "$mapping" '^source:$' "source section"
expect_match "$mapping" '^  url: \$\{MONOLITH_URL\}$' "source.url"
expect_not_contains "$mapping" "$source_url" "the mapping (the source URL is a variable)"
expect_not_contains "$mapping" "127.0.0.1" "the mapping (the source URL is a variable)"
ok "source.url is \${MONOLITH_URL}; the command-line URL is not written into the file"

# Version tables: mentioned in a comment, never as a table entry.
expect_match "$mapping" '^#.*public\.alembic_version \(alembic\)' "version table comment"
expect_match "$mapping" '^#.*public\.alembic_version_auth \(alembic\)' "version table comment"
if grep -E '^ *- ' "$mapping" | grep -q alembic_version; then
  show_file mapping "$mapping"
  fail "init placed a migration version table in a target"
fi
ok "alembic_version and alembic_version_auth are listed in a comment, not placed"

# Targets, their URL variables and their entries, as written.
awk '
  /^targets:/ { inside = 1; next }
  inside && /^[^ #]/ { inside = 0 }
  inside && /^  [^ #][^:]*:$/ { target = substr($1, 1, length($1) - 1); next }
  inside && /^    url: / { print "url", target, $2; next }
  inside && /^      - / { sub(/^      - /, ""); sub(/ +#.*$/, ""); print "table", target, $0 }
' "$mapping" >"$E2E_WORK/init-entries"
grep '^url ' "$E2E_WORK/init-entries" >"$E2E_WORK/init-urls" ||
  { show_file mapping "$mapping"; fail "no target with a url in the init mapping"; }
while read -r _ target url; do
  expected="\${$(tr '[:lower:]' '[:upper:]' <<<"$target")_URL}"
  expect_eq "$url" "$expected" "url of target $target"
  [[ $target =~ ^[a-z0-9_]+$ ]] || fail "target name '$target' is not lower-case [a-z0-9_]"
done <"$E2E_WORK/init-urls"
target_count=$(wc -l <"$E2E_WORK/init-urls")
ok "$target_count targets, each with url: \${<NAME>_URL}: $(cut -d' ' -f2 "$E2E_WORK/init-urls" | tr '\n' ' ')"

# Entries are schema-qualified, sorted within a target, partitions not listed, every root table
# of the source (version tables aside) exactly once.
grep '^table ' "$E2E_WORK/init-entries" | cut -d' ' -f3 | sort >"$E2E_WORK/init-tables"
psql_at "$source_url" -c "
  SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public'
     AND NOT EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = c.oid)
     AND c.relname NOT LIKE 'alembic\_version%'
   ORDER BY 1" | sort >"$E2E_WORK/root-tables"
if ! diff -u "$E2E_WORK/root-tables" "$E2E_WORK/init-tables" >"$E2E_WORK/init-tables.diff"; then
  show_file "root tables vs init entries" "$E2E_WORK/init-tables.diff"
  fail "init does not place every root table exactly once"
fi
while read -r _ target _; do
  grep "^table $target " "$E2E_WORK/init-entries" | cut -d' ' -f3 >"$E2E_WORK/entries.$target"
  if ! LC_ALL=C sort -c "$E2E_WORK/entries.$target" 2>/dev/null; then
    show_file "entries of $target" "$E2E_WORK/entries.$target"
    fail "the tables of target $target are not sorted by name"
  fi
done <"$E2E_WORK/init-urls"
expect_not_contains "$E2E_WORK/init-tables" "access_logs_2024_01" "init entries (partitions follow their parent)"
ok "every one of the $(wc -l <"$E2E_WORK/root-tables") root tables is placed exactly once, schema-qualified, sorted per target; partitions are not listed"

# The groups are the connected components of the foreign-key graph (direction ignored),
# computed here independently from pg_constraint.
psql_at "$source_url" -F ' ' -c "
  WITH RECURSIVE up(child, root) AS (
      SELECT c.oid, c.oid FROM pg_class c WHERE c.relkind IN ('r', 'p')
    UNION ALL
      SELECT up.child, i.inhparent FROM up JOIN pg_inherits i ON i.inhrelid = up.root),
  roots AS (
    SELECT child, root FROM up u
     WHERE NOT EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = u.root))
  SELECT (SELECT r.root::regclass::text FROM roots r WHERE r.child = k.conrelid),
         (SELECT r.root::regclass::text FROM roots r WHERE r.child = k.confrelid)
    FROM pg_constraint k WHERE k.contype = 'f'" >"$E2E_WORK/fk-edges"
python3 - "$E2E_WORK/root-tables" "$E2E_WORK/fk-edges" "$E2E_WORK/init-entries" <<'PY' >"$E2E_WORK/components.check" 2>&1 ||
import sys
roots = [line.strip() for line in open(sys.argv[1]) if line.strip()]
parent = {t: t for t in roots}
def find(t):
    while parent[t] != t:
        parent[t] = parent[parent[t]]
        t = parent[t]
    return t
qualify = lambda name: name if "." in name else "public." + name
for line in open(sys.argv[2]):
    a, b = (qualify(x) for x in line.split())
    if a in parent and b in parent:
        parent[find(a)] = find(b)
components = {}
for t in roots:
    components.setdefault(find(t), set()).add(t)
groups = {}
for line in open(sys.argv[3]):
    kind, target, rest = line.rstrip("\n").split(" ", 2)
    if kind == "table":
        groups.setdefault(target, set()).add(rest)
target_of = {t: g for g, tables in groups.items() for t in tables}
linked = [c for c in components.values() if len(c) > 1]
problems = []
for component in linked:
    targets = {target_of.get(t) for t in component}
    if len(targets) != 1:
        problems.append(f"component {sorted(component)} split over {sorted(map(str, targets))}")
seen = [target_of.get(next(iter(c))) for c in linked]
if len(seen) != len(set(seen)):
    problems.append(f"two foreign-key components share a target: {seen}")
# Loose tables (no foreign key) never get a target of their own: with its prefix rule, init
# writes at most one target per linked component, per shared prefix, and `unassigned`.
if len(groups) > len(linked) + len({t.split(".")[0] + "." + t.split(".")[1].split("_")[0]
                                     for c in components.values() if len(c) == 1 for t in c}) + 1:
    problems.append(f"{len(groups)} targets for {len(linked)} linked components")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(len(linked))
PY
  { show_file "component check" "$E2E_WORK/components.check"; fail "init's targets split a foreign-key component"; }
ok "each of the $(cat "$E2E_WORK/components.check") foreign-key components is whole in one target of the $target_count"

# --- plan on it ---------------------------------------------------------------------------------
# init writes no create_database, so the target databases are created (empty) first.
export MONOLITH_URL=$source_url
declare -A target_db
while read -r _ target url; do
  variable=${url#\$\{}
  variable=${variable%\}}
  db_name "t_$target"; target_db[$target]=$E2E_DB
  create_db "$E2E_DB"
  export "$variable=$(db_url "$E2E_DB")"
  snapshot_db "target_$target" "$(db_url "$E2E_DB")"
done <"$E2E_WORK/init-urls"
expect_not_contains "$mapping" "create_database" "the init mapping"

expect_exit 0 "$PGSPLIT_BIN" plan -c "$mapping"
cp "$E2E_OUT" "$E2E_WORK/plan.txt"
expect_last_line "$E2E_WORK/plan.txt" "plan OK: $target_count targets, "
expect_line_with "$E2E_WORK/plan.txt" "public.alembic_version " "migration version table (alembic)"
expect_not_contains "$E2E_WORK/plan.txt" "not mapped to any target"
expect_not_contains "$E2E_WORK/plan.txt" "cross-target foreign keys"
ok "plan -c on init's mapping exits 0: $(tail -n 1 "$E2E_WORK/plan.txt")"

# The default mapping file is ./pgsplit.yaml (the working directory is $E2E_WORK).
expect_exit 0 "$PGSPLIT_BIN" plan --format json
python3 -m json.tool "$E2E_OUT" >/dev/null || { show_last_run; fail "plan json does not parse"; }
cp "$E2E_OUT" "$E2E_WORK/plan.json"
json=$E2E_WORK/plan.json
expect_eq "$(json_query "$json" 'doc["ok"]')" True "ok"
expect_eq "$(json_query "$json" 'len(doc["targets"])')" "$target_count" "targets"
expect_eq "$(json_query "$json" 'doc["cross_target_foreign_keys"]')" "[]" "cross_target_foreign_keys"
expect_eq "$(json_query "$json" 'doc["errors"]')" "[]" "errors"
expect_eq "$(json_query "$json" 'sorted(e["table"] for e in doc["excluded"] if e["version_table"])')" \
  '["public.alembic_version", "public.alembic_version_auth"]' "version tables"
ok "plan (default ./pgsplit.yaml) as JSON: ok, no cross-target foreign key, version tables excluded"

# Names and order: each target is named after its largest table (size with partitions), or
# after the name prefix its tables share, targets largest first, `unassigned` (the tables
# without foreign keys init could not group) last (docs/plan-output.md).
python3 - "$json" <<'PY' >"$E2E_WORK/naming.check" 2>&1 || { show_file "naming" "$E2E_WORK/naming.check"; fail "init's target names or order do not follow the documented rule"; }
import json, re, sys
doc = json.load(open(sys.argv[1]))
problems = []
sizes = []
sanitise = lambda text: re.sub(r"_+", "_", re.sub(r"[^a-z0-9_]", "_", text.lower())).strip("_")
for index, target in enumerate(doc["targets"]):
    roots = {}
    for t in target["tables"]:
        root = t["partition_of"] or t["source"]
        roots[root] = roots.get(root, 0) + t["size_bytes"]
    if target["name"] == "unassigned":
        if index != len(doc["targets"]) - 1:
            problems.append("target unassigned is not the last one")
        continue
    largest = sorted(roots.items(), key=lambda item: (-item[1], item[0]))[0][0]
    name = sanitise(largest.split(".", 1)[1])
    prefixes = {root.split(".", 1)[1].split("_", 1)[0] for root in roots}
    prefix = sanitise(prefixes.pop()) if len(prefixes) == 1 else None
    if target["name"] not in (name, prefix):
        problems.append(f"target {target['name']} should be named {name} (largest table {largest})")
    sizes.append(sum(roots.values()))
if sizes != sorted(sizes, reverse=True):
    problems.append(f"targets are not largest first: sizes {sizes}")
print("\n".join(problems) or "ok")
sys.exit(1 if problems else 0)
PY
ok "targets are named after their largest table (or shared prefix), largest first, unassigned last"

# plan wrote nothing: targets still empty, source unchanged.
for target in "${!target_db[@]}"; do
  expect_db_unchanged "target_$target" "$(db_url "${target_db[$target]}")"
done
expect_db_unchanged source "$source_url"
ok "plan wrote nothing: the $target_count target databases and the source are unchanged"

# --- names that need sanitising and quoting ---------------------------------------------------
# tests/e2e/fixtures/init_names.sql: dots, a double quote, a dollar, a glob character, spaces,
# a leading digit, non-ASCII letters, two names that sanitise alike, version tables in odd case.
db_name names; names_db=$E2E_DB
create_db "$names_db"
names_url=$(db_url "$names_db")
psql_at "$names_url" -f "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/init_names.sql" >"$E2E_WORK/names.log" 2>&1 ||
  { show_file "load" "$E2E_WORK/names.log"; fail "loading init_names.sql"; }
names_mapping=$E2E_WORK/names.yaml
expect_exit 0 "$PGSPLIT_BIN" init --source "$names_url" --source-variable NAMES_SOURCE_URL
cp "$E2E_OUT" "$names_mapping"
expect_match "$names_mapping" '^  url: \$\{NAMES_SOURCE_URL\}$' "source.url with --source-variable"
expect_contains "$names_mapping" 'price$$list' "the entry of public.price\$list (\$ doubled)"
expect_line_with "$names_mapping" 'star*name' '#'
expect_match "$names_mapping" '^#.*public\.flyway_schema_history \(flyway\)' "version table comment"
expect_match "$names_mapping" '^#.*public\.Knex_Migrations_Lock \(knex\)' "version table comment"
if grep -E '^ *- ' "$names_mapping" | grep -qiE 'flyway_schema_history|knex_migrations'; then
  show_file mapping "$names_mapping"
  fail "init placed a migration version table in a target"
fi
awk '
  /^targets:/ { inside = 1; next }
  inside && /^[^ #]/ { inside = 0 }
  inside && /^  [^ #][^:]*:$/ { target = substr($1, 1, length($1) - 1); next }
  inside && /^    url: / { print target, $2 }
' "$names_mapping" >"$E2E_WORK/names-urls"
# The tables without foreign keys share no name prefix: all in `unassigned` (the sanitising of
# target names is unit-tested in tests/unit/plan/init_mapping_test.cpp).
expect_eq "$(cut -d' ' -f1 "$E2E_WORK/names-urls" | tr '\n' ' ')" "c unassigned " "target names"
ok "init on awkward names: targets c and unassigned; \$ doubled; the glob name commented; Knex_Migrations_Lock and flyway_schema_history left out"

export NAMES_SOURCE_URL=$names_url
while read -r target url; do
  variable=${url#\$\{}
  variable=${variable%\}}
  expect_eq "$variable" "$(tr '[:lower:]' '[:upper:]' <<<"$target")_URL" "variable of target $target"
  db_name "n_$target"
  create_db "$E2E_DB"
  export "$variable=$(db_url "$E2E_DB")"
done <"$E2E_WORK/names-urls"
expect_exit 0 "$PGSPLIT_BIN" plan -c "$names_mapping" --format json
cp "$E2E_OUT" "$E2E_WORK/names-plan.json"
names_json=$E2E_WORK/names-plan.json
expect_eq "$(json_query "$names_json" 'doc["ok"]')" True "ok of the plan on the awkward names"
expect_eq "$(json_query "$names_json" 'sorted((p["source"], t["name"]) for t in doc["targets"] for p in t["tables"]) == sorted([
    ("a.b.c", "c"), ("public.it\"s", "c"), ("public.Order Items", "unassigned"),
    ("public.order_items", "unassigned"), ("public.2fa_codes", "unassigned"),
    ("public.price$list", "unassigned"), ("public.star*name", "unassigned"),
    ("public.\u00dcn\u00efcode", "unassigned"), ("public.---", "unassigned")])')" True \
  "placements of the awkward names (c with it\"s, the others unassigned)"
expect_eq "$(json_query "$names_json" 'sorted(e["table"] for e in doc["excluded"] if e["version_table"])')" \
  '["public.Knex_Migrations_Lock", "public.flyway_schema_history"]' "version tables"
ok "plan on init's mapping of the awkward names exits 0 and places every table exactly where init grouped it"

# --- init edge cases ----------------------------------------------------------------------------
# --schema limits the catalog; a schema without tables leaves nothing to place: an error.
db_name empty; empty_db=$E2E_DB
create_db "$empty_db"
expect_exit 2 "$PGSPLIT_BIN" init --source "$(db_url "$empty_db")"
expect_contains "$E2E_ERR" "pgsplit: error:"
expect_contains "$E2E_ERR" "no tables to split"
expect_empty "$E2E_OUT" "init stdout for a database without tables"
ok "init on a database without tables exits 2 with 'no tables to split' and writes nothing to stdout"

# An unreachable source with a password: a connection error (exit 2, like plan), password never
# printed.
secret='Init-e2e-Pw-42'
expect_exit 2 "$PGSPLIT_BIN" init --source "postgresql://someone:$secret@127.0.0.1:1/app"
if grep -qF -- "$secret" "$E2E_OUT" "$E2E_ERR"; then
  show_last_run
  fail "init printed the password of --source"
fi
expect_empty "$E2E_OUT" "init stdout for an unreachable source"
expect_contains "$E2E_ERR" "postgresql://someone@127.0.0.1:1/app"
ok "init with an unreachable --source exits 2, names the connection without its password"
