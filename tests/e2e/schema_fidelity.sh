#!/usr/bin/env bash
# Each target gets what pg_dump would carry for its tables: owners, privileges (schema, table,
# column, sequence, function, type, default privileges), row-level security (ENABLE, FORCE,
# every policy with its roles, expressions and comment), storage parameters (table, TOAST,
# index), column statistics targets, STORAGE and COMPRESSION, CLUSTER ON, replica identity,
# view options and column comments, trigger modes and comments, extended statistics; an unpopulated materialized
# view stays unpopulated. The plan lists the mapped schema's objects no target needs and the
# large object no target gets. The reference is not pgsplit: `pg_dump --schema-only -n app -n billing` of
# the source (fixtures/fidelity/source.sql, where each schema holds exactly what one target
# needs) restored into a scratch database; each target is compared with it by catalog queries
# (fixtures/fidelity/catalog_report.sql). Three runs, with the outcomes docs/security.md
# promises:
#   (a) pgsplit connects to the targets as a superuser: identical to the reference;
#   (b) as a CREATEDB role that is a member of the owner role, into databases it owns in which
#       the owner role may create (what a managed service's admin role can set up): identical;
#   (c) as a CREATEDB role that is not a member: the plan warns, names the role and the fix;
#       the objects belong to the connecting role and everything else is identical.
# `pgsplit verify` passes after (a) and after the split with owners: connecting_role and
# privileges: none (in (b) and (c) the FORCEd policies apply to pgsplit's role: docs/security.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/fidelity.bash"
e2e_begin schema_fidelity --server

fixtures=$PGSPLIT_SOURCE_DIR/tests/e2e/fixtures/fidelity
prefix="pgsplit_fid_$$"
owner=${prefix}_owner reader=${prefix}_reader writer=${prefix}_writer
member=${prefix}_member stranger=${prefix}_stranger
password="fidelity$$"
for role in "$owner" "$reader" "$writer"; do
  E2E_ROLES+=("$role")
  psql_at "$PGSPLIT_TEST_URL" -c "CREATE ROLE \"$role\" NOLOGIN" >/dev/null
done
create_login_role "$member" "$password" CREATEDB
create_login_role "$stranger" "$password" CREATEDB
psql_at "$PGSPLIT_TEST_URL" -c "GRANT \"$owner\" TO \"$member\"" >/dev/null
sandbox_host_port

db_name src; source_db=$E2E_DB
create_db "$source_db"
psql_at "$(db_url "$source_db")" -v owner="$owner" -v reader="$reader" -v writer="$writer" \
  -f "$fixtures/source.sql" >"$E2E_WORK/source.log" 2>&1 ||
  { show_file source "$E2E_WORK/source.log"; fail "loading the fidelity source"; }
export FID_SOURCE_URL; FID_SOURCE_URL=$(db_url "$source_db")

db_name ref; reference_db=$E2E_DB
create_db "$reference_db"
pg_dump --schema-only -n app -n billing -d "$FID_SOURCE_URL" -f "$E2E_WORK/reference.sql" ||
  fail "pg_dump of the source"
psql_at "$(db_url "$reference_db")" -f "$E2E_WORK/reference.sql" >"$E2E_WORK/reference.log" 2>&1 ||
  { show_file restore "$E2E_WORK/reference.log"; fail "restoring pg_dump's output"; }
ok "source loaded; pg_dump --schema-only of it restored as the reference"

for schema in app billing; do
  fidelity_report "$(db_url "$reference_db")" "$schema" >"$E2E_WORK/reference.$schema"
done
grep -q "policy app.documents not_empty permissive=false" "$E2E_WORK/reference.app" ||
  { show_file reference "$E2E_WORK/reference.app"; fail "the reference lacks the restrictive policy"; }
grep -q "default privileges $owner r" "$E2E_WORK/reference.app" ||
  fail "the reference lacks the default privileges"
# The reference holds each kind of fact the comparison is about (else equality proves nothing).
for fact in "schema app owner=$owner" "$reader=r/$owner" "$writer=rw/$owner" "rls=true/true" \
  "populated=false" "options={fillfactor=80" "toast={autovacuum_enabled=false}" \
  "statistics=400" "storage=e" "compression=p" "clustered=true" "replica_identity=f" \
  "WITH (fillfactor='60')" "enabled=R comment=fires on replicas only" "enabled=A" \
  "options={security_barrier=true,check_option=local}" "options={security_invoker=true}" \
  "comment=as entered" "function app.current_tenant() owner=$owner" \
  "extended statistics CREATE STATISTICS app.accounts_tenant_status (ndistinct, dependencies)"; do
  grep -qF -- "$fact" "$E2E_WORK/reference.app" ||
    { show_file reference "$E2E_WORK/reference.app"; fail "the reference lacks '$fact'"; }
done

cat >"$E2E_WORK/pgsplit.yaml" <<'YAML'
source:
  url: ${FID_SOURCE_URL}
  schemas: [app, billing, legacy]
targets:
  accounts:
    url: ${FID_ACCOUNTS_URL}
    create_database: true
    tables: [app.accounts, app.documents]
  billing:
    url: ${FID_BILLING_URL}
    create_database: true
    tables: [billing.invoices]
YAML

