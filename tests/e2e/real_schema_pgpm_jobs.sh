#!/usr/bin/env bash
# A second real schema, not written here: the job queue of the npm package @pgpm/database-jobs
# (0.16.0, sql/pgpm-database-jobs--0.15.3.sql: schema app_jobs, 3 tables, 20 PL/pgSQL
# functions, 7 triggers, defaults calling pgcrypto's gen_random_uuid(), grants to its role
# `administrator` and ALTER DEFAULT PRIVILEGES on its functions), fetched with npm at run time.
# It is loaded by a role of its own (its owner) and split in two: the queue (jobs, job_queues,
# whose triggers keep each other's counts) and the scheduler (scheduled_jobs). The package has
# no row-level security (real_schema_icinga.sh covers policies).
#
# pg_dump -t cannot be restored on its own here (the tables need their schema and their trigger
# functions), so each target's reference is the restore of `pg_dump --schema-only -n app_jobs`
# less what the target does not get: the other target's tables (DROP TABLE) and the functions
# the plan does not give it. Compared (support/fidelity.bash): tables, columns, sequences,
# indexes, constraints, triggers, functions (definition, owner, ACL), the schema's owner, ACL
# and default privileges. Then `pgsplit verify --checksums` passes. Two runs, as
# docs/security.md promises:
#   (a) as a superuser: identical;
#   (b) as a CREATEDB role that is not a member of the owner role: the plan warns; the objects
#       belong to the connecting role, the rest is identical, and verify passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/node_tools.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/fidelity.bash"
e2e_begin real_schema_pgpm_jobs --server

node_package_extract @pgpm/database-jobs@0.16.0
schema_sql=$NODE_PACKAGE_ROOT/sql/pgpm-database-jobs--0.15.3.sql
[[ -f $schema_sql ]] || fail "@pgpm/database-jobs 0.16.0 does not ship $schema_sql"

prefix="pgsplit_jobs_$$"
owner=${prefix}_owner stranger=${prefix}_stranger
password="jobs$$"
E2E_ROLES+=("$owner")
psql_at "$PGSPLIT_TEST_URL" -c "CREATE ROLE \"$owner\" NOLOGIN" >/dev/null
# The schema grants to a role of this fixed name; made here when the cluster lacks it (and
# dropped at exit only then).
if [[ $(psql_at "$PGSPLIT_TEST_URL" -c "SELECT count(*) FROM pg_roles WHERE rolname = 'administrator'") == 0 ]]; then
  E2E_ROLES+=(administrator)
  psql_at "$PGSPLIT_TEST_URL" -c "CREATE ROLE administrator NOLOGIN" >/dev/null
fi
create_login_role "$stranger" "$password" CREATEDB
sandbox_host_port

db_name src; source_db=$E2E_DB
create_db "$source_db"
export JOBS_SOURCE_URL; JOBS_SOURCE_URL=$(db_url "$source_db")
psql_at "$JOBS_SOURCE_URL" >/dev/null <<SQL
CREATE EXTENSION pgcrypto;
CREATE EXTENSION "uuid-ossp";
GRANT CREATE ON DATABASE "$source_db" TO "$owner";
SQL
# The file is an extension script: its first line stops psql unless CREATE EXTENSION runs it.
# Loaded as the owner role, the way a migration tool would.
{ echo "SET ROLE \"$owner\";"; tail -n +2 "$schema_sql"; } |
  psql_at "$JOBS_SOURCE_URL" >"$E2E_WORK/source.log" 2>&1 ||
  { show_file source "$E2E_WORK/source.log"; fail "loading $schema_sql"; }
psql_at "$JOBS_SOURCE_URL" >/dev/null <<'SQL' || fail "adding jobs through the package's functions"
SELECT app_jobs.add_job(gen_random_uuid(), 'send_mail', json_build_object('to', i), queue_name => 'mail')
  FROM generate_series(1, 40) i;
SELECT app_jobs.add_job(gen_random_uuid(), 'resize', '{}'::json) FROM generate_series(1, 10);
SELECT app_jobs.add_scheduled_job(gen_random_uuid(), 'report', '{}'::json,
                                  json_build_object('hour', ARRAY[i]))
  FROM generate_series(0, 5) i;
SQL
expect_eq "$(psql_at "$JOBS_SOURCE_URL" -c "SELECT count(*) FROM app_jobs.jobs")" "50" "jobs added"
ok "source: the package's schema, loaded by its owner role, with jobs added through its functions"

cat >"$E2E_WORK/pgsplit.yaml" <<'YAML'
source:
  url: ${JOBS_SOURCE_URL}
  schemas: [app_jobs]
targets:
  queue:
    url: ${JOBS_QUEUE_URL}
    create_database: true
    tables: [jobs, job_queues]
  scheduler:
    url: ${JOBS_SCHEDULER_URL}
    create_database: true
    tables: [scheduled_jobs]
YAML
targets=(queue scheduler)

db_name ref; reference_db=$E2E_DB
create_db "$reference_db"
psql_at "$(db_url "$reference_db")" -c 'CREATE EXTENSION pgcrypto; CREATE EXTENSION "uuid-ossp"' >/dev/null
pg_dump --schema-only -n app_jobs -d "$JOBS_SOURCE_URL" -f "$E2E_WORK/reference.sql" ||
  fail "pg_dump of the source"

