#!/usr/bin/env bash
# Hostile names (fixtures/hostile_names.sql): schemas, tables, columns, types, a domain, a
# sequence, functions, a trigger, a view, indexes and constraints named `x"; DROP TABLE victim;
# --`, with quotes, dots, spaces, a backslash, a line break, mixed case and non-ASCII letters, and
# literals with a backslash before a quote, split across two targets. `plan --sql` gives scripts
# that psql runs as is, even where standard_conforming_strings is off; `apply` recreates every
# object and row exactly; `verify --checksums` agrees; `victim` survives in the source, in the
# target it is copied to and in the target that already had its own. The pre-created databases
# carry an event trigger that fails any DROP, so not even a dropped constraint goes unnoticed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin security_hostile_names --server

hostile='x"; DROP TABLE victim; --'
strasse="Straße \"Ä\" 'q'.dot\\sl ash"
# The mapped tables of each target, as SQL (quoted) names.
alpha_tables=(public.victim '"x""; DROP TABLE victim; --"."x""; DROP TABLE victim; --"'
              '"x""; DROP TABLE victim; --"."Child.Table ""2"""')
beta_tables=("\"Straße \"\"Ä\"\" 'q'.dot\\sl ash\".\"tab'le\"\"; DROP TABLE victim; --\""
             "\"Straße \"\"Ä\"\" 'q'.dot\\sl ash\".\"ünïcødé ☃ Tab\""
             "\"Straße \"\"Ä\"\" 'q'.dot\\sl ash\".\"nl"$'\n'"DROP TABLE victim; --\""
             "\"Straße \"\"Ä\"\" 'q'.dot\\sl ash\".\"view\"\"; DROP TABLE victim; --\"")

db_name src; source_db=$E2E_DB
db_name alpha; alpha_db=$E2E_DB
db_name beta; beta_db=$E2E_DB
db_name sqla; script_alpha_db=$E2E_DB
db_name sqlb; script_beta_db=$E2E_DB
create_db "$source_db"
source_url=$(db_url "$source_db")
psql_at "$source_url" -f "$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/hostile_names.sql" >/dev/null ||
  fail "loading fixtures/hostile_names.sql"

# A target that exists already, with a victim table of its own and a guard against any DROP.
# guard_database URL [--victim]: the event trigger, and victim with one row.
guard_database() {
  if [[ ${2:-} == --victim ]]; then
    psql_at "$1" >/dev/null -c "CREATE TABLE public.victim (id integer PRIMARY KEY, note text NOT NULL)" \
      -c "INSERT INTO public.victim VALUES (7, 'owned by the target')"
  fi
  psql_at "$1" >/dev/null <<'SQL'
CREATE FUNCTION public.forbid_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'something dropped %',
    (SELECT string_agg(object_identity, ', ') FROM pg_event_trigger_dropped_objects());
END $$;
CREATE EVENT TRIGGER forbid_drop ON sql_drop EXECUTE FUNCTION public.forbid_drop();
SQL
}
for database in "$beta_db" "$script_alpha_db" "$script_beta_db"; do create_db "$database"; done
guard_database "$(db_url "$beta_db")" --victim || fail "preparing $beta_db"
# alpha's script creates victim itself; beta's must leave the one there alone. Both databases
# read backslashes in literals as escapes (standard_conforming_strings off), as an old or oddly
# configured server would: the scripts must set the mode they were written for.
guard_database "$(db_url "$script_alpha_db")" || fail "preparing $script_alpha_db"
guard_database "$(db_url "$script_beta_db")" --victim || fail "preparing $script_beta_db"
for database in "$script_alpha_db" "$script_beta_db"; do
  psql_at "$PGSPLIT_TEST_URL" -c "ALTER DATABASE \"$database\" SET standard_conforming_strings = off" >/dev/null
done
alpha_url=$(db_url "$alpha_db")
beta_url=$(db_url "$beta_db")
export SRC_URL=$source_url ALPHA_URL=$alpha_url BETA_URL=$beta_url
snapshot_db source "$source_url"
victim_digest() {
  psql_at "$1" -c "SELECT string_agg(id || ':' || note, ',' ORDER BY id) FROM public.victim"
}
beta_victim_before=$(victim_digest "$beta_url")

# Table entries in every spelling the mapping allows: long form with a literal schema, a quoted
# short form, and a glob under a quoted schema holding quotes, a dot and a backslash.
cat >"$E2E_WORK/pgsplit.yaml" <<'YAML'
source:
  url: ${SRC_URL}
targets:
  alpha:
    url: ${ALPHA_URL}
    create_database: true
    tables:
      - name: 'x"; DROP TABLE victim; --'
        schema: 'x"; DROP TABLE victim; --'
      - '"x""; DROP TABLE victim; --"."Child.Table ""2"""'
      - public.victim
  beta:
    url: ${BETA_URL}
    tables:
      - '"Straße ""Ä"" ''q''.dot\sl ash".*'