# target_url ROLE DB: the URL of DB for ROLE (empty ROLE: the superuser of PGSPLIT_TEST_URL).
target_url() {
  if [[ -z $1 ]]; then db_url "$2"; else echo "postgresql://$1:$password@$host:$port/$2"; fi
}

# compare RUN TARGET_DB SCHEMA [SED]: the target's report equals the reference's (after SED).
compare() {
  local run=$1 schema=$3
  fidelity_report "$(db_url "$2")" "$schema" >"$E2E_WORK/$run.$schema"
  fidelity_compare "$run, schema $schema" "$E2E_WORK/reference.$schema" "$E2E_WORK/$run.$schema" "${4:-}"
}

# split RUN ROLE: apply with the targets reached as ROLE; sets accounts_db and billing_db.
split() {
  local run=$1 role=$2
  db_name "${run}_acc"; accounts_db=$E2E_DB
  db_name "${run}_bil"; billing_db=$E2E_DB
  export FID_ACCOUNTS_URL FID_BILLING_URL
  FID_ACCOUNTS_URL=$(target_url "$role" "$accounts_db")
  FID_BILLING_URL=$(target_url "$role" "$billing_db")
  expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
  cat "$E2E_OUT" "$E2E_ERR" >"$E2E_WORK/$run.plan"
  expect_exit 0 "$PGSPLIT_BIN" apply -c "$E2E_WORK/pgsplit.yaml" -q
}

# (a) superuser
split super ""
expect_not_contains "$E2E_WORK/super.plan" "$owner" "plan warnings as a superuser"
expect_line_with "$E2E_WORK/super.plan" "aggregate legacy.total(numeric)" "needed by no target"
expect_line_with "$E2E_WORK/super.plan" "function legacy.helper()" "needed by no target"
expect_line_with "$E2E_WORK/super.plan" "enum legacy.mood" "needed by no target"
expect_line_with "$E2E_WORK/super.plan" "warning" "the source holds 1 large object"
ok "(a) the plan lists what no target needs and the large object no target gets"
compare super "$accounts_db" app
compare super "$billing_db" billing
ok "(a) as a superuser: owners, privileges, policies, row-level security and the unpopulated materialized view equal pg_dump's"
expect_eq "$(psql_at "$(db_url "$accounts_db")" -c "SELECT count(*) FROM app.documents")" "150" "rows of app.documents"
ok "(a) every row copied into the table whose FORCEd policies hide them from its owner"
expect_exit 0 "$PGSPLIT_BIN" verify -c "$E2E_WORK/pgsplit.yaml" --checksums
expect_contains "$E2E_OUT" "verify OK"
ok "(a) verify --checksums passes: owners, privileges, default privileges and policies as carried"

# (b) a member of the owner role, into databases it owns where the owner may create schemas.
db_name member_acc; member_acc=$E2E_DB
db_name member_bil; member_bil=$E2E_DB
for database in "$member_acc" "$member_bil"; do
  psql_at "$PGSPLIT_TEST_URL" -c "CREATE DATABASE \"$database\" OWNER \"$member\" TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
  psql_at "$PGSPLIT_TEST_URL" -c "GRANT CREATE ON DATABASE \"$database\" TO \"$owner\"" >/dev/null
done
split member "$member"
expect_not_contains "$E2E_WORK/member.plan" "$owner" "plan warnings as a member of the owner role"
compare member "$member_acc" app
compare member "$member_bil" billing
ok "(b) as a non-superuser member of the owner role: equal to pg_dump's"

# (c) a role that may not assign objects to the owner role.
split stranger "$stranger"
expect_line_with "$E2E_WORK/stranger.plan" "warning" "role $owner owns" "may not assign objects to it"
expect_contains "$E2E_WORK/stranger.plan" "options.owners: connecting_role"
ok "(c) the plan warns that $owner cannot own the objects there, with the fix"
# What pg_restore --no-owner gives: the connecting role owns everything, with the same grants;
# the owner's default privileges cannot be set for it.
compare stranger "$accounts_db" app "s/$owner/$stranger/g; /^default privileges /d"
compare stranger "$billing_db" billing "s/$owner/$stranger/g; /^default privileges /d"
ok "(c) objects belong to the connecting role; privileges and policies equal pg_dump's"

# options.owners: connecting_role and options.privileges: none, as the superuser.
cat >>"$E2E_WORK/pgsplit.yaml" <<'YAML'
options:
  owners: connecting_role
  privileges: none
YAML
split plain ""
super_role=$(psql_at "$PGSPLIT_TEST_URL" -c "SELECT current_user")
expect_eq "$(psql_at "$(db_url "$accounts_db")" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND pg_get_userbyid(c.relowner) <> '$super_role'")" \
  "0" "relations of app not owned by the connecting role"
expect_eq "$(psql_at "$(db_url "$accounts_db")" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relacl IS NOT NULL")" \
  "0" "relations of app with privileges"
expect_eq "$(psql_at "$(db_url "$accounts_db")" -c "SELECT count(*) FROM pg_policy")" "3" "policies kept"
ok "options.owners: connecting_role and options.privileges: none leave owners and grants out, not policies"
expect_exit 0 "$PGSPLIT_BIN" verify -c "$E2E_WORK/pgsplit.yaml"
expect_contains "$E2E_OUT" "verify OK"
ok "verify expects the connecting role as owner and no grants under those options"
