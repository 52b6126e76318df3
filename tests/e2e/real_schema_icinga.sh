#!/usr/bin/env bash
# A real application's schema, not written here: Icinga 2's IDO database (Debian 12 package
# icinga2-ido-pgsql, /usr/share/icinga2-ido-pgsql/schema/pgsql.sql: 61 tables with bigserial
# keys, 140 indexes, SQL and PL/pgSQL functions), fetched from Debian at run time and split
# into three services (fixtures/real_schema/icinga_ido.yaml). The package is unpacked, not
# installed: its maintainer scripts would configure a database through dbconfig-common.
#
# The IDO schema has no owners, grants or policies of its own. Real grants and default
# privileges come with the second real schema (real_schema_pgpm_jobs.sh), but no Debian 12 or
# npm package we checked ships a PostgreSQL schema with row-level security policies (Debian:
# pdns-backend-pgsql, freeradius-postgresql, kamailio-postgres-modules, icinga2-ido-pgsql; npm:
# @supabase/stripe-sync-engine, @auth/supabase-adapter, supabase-test, @pgpm/database-jobs and
# @pgpm/services, which have grants only): fixtures/real_schema/icinga_access.sql, a separate
# file, adds them in a common deployment pattern (owner role, read and write roles, column
# grants, default privileges, tenant isolation by row-level security on a session setting).
#
# Each target is compared with the restore of `pg_dump --schema-only -t <its tables>` of the
# source (support/fidelity.bash): tables, columns, sequences, indexes, constraints, triggers,
# owners, ACLs, column ACLs, row-level security and policies; the schema's own facts (owner,
# ACL, default privileges) and the functions the target gets with the source's. Then `pgsplit
# verify --checksums` passes, and fails (exit 3) naming a policy, a grant and an owner changed
# in a target afterwards. Two runs, with the outcomes docs/security.md promises:
#   (a) pgsplit connects to the targets as a superuser: identical to the reference;
#   (b) as a CREATEDB role that is not a member of the owner role (a managed service's role):
#       the plan warns and names the fix; the objects belong to the connecting role (what
#       pg_restore --no-owner gives), everything else identical, and verify passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/real_tools.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/fidelity.bash"
e2e_begin real_schema_icinga --server

fixtures=$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/real_schema
real_package_extract icinga2-ido-pgsql
schema_sql=$REAL_PACKAGE_ROOT/usr/share/icinga2-ido-pgsql/schema/pgsql.sql
[[ -f $schema_sql ]] || fail "icinga2-ido-pgsql no longer ships $schema_sql"

prefix="pgsplit_ido_$$"
owner=${prefix}_owner reader=${prefix}_reader writer=${prefix}_writer stranger=${prefix}_stranger
password="ido$$"
for role in "$owner" "$reader" "$writer"; do
  E2E_ROLES+=("$role")
  psql_at "$PGSPLIT_TEST_URL" -c "CREATE ROLE \"$role\" NOLOGIN" >/dev/null
done
create_login_role "$stranger" "$password" CREATEDB
sandbox_host_port

db_name src; source_db=$E2E_DB
create_db "$source_db"
export REAL_SOURCE_URL; REAL_SOURCE_URL=$(db_url "$source_db")
for file in "$schema_sql" "$fixtures/icinga_access.sql" "$fixtures/icinga_rows.sql"; do
  psql_at "$REAL_SOURCE_URL" -v owner="$owner" -v reader="$reader" -v writer="$writer" \
    -f "$file" >"$E2E_WORK/source.log" 2>&1 ||
    { show_file "loading $(basename "$file")" "$E2E_WORK/source.log"; fail "loading $file"; }
done
expect_eq "$(psql_at "$REAL_SOURCE_URL" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" \
  "61" "tables of the IDO schema"
ok "source: Icinga's IDO schema, the separate access fixture and a few rows"
fidelity_report "$REAL_SOURCE_URL" public >"$E2E_WORK/source.public"

mapping=$E2E_WORK/icinga_ido.yaml
cp "$fixtures/icinga_ido.yaml" "$mapping"
targets=(config status history)

declare -A target_db # by target name, set by fidelity_split