YAML
ok "source with hostile names loaded; beta pre-created with its own victim and a DROP guard"

# --- plan ------------------------------------------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" plan -c pgsplit.yaml
expect_last_line "$E2E_OUT" "plan OK: 2 targets, 6 tables, 0 errors"
expect_in_section "$E2E_OUT" alpha "$hostile.$hostile" "5"
expect_in_section "$E2E_OUT" alpha "$hostile.Child.Table \"2\"" "40"
expect_in_section "$E2E_OUT" beta "$strasse.tab'le\"; DROP TABLE victim; --" "3"
ok "plan OK: 6 tables, the names printed as the catalog spells them"

expect_exit 0 "$PGSPLIT_BIN" plan -c pgsplit.yaml --format json
expect_eq "$(json_query "$E2E_OUT" 'sorted(t["source"] for g in doc["targets"] for t in g["tables"])')" \
  "$(python3 -c 'import json,sys; print(json.dumps(sorted(sys.argv[1:])))' \
       "$hostile.$hostile" "$hostile.Child.Table \"2\"" public.victim \
       "$strasse.nl
DROP TABLE victim; --" "$strasse.tab'le\"; DROP TABLE victim; --" "$strasse.ünïcødé ☃ Tab")" \
  "tables of the JSON plan"
ok "plan --format json names the 6 tables exactly, line break included"

# plan --sql: each target's script runs in psql, as is, in a database with a guarded victim and
# standard_conforming_strings off.
expect_exit 0 "$PGSPLIT_BIN" plan -c pgsplit.yaml --sql
awk -v dir="$E2E_WORK" '/^-- target alpha \(/ { out = dir "/alpha.sql" }
                        /^-- target beta \(/  { out = dir "/beta.sql" }
                        out { print > out }' "$E2E_OUT"
for target in alpha beta; do
  [[ -s $E2E_WORK/$target.sql ]] || { show_last_run; fail "no --sql section for $target"; }
done
psql_at "$(db_url "$script_alpha_db")" -f "$E2E_WORK/alpha.sql" >"$E2E_WORK/sqla.log" 2>&1 ||
  { show_file "psql" "$E2E_WORK/sqla.log"; fail "the --sql script of alpha does not run"; }
psql_at "$(db_url "$script_beta_db")" -f "$E2E_WORK/beta.sql" >"$E2E_WORK/sqlb.log" 2>&1 ||
  { show_file "psql" "$E2E_WORK/sqlb.log"; fail "the --sql script of beta does not run"; }
expect_eq "$(psql_at "$(db_url "$script_beta_db")" -c \
  "SELECT count(*) FROM pg_class WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = \$\$$strasse\$\$) AND relkind IN ('r', 'v')")" \
  4 "tables and view created by beta's --sql script"
expect_eq "$(psql_at "$(db_url "$script_alpha_db")" -c \
  "SELECT count(*) FROM pg_class WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = \$\$$hostile\$\$) AND relkind = 'r'")" \
  2 "tables created by alpha's --sql script"
expect_eq "$(psql_at "$(db_url "$script_alpha_db")" -c "SELECT count(*) FROM public.victim")" 0 "victim created by alpha's script"
expect_eq "$(victim_digest "$(db_url "$script_beta_db")")" "7:owned by the target" "victim after beta's script"
ok "plan --sql: both scripts run in psql (ON_ERROR_STOP, standard_conforming_strings off) and drop nothing; beta's victim intact"

# --- apply and verify ------------------------------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" apply -c pgsplit.yaml --format json
expect_eq "$(json_query "$E2E_OUT" "doc['apply']['complete']")" True "apply complete"
expect_eq "$(json_query "$E2E_OUT" "sorted(t['status'] for t in doc['apply']['tables'])")" \
  '["copied", "copied", "copied", "copied", "copied", "copied"]' "apply: table statuses"
ok "apply exits 0, 6 tables copied, the DROP guard never fired"

expect_exit 0 "$PGSPLIT_BIN" verify -c pgsplit.yaml --checksums --format json
expect_eq "$(json_query "$E2E_OUT" 'doc["ok"]')" True "verify --checksums ok"
expect_eq "$(json_query "$E2E_OUT" 'doc["totals"]["source_rows"]')" 58 "rows verified"
ok "verify --checksums: ok, 58 rows"

