#!/usr/bin/env bash
# Each target gets the objects its tables, indexes, defaults and views need besides types and
# functions, as pg_dump would carry them: collations (ICU nondeterministic, libc) on columns,
# operators and an operator class and family (with a loose member) used by indexes,
# aggregates (plain, moving, without argument, with a sort operator, ordered-set) used by
# views, casts used by a view and a default, text search parser, template, dictionary and
# configurations used by a generated column and an expression index, a conversion of its
# schema, rules on tables (one disabled). The reference is not pgsplit: `pg_dump
# --schema-only` of the source (fixtures/fidelity_objects/source.sql) restored into a scratch
# database; the target's schema app is compared with the reference's by catalog queries
# (fixtures/fidelity_objects/objects_report.sql). The other target needs none of these objects
# and gets none; the plan lists those of schema legacy, which no target needs, as left behind.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin schema_fidelity_objects --server

fixtures=$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/fidelity_objects

db_name src; source_db=$E2E_DB
create_db "$source_db"
psql_at "$(db_url "$source_db")" -f "$fixtures/source.sql" >"$E2E_WORK/source.log" 2>&1 ||
  { show_file source "$E2E_WORK/source.log"; fail "loading the source"; }
export OBJ_SOURCE_URL; OBJ_SOURCE_URL=$(db_url "$source_db")

db_name ref; reference_db=$E2E_DB
create_db "$reference_db"
pg_dump --schema-only -d "$OBJ_SOURCE_URL" -f "$E2E_WORK/reference.sql" || fail "pg_dump of the source"
psql_at "$(db_url "$reference_db")" -f "$E2E_WORK/reference.sql" >"$E2E_WORK/reference.log" 2>&1 ||
  { show_file restore "$E2E_WORK/reference.log"; fail "restoring pg_dump's output"; }
ok "source loaded; pg_dump --schema-only of it restored as the reference"

# report URL SCHEMA: the facts of SCHEMA's objects in the database at URL.
report() {
  psql_at "$1" -v schema="$2" -f "$fixtures/objects_report.sql"
}
report "$(db_url "$reference_db")" app >"$E2E_WORK/reference.app"
# The reference holds each kind of object the comparison is about (else equality proves nothing).
for fact in "collation case_blind provider=i" "collation bytes provider=c" \
  "operator <|(integer,integer) code=abs_lt" "operator family abs_hash_ops using=hash" \
  "1:bigint:bigint:abs_hash8(bigint)" "operator class abs_ops using=btree" \
  "aggregate sum_abs(integer)" "aggregate moving_sum_abs(integer)" "aggregate row_count()" \
  "aggregate largest(integer)" "sortop=>(integer,integer)" "aggregate pick(double precision,anyelement)" \
  "cast (integer AS level) function=level_of(integer) context=a" "cast (level AS character varying)" \
  "text search parser words" "text search template plain" "text search dictionary plain_english" \
  "text search configuration notes parser=words" "text search configuration titles" \
  "conversion latin1_to_utf8" "rule measures.log_insert enabled=O comment=keeps a log" \
  "rule measure_log.keep_log enabled=D" "column measures.label text collation=case_blind" \
  "USING btree (reading abs_ops)" "to_tsvector('notes'::regconfig"; do
  grep -qF -- "$fact" "$E2E_WORK/reference.app" ||
    { show_file reference "$E2E_WORK/reference.app"; fail "the reference lacks '$fact'"; }
done

cat >"$E2E_WORK/pgsplit.yaml" <<'YAML'
source:
  url: ${OBJ_SOURCE_URL}
  schemas: [app, legacy, other]
targets:
  measures:
    url: ${OBJ_MEASURES_URL}
    create_database: true
    tables: [app.measures, app.measure_log]
  other:
    url: ${OBJ_OTHER_URL}
    create_database: true
    tables: [other.notes]
YAML
db_name measures; measures_db=$E2E_DB
db_name other; other_db=$E2E_DB
export OBJ_MEASURES_URL OBJ_OTHER_URL
OBJ_MEASURES_URL=$(db_url "$measures_db")
OBJ_OTHER_URL=$(db_url "$other_db")

expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
cat "$E2E_OUT" "$E2E_ERR" >"$E2E_WORK/plan.txt"
sed -n '/^left behind in the source:/,$p' "$E2E_WORK/plan.txt" >"$E2E_WORK/left_behind.txt"
for left in "collation legacy.unused" "operator legacy.~~~(text, text)" \
  "text search configuration legacy.unused" "cast (legacy.mood AS text)" \
  "conversion legacy.latin2_to_utf8" "aggregate legacy.total(numeric)"; do
  expect_contains "$E2E_WORK/left_behind.txt" "$left" "the plan's left-behind list"
