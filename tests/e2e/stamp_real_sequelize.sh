#!/usr/bin/env bash
# The sequelize stamp, proven by sequelize-cli itself: it migrates a monolith, pgsplit splits it
# into a new database with the stamp, and then sequelize-cli, on the target, lists every
# migration as up, and applies a migration written afterwards without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/node_tools.bash"
node_stamp_begin stamp_real_sequelize
mkdir -p "$project/migrations"
cat >"$project/migrations/20240101120000-create-users.js" <<'JS'
'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true },
      email: { type: Sequelize.STRING, allowNull: false },
    });
  },
  async down(queryInterface) { await queryInterface.dropTable('users'); },
};
JS
cat >"$project/migrations/20240102120000-create-orders.js" <<'JS'
'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('orders', {
      id: { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true },
      user_id: { type: Sequelize.INTEGER, references: { model: 'users', key: 'id' } },
      total: { type: Sequelize.INTEGER },
    });
  },
  async down(queryInterface) { await queryInterface.dropTable('orders'); },
};
JS

# sequelize-cli reads its .sequelizerc from the working directory: run it in the project.
sequelize() {
  run_cmd env -C "$project" "$NODE_TOOLS_BIN/sequelize-cli" "${@:2}" --url "$(db_url "$1")" \
    --migrations-path migrations
  [[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "sequelize-cli ${*:2} on $1"; }
}

sequelize "$mono" db:migrate
expect_contains "$E2E_OUT" "20240102120000-create-orders: migrated"
psql_at "$(db_url "$mono")" -c "INSERT INTO users (email) VALUES ('a@example.com');
  INSERT INTO orders (user_id, total) VALUES (1, 10)" >/dev/null
ok "sequelize-cli migrates the monolith (2 migrations)"

split_with_stamp "$mono" "$target" "sequelize: {version: latest, migrations_dir: migrations}" \
  '["SequelizeMeta"]' users orders
expect_sql "$target" "SELECT count(*) FROM orders" "1"
expect_sql "$target" "SELECT string_agg(name, ',' ORDER BY name) FROM \"SequelizeMeta\"" \
  "20240101120000-create-users.js,20240102120000-create-orders.js"
ok "the target holds the data and SequelizeMeta"

expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml"
expect_contains "$E2E_OUT" "(2 rows, already up to date)"
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml" --dry-run
expect_contains "$E2E_OUT" "INSERT INTO \"SequelizeMeta\" (\"name\") VALUES ('20240101120000-create-users.js');"
ok "a second stamp changes nothing; --dry-run shows the rows"

sequelize "$target" db:migrate:status
expect_contains "$E2E_OUT" "up 20240101120000-create-users.js"
expect_contains "$E2E_OUT" "up 20240102120000-create-orders.js"
expect_not_contains "$E2E_OUT" "down "
ok "sequelize-cli db:migrate:status on the target: every migration is up"

cat >"$project/migrations/20240103120000-add-user-name.js" <<'JS'
'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'name', { type: Sequelize.STRING });
  },
  async down(queryInterface) { await queryInterface.removeColumn('users', 'name'); },
};
JS
sequelize "$target" db:migrate
expect_contains "$E2E_OUT" "20240103120000-add-user-name: migrated"
expect_not_contains "$E2E_OUT" "20240101120000-create-users: migrating"
expect_sql "$target" "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'" "1"
ok "sequelize-cli applies the new migration on the target, and only that one"
