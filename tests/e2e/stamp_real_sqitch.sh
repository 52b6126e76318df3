#!/usr/bin/env bash
# sqitch: pgsplit does not write Sqitch's registry (docs/stamping.md, "sqitch"); a `sqitch:`
# stamp entry is a mapping error at its line. What the docs say to do instead is proven with
# Sqitch itself (Debian's sqitch and libdbd-pg-perl): a project deployed to a monolith, split
# by pgsplit without a stamp, then `sqitch deploy --log-only` on the target records every change
# without running it; `sqitch status` reports nothing to deploy, and a change added afterwards
# deploys without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/real_tools.bash"
e2e_begin stamp_real_sqitch --server

real_tool_install "sqitch --version && perl -MDBD::Pg -e 1" sqitch libdbd-pg-perl
real_tools_databases
export SQITCH_FULLNAME="pgsplit e2e" SQITCH_EMAIL="e2e@pgsplit.invalid"
export SQITCH_USER_CONFIG=$E2E_WORK/sqitch-user.conf SQITCH_SYSTEM_CONFIG=$E2E_WORK/sqitch-system.conf
sqitch_target() { echo "db:${1/postgresql:/pg:}"; }
project=$E2E_WORK/project
mkdir -p "$project"
sq() { (cd "$project" && sqitch "$@"); }

real_tools_run init sq init shelf --engine pg
# add_change NAME DEPLOY_SQL REVERT_SQL [-r REQUIRED]
add_change() {
  real_tools_run "add-$1" sq add "$1" -n "add $1" "${@:4}"
  printf 'BEGIN;\n%s\nCOMMIT;\n' "$2" >"$project/deploy/$1.sql"
  printf 'BEGIN;\n%s\nCOMMIT;\n' "$3" >"$project/revert/$1.sql"
  printf 'SELECT 1;\n' >"$project/verify/$1.sql"
}
add_change books "CREATE TABLE books (id serial PRIMARY KEY, title text);" "DROP TABLE books;"
add_change loans "CREATE TABLE loans (book_id int REFERENCES books (id));" "DROP TABLE loans;" -r books
real_tools_run tag sq tag v1.0 -n "first release"
ok "a Sqitch project with two changes and a tag"

real_tools_run deploy-monolith sq deploy "$(sqitch_target "$MONOLITH_URL")"
psql_at "$MONOLITH_URL" -c "INSERT INTO books (title) VALUES ('Dune'); INSERT INTO loans VALUES (1)"
ok "sqitch deploy migrated the monolith"

cat >"$E2E_WORK/mapping.yaml" <<'YAML'
source:
  url: ${MONOLITH_URL}
  schemas: [public]
targets:
  library:
    url: ${TARGET_URL}
    create_database: true
    tables: [books, loans]
    stamp:
      - sqitch: {plan_file: project/sqitch.plan}
YAML
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/mapping.yaml"
expect_contains "$E2E_ERR" "mapping.yaml:10:9"
expect_contains "$E2E_ERR" "pgsplit does not write Sqitch's registry"
expect_contains "$E2E_ERR" "sqitch deploy --log-only"
ok "a sqitch stamp entry is a mapping error at its line, pointing at sqitch deploy --log-only"

sed -i '/stamp:/,$d' "$E2E_WORK/mapping.yaml"
expect_exit 0 "$PGSPLIT_BIN" apply -c "$E2E_WORK/mapping.yaml"
ok "pgsplit apply split the monolith (no stamp)"

real_tools_run log-only sq deploy --log-only "$(sqitch_target "$TARGET_URL")"
real_tools_run status-target sq status "$(sqitch_target "$TARGET_URL")"
expect_contains "$E2E_WORK/status-target.out" "Nothing to deploy (up-to-date)"
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT count(*) FROM loans")" "1" "the copied rows, untouched"
ok "sqitch deploy --log-only records the changes on the target; sqitch status: nothing to deploy"

add_change returns "ALTER TABLE loans ADD COLUMN returned boolean NOT NULL DEFAULT false;" \
  "ALTER TABLE loans DROP COLUMN returned;" -r loans
real_tools_run deploy-target sq deploy "$(sqitch_target "$TARGET_URL")"
expect_contains "$E2E_WORK/deploy-target.out" "+ returns"
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT returned FROM loans")" "f" "the new column on the copied rows"
ok "a change added after the split deploys on the target"
