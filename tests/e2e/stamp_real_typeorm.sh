#!/usr/bin/env bash
# The typeorm stamp, proven by TypeORM's CLI itself: it runs the JavaScript migrations of a
# data source (no TypeScript compilation) on a monolith, pgsplit splits it into a new database
# with the stamp (a custom migrationsTableName), and then TypeORM, on the target, shows every
# migration as executed, and runs a migration written afterwards without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/node_tools.bash"
node_stamp_begin stamp_real_typeorm
mkdir -p "$project/migrations"
cat >"$project/datasource.js" <<'JS'
const { DataSource } = require('typeorm');
module.exports = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  migrations: [__dirname + '/migrations/*.js'],
  migrationsTableName: 'typeorm_history',
});
JS
cat >"$project/migrations/1700000000001-CreateUsers.js" <<'JS'
module.exports = class CreateUsers1700000000001 {
  async up(queryRunner) {
    await queryRunner.query('CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)');
  }
  async down(queryRunner) { await queryRunner.query('DROP TABLE users'); }
};
JS
# A `name` property is what TypeORM records, not the class name; SQL that sets a column called
# name must not be taken for it.
cat >"$project/migrations/1700000000002-CreateOrders.js" <<'JS'
module.exports = class OrdersMigration1700000000002 {
  name = 'CreateOrders1700000000002';
  async up(queryRunner) {
    await queryRunner.query(
      'CREATE TABLE orders (id serial PRIMARY KEY, user_id integer REFERENCES users (id), total integer)');
    await queryRunner.query("UPDATE users SET email = lower(email) WHERE email = 'name'");
  }
  async down(queryRunner) { await queryRunner.query('DROP TABLE orders'); }
};
JS

typeorm() {
  DATABASE_URL=$(db_url "$1") run_cmd env -C "$project" "$NODE_TOOLS_BIN/typeorm" "${@:2}" \
    -d "$project/datasource.js"
}

typeorm "$mono" migration:run
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "typeorm migration:run on the monolith"; }
expect_contains "$E2E_OUT" "Migration CreateOrders1700000000002 has been executed successfully."
psql_at "$(db_url "$mono")" -c "INSERT INTO users (email) VALUES ('a@example.com');
  INSERT INTO orders (user_id, total) VALUES (1, 10)" >/dev/null
ok "typeorm migrates the monolith (2 migrations)"

split_with_stamp "$mono" "$target" \
  "typeorm: {table: typeorm_history, version: latest, migrations_dir: migrations}" \
  "[typeorm_history]" users orders
expect_sql "$target" "SELECT count(*) FROM orders" "1"
expect_sql "$target" "SELECT string_agg(timestamp || ' ' || name, ',' ORDER BY id) FROM typeorm_history" \
  "1700000000001 CreateUsers1700000000001,1700000000002 CreateOrders1700000000002"
ok "the target holds the data and typeorm_history"

expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml"
expect_contains "$E2E_OUT" "(2 rows, already up to date)"
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml" --dry-run
expect_contains "$E2E_OUT" "INSERT INTO \"typeorm_history\" (\"timestamp\", \"name\") VALUES ('1700000000002', 'CreateOrders1700000000002');"
ok "a second stamp changes nothing; --dry-run shows the rows"

typeorm "$target" migration:show
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "typeorm migration:show on the target (exit $E2E_STATUS)"; }
expect_contains "$E2E_OUT" "[X] 1 CreateUsers1700000000001"
expect_contains "$E2E_OUT" "[X] 2 CreateOrders1700000000002"
expect_not_contains "$E2E_OUT" "[ ]"
ok "typeorm migration:show on the target: every migration executed"

cat >"$project/migrations/1700000000003-AddUserName.js" <<'JS'
module.exports = class AddUserName1700000000003 {
  async up(queryRunner) { await queryRunner.query('ALTER TABLE users ADD COLUMN name text'); }
  async down(queryRunner) { await queryRunner.query('ALTER TABLE users DROP COLUMN name'); }
};
JS
typeorm "$target" migration:run
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "typeorm migration:run on the target"; }
expect_contains "$E2E_OUT" "Migration AddUserName1700000000003 has been executed successfully."
expect_not_contains "$E2E_OUT" "Migration CreateUsers1700000000001 has been"
expect_sql "$target" "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'" "1"
ok "typeorm runs the new migration on the target, and only that one"