declare -A target_db # by target name, set by fidelity_split

# reference RUN TARGET: pg_dump's restore of the whole schema, less the tables of the other
# target (CASCADE: with their triggers, and the functions returning their rows) and the
# functions the plan does not give TARGET (a function the target has would show as missing); its report in RUN.TARGET.reference.
reference() {
  local run=$1 name=$2
  db_name "${run}_ref_$name"; local db=$E2E_DB
  create_db "$db"
  psql_at "$(db_url "$db")" -c 'CREATE EXTENSION pgcrypto; CREATE EXTENSION "uuid-ossp"' >/dev/null
  psql_at "$(db_url "$db")" -f "$E2E_WORK/reference.sql" >"$E2E_WORK/restore.log" 2>&1 ||
    { show_file restore "$E2E_WORK/restore.log"; fail "restoring pg_dump's output"; }
  local tables functions
  tables=$(json_query "$E2E_WORK/$run.plan.json" \
    "','.join(repr(t['source']) for x in doc['targets'] if x['name'] == '$name' for t in x['tables'])")
  functions=$(json_query "$E2E_WORK/$run.plan.json" \
    "','.join(repr(f['name'] + '(' + f['arguments'] + ')') for x in doc['targets'] if x['name'] == '$name' for f in x['functions'])")
  psql_at "$(db_url "$db")" >"$E2E_WORK/trim.log" 2>&1 <<SQL ||
SELECT format('DROP TABLE %s CASCADE', c.oid::regclass) FROM pg_class c
 WHERE c.relnamespace = 'app_jobs'::regnamespace AND c.relkind = 'r'
   AND c.oid::regclass::text NOT IN (${tables:-''}) \gexec
SELECT format('DROP FUNCTION %s', p.oid::regprocedure) FROM pg_proc p
 WHERE p.pronamespace = 'app_jobs'::regnamespace
   AND p.pronamespace::regnamespace::text || '.' || p.proname || '('
       || pg_get_function_identity_arguments(p.oid) || ')' NOT IN (${functions:-''}) \gexec
SQL
    { show_file trim "$E2E_WORK/trim.log"; fail "trimming the reference to target $name"; }
  fidelity_report "$(db_url "$db")" app_jobs >"$E2E_WORK/$run.$name.reference"
}

# compare RUN TARGET [SED]: the target's schema report equals its reference's (after SED).
compare() {
  local run=$1 name=$2 actual=$E2E_WORK/$1.$2
  fidelity_report "$(db_url "${target_db[$name]}")" app_jobs >"$actual.report"
  fidelity_compare "$run, target $name" "$E2E_WORK/$run.$name.reference" "$actual.report" "${3:-}"
}

# (a) superuser
fidelity_split super "" "$E2E_WORK/pgsplit.yaml" JOBS
expect_not_contains "$E2E_WORK/super.plan" "$owner" "plan warnings as a superuser"
for name in "${targets[@]}"; do
  reference super "$name"
done
# The references hold each kind of fact the comparison is about.
for fact in "schema app_jobs owner=$owner" "administrator=U/$owner" \
  "relation jobs kind=r owner=$owner" "administrator=arwd/$owner" \
  "default privileges $owner f" "trigger CREATE TRIGGER _500_increase_job_queue_count_on_insert" \
  "function app_jobs.tg_increase_job_queue_count() owner=$owner" \
  "constraint app_jobs.jobs jobs_pkey PRIMARY KEY (id)"; do
  grep -qF -- "$fact" "$E2E_WORK/super.queue.reference" ||
    { show_file reference "$E2E_WORK/super.queue.reference"; fail "the queue reference lacks '$fact'"; }
done
grep -qF "trigger CREATE TRIGGER _900_notify_scheduled_job" "$E2E_WORK/super.scheduler.reference" ||
  fail "the scheduler reference lacks its trigger"
for name in "${targets[@]}"; do
  compare super "$name"
done
# COPY fires no trigger twice: the counts the triggers keep are the source's (40 mail jobs).
expect_eq "$(psql_at "$(db_url "${target_db[queue]}")" -c "SELECT string_agg(queue_name || '=' || job_count, ',') FROM app_jobs.job_queues")" \
  "mail=40" "the queue's counts, kept by its triggers"
ok "(a) as a superuser: each target equals pg_dump's restore of its part (owners, ACLs, default privileges, triggers, functions)"

# (b) a CREATEDB role that is not a member of the owner role.
fidelity_split stranger "$stranger" "$E2E_WORK/pgsplit.yaml" JOBS
expect_line_with "$E2E_WORK/stranger.plan" "warning" "role $owner owns" "may not assign objects to it"
for name in "${targets[@]}"; do
  reference stranger "$name"
  # What pg_restore --no-owner gives: the connecting role owns the objects, with the same
  # grants; the owner's default privileges cannot be set for it.
  compare stranger "$name" "s/$owner/$stranger/g; /^default privileges /d"
done
ok "(b) as a CREATEDB role: the plan warns; objects are the connecting role's, grants, triggers and functions equal pg_dump's; verify passes"