done
expect_not_contains "$E2E_WORK/left_behind.txt" "collation app.case_blind" "the plan's left-behind list"
expect_in_section "$E2E_WORK/plan.txt" measures "objects:" "collation app.case_blind"
expect_in_section "$E2E_WORK/plan.txt" measures "operator class app.abs_ops"
target_section "$E2E_WORK/plan.txt" other >"$E2E_WORK/other.section"
expect_not_contains "$E2E_WORK/other.section" "objects:" "target other's section"
ok "the plan lists each target's objects, and those of schema legacy that no target needs as left behind"

# As a role that may create databases but is not a superuser: PostgreSQL would refuse it the
# operator class and family and the text search parser and template. The plan says so for
# target measures (exit 2, nothing created), and not for target other, which needs none.
stranger=pgsplit_e2e_objects_$$
create_login_role "$stranger" "Obj-pw-$$" CREATEDB
sandbox_host_port
OBJ_MEASURES_URL="postgresql://$stranger:Obj-pw-$$@$host:$port/$measures_db" \
  OBJ_OTHER_URL="postgresql://$stranger:Obj-pw-$$@$host:$port/$other_db" \
  expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_line_with "$E2E_OUT" "error" "(target measures)" "operator class app.abs_ops" \
  "can only be created by a superuser"
expect_line_with "$E2E_OUT" "error" "(target measures)" "text search parser app.words"
grep "^error" "$E2E_OUT" >"$E2E_WORK/stranger.errors" || true
expect_not_contains "$E2E_WORK/stranger.errors" "(target other)" "the plan's errors"
expect_no_database "$measures_db"
ok "as a CREATEDB role that is not a superuser: the plan names the objects only a superuser may create (exit 2)"

expect_exit 0 "$PGSPLIT_BIN" apply -c "$E2E_WORK/pgsplit.yaml" -q
report "$(db_url "$measures_db")" app >"$E2E_WORK/measures.app"
if ! diff -u "$E2E_WORK/reference.app" "$E2E_WORK/measures.app" >"$E2E_WORK/measures.diff"; then
  show_file "difference from pg_dump's restore" "$E2E_WORK/measures.diff"
  fail "schema app of target measures differs from the reference"
fi
ok "target measures: collations, operators, classes, families, aggregates, casts, text search objects, conversion and rules equal pg_dump's"

# The other target needs none of them: it has no user collation, operator, cast … at all.
count_user_objects() {
  psql_at "$1" -c "SELECT (SELECT count(*) FROM pg_collation WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_operator WHERE oid >= 16384) + (SELECT count(*) FROM pg_opclass WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_opfamily WHERE oid >= 16384) + (SELECT count(*) FROM pg_cast WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_ts_config WHERE oid >= 16384) + (SELECT count(*) FROM pg_ts_dict WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_ts_parser WHERE oid >= 16384) + (SELECT count(*) FROM pg_ts_template WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_conversion WHERE oid >= 16384) + (SELECT count(*) FROM pg_aggregate WHERE aggfnoid >= 16384)
    + (SELECT count(*) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE c.relkind = 'r')"
}
expect_eq "$(count_user_objects "$(db_url "$other_db")")" "0" "user-defined objects in target other"
expect_eq "$(psql_at "$(db_url "$other_db")" -c "SELECT count(*) FROM pg_namespace WHERE nspname IN ('app', 'legacy')")" \
  "0" "schemas app and legacy in target other"
ok "target other gets none of them"

# The objects work: rows arrived; the rule logs a new row; the case-blind collation, the
# operator class and the text search configuration answer as in the source.
measures_url=$(db_url "$measures_db")
expect_eq "$(psql_at "$measures_url" -c "SELECT count(*) FROM app.measure_log")" "50" "rows of app.measure_log"
psql_at "$measures_url" -c "INSERT INTO app.measures (id, reading, body) VALUES (51, -51, 'fresh notes')" >/dev/null
expect_eq "$(psql_at "$measures_url" -c "SELECT count(*) FROM app.measure_log")" "51" "rows of app.measure_log after an insert"
expect_eq "$(psql_at "$measures_url" -c "SELECT count(*) FROM app.measures WHERE label = 'LABEL 7'")" "1" "case-blind match"
expect_eq "$(psql_at "$measures_url" -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM app.measures WHERE reading OPERATOR(app.<|) 4")" \
  "1,2,3" "rows below 4 in absolute value"
expect_eq "$(psql_at "$measures_url" -c "SELECT document::text FROM app.measures WHERE id = 51")" \
  "$(psql_at "$OBJ_SOURCE_URL" -c "SELECT to_tsvector('app.notes', 'fresh notes')::text")" "the generated tsvector"
expect_eq "$(psql_at "$measures_url" -c "SELECT total || '/' || n || '/' || top FROM app.measure_totals")" \
  "1326/51/49" "the aggregates' view"
ok "in target measures the rule, the collation, the operator class, the text search configuration and the aggregates work"