# reference RUN TARGET: restores pg_dump --schema-only -t <the target's tables, from the plan>
# of the source into a scratch database; its report in $E2E_WORK/RUN.TARGET.reference.
reference() {
  local run=$1 name=$2 table
  local -a dump_args=()
  while IFS= read -r table; do
    dump_args+=(-t "$table")
  done < <(json_query "$E2E_WORK/$run.plan.json" \
    "'\n'.join(t['source'] for x in doc['targets'] if x['name'] == '$name' for t in x['tables'])")
  [[ ${#dump_args[@]} -ge 4 ]] || fail "the plan gives target $name fewer than 2 tables"
  db_name "${run}_ref_$name"; local reference_db=$E2E_DB
  create_db "$reference_db"
  pg_dump --schema-only "${dump_args[@]}" -d "$REAL_SOURCE_URL" -f "$E2E_WORK/$run.$name.sql" ||
    fail "pg_dump -t of target $name's tables"
  psql_at "$(db_url "$reference_db")" -f "$E2E_WORK/$run.$name.sql" >"$E2E_WORK/restore.log" 2>&1 ||
    { show_file restore "$E2E_WORK/restore.log"; fail "restoring pg_dump's output for $name"; }
  fidelity_report "$(db_url "$reference_db")" public >"$E2E_WORK/$run.$name.reference"
}

# compare RUN TARGET [SED [SCHEMA_SED]]: the target's tables and what hangs on them equal the
# reference's (after SED, which maps the expected facts to the run's roles); the facts of its
# schema (owner, ACL, default privileges) equal the source's (after SCHEMA_SED). The IDO's
# functions stay behind (no table needs them): the target has none.
compare() {
  local run=$1 name=$2 actual=$E2E_WORK/$1.$2
  fidelity_report "$(db_url "${target_db[$name]}")" public >"$actual.all"
  local schema_facts='^(schema|default privileges|function|type) '
  grep -vE "$schema_facts" "$actual.all" >"$actual.tables" || true
  grep -vE "$schema_facts" "$E2E_WORK/$run.$name.reference" >"$actual.reference-tables" || true
  fidelity_compare "$run, target $name, tables" "$actual.reference-tables" "$actual.tables" "${3:-}"
  grep -E "$schema_facts" "$actual.all" >"$actual.schema" || true
  grep -E '^(schema|default privileges) ' "$E2E_WORK/source.public" >"$actual.source" || true
  fidelity_compare "$run, target $name, schema public" "$actual.source" "$actual.schema" "${4:-}"
}

# The reference holds each kind of fact the comparison is about (else equality proves nothing).
fidelity_split super "" "$mapping" REAL
for name in "${targets[@]}"; do
  reference super "$name"
done
for fact in "policy icinga_objects readers_see_active permissive=false command=r roles=$reader" \
  "comment=dashboards hide deleted objects" "rls=true/false" "$reader=r/$owner" \
  "$writer=arwd/$owner" "owner=$owner" "relation icinga_objects_object_id_seq kind=S" \
  "index CREATE UNIQUE INDEX" "constraint icinga_objects pk_object_id PRIMARY KEY"; do
  grep -qF -- "$fact" "$E2E_WORK/super.config.reference" ||
    { show_file reference "$E2E_WORK/super.config.reference"; fail "the reference lacks '$fact'"; }
done
grep -qE "^column icinga_contacts\.alias .* acl=$reader=r/$owner " "$E2E_WORK/super.config.reference" ||
  fail "the reference lacks the column privilege"
grep -qF "policy icinga_statehistory instance_isolation" "$E2E_WORK/super.history.reference" ||
  fail "the history reference lacks its policy"
expect_not_contains "$E2E_WORK/super.plan" "$owner" "plan warnings as a superuser"
for function in "from_unixtime(bigint)" "unix_timestamp(timestamp without time zone)" \
  "updatedbversion(version_i text)"; do
  expect_line_with "$E2E_WORK/super.plan" "function public.$function" "needed by no target"
done
for name in "${targets[@]}"; do
  compare super "$name"
done
ok "(a) as a superuser: every target equals pg_dump -t of its tables (owners, ACLs, policies)"

# Tampered after apply: verify names each difference and exits 3.
config_url=$(db_url "${target_db[config]}")
psql_at "$config_url" >/dev/null <<SQL
ALTER POLICY readers_see_active ON public.icinga_objects USING (is_active = 2);
REVOKE SELECT ON public.icinga_hosts FROM "$reader";
ALTER TABLE public.icinga_services OWNER TO "$writer";
ALTER TABLE public.icinga_hostgroups ENABLE ROW LEVEL SECURITY;
SQL
psql_at "$(db_url "${target_db[history]}")" \
  -c "DROP POLICY instance_isolation ON public.icinga_statehistory" >/dev/null
expect_exit 3 "$PGSPLIT_BIN" verify -c "$mapping"
expect_line_with "$E2E_OUT" "public.icinga_objects" "policy readers_see_active" "(is_active = 2)"
expect_line_with "$E2E_OUT" "public.icinga_hosts" "SELECT granted to $reader" "missing in the target"
expect_line_with "$E2E_OUT" "public.icinga_services" "owned by $writer in the target, $owner expected"
expect_line_with "$E2E_OUT" "public.icinga_statehistory" "policy instance_isolation" "missing in the target"
expect_line_with "$E2E_OUT" "public.icinga_hostgroups" "row-level security is on in the target, off in the source"
expect_contains "$E2E_OUT" "mismatch"
ok "(a) verify exits 3 naming the changed policy, the revoked grant, the new owner, row-level security turned on, the dropped policy"

# (b) a CREATEDB role that is not a member of the owner role.
fidelity_split stranger "$stranger" "$mapping" REAL
expect_line_with "$E2E_WORK/stranger.plan" "warning" "role $owner owns" "may not assign objects to it"
expect_contains "$E2E_WORK/stranger.plan" "options.owners: connecting_role"
for name in "${targets[@]}"; do
  reference stranger "$name"
  # What pg_restore --no-owner gives: the connecting role owns the objects, with the same
  # grants; the owner's default privileges cannot be set for it.
  compare stranger "$name" "s/$owner/$stranger/g" "/^default privileges /d"
done
ok "(b) as a CREATEDB role: the plan warns; objects are the connecting role's, grants and policies equal pg_dump's; verify passes"