# describe_table URL SQL_NAME: columns, constraints, indexes, triggers, comments and rows.
describe_table() {
  psql_at "$1" -v "t=$2" <<'SQL'
SELECT 'column ' || quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
       || ' notnull=' || a.attnotnull || ' identity=' || a.attidentity::text
       || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
       || ' comment=' || coalesce(col_description(a.attrelid, a.attnum), '')
  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attrelid = :'t'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT 'constraint ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
  FROM pg_constraint WHERE conrelid = :'t'::regclass ORDER BY 1;
SELECT 'index ' || pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = :'t'::regclass ORDER BY 1;
SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger
 WHERE tgrelid = :'t'::regclass AND NOT tgisinternal ORDER BY 1;
SELECT 'comment ' || coalesce(obj_description(:'t'::regclass, 'pg_class'), '');
SELECT 'rows ' || count(*) || ' ' || md5(coalesce(string_agg(md5(r::text), '' ORDER BY md5(r::text)), ''))
  FROM :t r;
SQL
}
# describe_schema URL NAME: its comment, types, functions, sequences and views.
describe_schema() {
  psql_at "$1" -v "s=$2" <<'SQL'
SELECT 'schema comment ' || coalesce(obj_description(oid, 'pg_namespace'), '')
  FROM pg_namespace WHERE nspname = :'s';
SELECT 'type ' || t.oid::regtype::text || ' ' || t.typtype::text || ' '
       || coalesce((SELECT string_agg(quote_literal(enumlabel), ',' ORDER BY enumsortorder)
                      FROM pg_enum WHERE enumtypid = t.oid), format_type(t.typbasetype, t.typtypmod))
       || coalesce((SELECT ' ' || string_agg(quote_ident(conname) || ' ' || pg_get_constraintdef(c.oid), ',')
                      FROM pg_constraint c WHERE c.contypid = t.oid), '')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = :'s' AND t.typtype IN ('e', 'd') ORDER BY 1;
SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid))
       || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = :'s' ORDER BY 1;
SELECT 'sequence ' || quote_ident(sequencename) || ' ' || data_type || ' ' || start_value || ' '
       || increment_by || ' last=' || coalesce(last_value::text, 'null')
  FROM pg_sequences WHERE schemaname = :'s' ORDER BY 1;
SELECT 'view ' || c.oid::regclass::text || ' ' || pg_get_viewdef(c.oid)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = :'s' AND c.relkind = 'v' ORDER BY 1;
SQL
}
# same_objects WHAT DESCRIBE NAME SOURCE_URL TARGET_URL [FILTER]: DESCRIBE (describe_table or
# describe_schema) of NAME gives the same text in both databases (only lines containing FILTER).
same_objects() {
  local what=$1 describe=$2 name=$3 filter=${6:-}
  "$describe" "$4" "$name" >"$E2E_WORK/expected" || fail "$what: describing the source"
  "$describe" "$5" "$name" >"$E2E_WORK/actual" || fail "$what: describing the target"
  if [[ -n $filter ]]; then
    grep -F -- "$filter" "$E2E_WORK/expected" >"$E2E_WORK/expected.only" || fail "$what: no '$filter' in the source"
    grep -F -- "$filter" "$E2E_WORK/actual" >"$E2E_WORK/actual.only" || true
    mv "$E2E_WORK/expected.only" "$E2E_WORK/expected"
    mv "$E2E_WORK/actual.only" "$E2E_WORK/actual"
  fi
  [[ -s $E2E_WORK/expected ]] || fail "$what: empty description"
  if ! diff -u "$E2E_WORK/expected" "$E2E_WORK/actual" >"$E2E_WORK/description.diff"; then
    show_file "source (-) vs target (+)" "$E2E_WORK/description.diff"
    fail "$what differs between source and target"
  fi
}

for table in "${alpha_tables[@]}"; do
  same_objects "alpha: $table" describe_table "$table" "$source_url" "$alpha_url"
done
for table in "${beta_tables[@]}"; do
  same_objects "beta: $table" describe_table "$table" "$source_url" "$beta_url"
done
ok "every table and the view: same columns, defaults, constraints, indexes, triggers, comments, rows"

same_objects "alpha: schema $hostile" describe_schema "$hostile" "$source_url" "$alpha_url"
same_objects "beta: schema $strasse" describe_schema "$strasse" "$source_url" "$beta_url"
same_objects "beta: the enum of schema $hostile" describe_schema "$hostile" "$source_url" "$beta_url" "mood'"
ok "enum labels, domain and its check, functions, sequences (values too), views and comments identical"

# --- victim everywhere -----------------------------------------------------------------------
expect_eq "$(victim_digest "$source_url")" "1:first,2:second,3:third" "victim in the source"
expect_eq "$(victim_digest "$alpha_url")" "1:first,2:second,3:third" "victim copied to alpha"
expect_eq "$(victim_digest "$beta_url")" "$beta_victim_before" "beta's own victim"
expect_eq "$(psql_at "$beta_url" -c "SELECT evtenabled FROM pg_event_trigger WHERE evtname = 'forbid_drop'")" \
  O "beta's DROP guard still enabled"
expect_db_unchanged source "$source_url"
ok "victim survives with its rows in the source, alpha and beta; the source is unchanged"
