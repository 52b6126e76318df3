#!/usr/bin/env bash
# The liquibase stamp, proven by Liquibase itself (its npm package ships the distribution, run on
# the machine's Java): Liquibase updates a monolith from a formatted SQL changelog and from a YAML
# changelog (with its own changelog tables), pgsplit splits it into a new database with two
# liquibase stamps, and then `liquibase status` on the target finds both changelogs up to date,
# and `liquibase update` applies a changeset written afterwards without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/node_tools.bash"
node_stamp_begin stamp_real_liquibase
command -v java >/dev/null || fail "Liquibase needs Java (apt-get install default-jre-headless)"
lb_home=$NODE_TOOLS_DIR/node_modules/liquibase/dist/liquibase
[[ -x $lb_home/liquibase ]] || fail "the liquibase package has no program at $lb_home/liquibase"
mkdir -p "$project/db"
cat >"$project/db/changelog.sql" <<'SQL'
--liquibase formatted sql

--changeset alice:1
--comment: the users
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
--rollback DROP TABLE users;

--changeset alice:2 labels:orders context:prod
CREATE TABLE orders (id serial PRIMARY KEY, user_id integer REFERENCES users (id), total integer);
SQL
cat >"$project/db/catalog.yaml" <<'YAML'
databaseChangeLog:
  - changeSet:
      id: catalog-1
      author: bob
      changes:
        - createTable:
            tableName: products
            columns:
              - column: {name: id, type: int, constraints: {primaryKey: true}}
              - column: {name: title, type: varchar(100)}
YAML

# liquibase DB CHANGELOG [TABLE] COMMAND…: Liquibase with the project's db/ as search path;
# TABLE, when not "-", is the changelog table (its lock table is TABLE + "lock").
liquibase() {
  local db=$1 changelog=$2 table=$3
  local args=(--url="$(jdbc_url "$db")" --search-path="$project/db" --changelog-file="$changelog"
              --show-banner=false --log-level=WARNING)
  if [[ $table != - ]]; then
    args+=(--database-changelog-table-name="$table" --database-changelog-lock-table-name="${table}lock")
  fi
  run_cmd "$lb_home/liquibase" "${args[@]}" "${@:4}"
  [[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "liquibase ${*:4} ($changelog) on $db"; }
}

liquibase "$mono" changelog.sql - update
liquibase "$mono" catalog.yaml catalog_changelog update
psql_at "$(db_url "$mono")" -c "INSERT INTO users (email) VALUES ('a@example.com');
  INSERT INTO orders (user_id, total) VALUES (1, 10); INSERT INTO products VALUES (1, 'x')" >/dev/null
expect_sql "$mono" "SELECT count(*) FROM databasechangelog" "2"
ok "liquibase updates the monolith from a formatted SQL and a YAML changelog"

split_with_stamp "$mono" "$target" \
  "liquibase: {version: latest, changelog: db/changelog.sql}
      - liquibase: {table: catalog_changelog, version: latest, changelog: db/catalog.yaml}" \
  "[databasechangelog, databasechangeloglock, catalog_changelog, catalog_changeloglock]" \
  users orders products
expect_sql "$target" "SELECT count(*) FROM orders" "1"
expect_sql "$target" \
  "SELECT string_agg(concat_ws(' ', id, author, filename, orderexecuted, exectype, coalesce(md5sum, 'null'), labels, contexts), ',' ORDER BY orderexecuted) FROM databasechangelog" \
  "1 alice changelog.sql 1 EXECUTED null,2 alice changelog.sql 2 EXECUTED null orders prod"
expect_sql "$target" "SELECT id || ' ' || author || ' ' || filename FROM catalog_changelog" \
  "catalog-1 bob catalog.yaml"
expect_sql "$target" "SELECT id || ' ' || locked FROM catalog_changeloglock" "1 false"
ok "the target holds the data and both changelog tables (md5sum left NULL)"

expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml"
expect_contains "$E2E_OUT" "(2 rows, already up to date)"
expect_contains "$E2E_OUT" "(1 row, already up to date)"
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml" --dry-run
expect_contains "$E2E_OUT" "'catalog-1', 'bob', 'catalog.yaml'"
ok "a second stamp changes nothing; --dry-run shows the rows"

liquibase "$target" changelog.sql - status --verbose
expect_contains "$E2E_OUT" "is up to date"
liquibase "$target" catalog.yaml catalog_changelog status --verbose
expect_contains "$E2E_OUT" "is up to date"
ok "liquibase status on the target: both changelogs are up to date"

cat >>"$project/db/changelog.sql" <<'SQL'

--changeset alice:3
ALTER TABLE users ADD COLUMN name text;
SQL
liquibase "$target" changelog.sql - update
expect_sql "$target" "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'" "1"
expect_sql "$target" "SELECT string_agg(id || ':' || (md5sum IS NOT NULL), ',' ORDER BY orderexecuted) FROM databasechangelog" \
  "1:true,2:true,3:true"
ok "liquibase applies the new changeset on the target (and fills in the md5sums)"
