#!/usr/bin/env bash
# The knex stamp, proven by knex itself: knex migrates a monolith, pgsplit splits it into a new
# database with a `knex` stamp, and then knex, on the target, finds no pending migration, and
# applies a migration written afterwards without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/node_tools.bash"
node_stamp_begin stamp_real_knex
mkdir -p "$project/migrations"
cat >"$project/knexfile.js" <<'JS'
module.exports = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  migrations: { directory: './migrations' },
};
JS
cat >"$project/migrations/20240101120000_create_users.js" <<'JS'
exports.up = (knex) =>
  knex.schema.createTable('users', (t) => { t.increments('id'); t.string('email').notNullable(); });
exports.down = (knex) => knex.schema.dropTable('users');
JS
cat >"$project/migrations/20240102120000_create_orders.js" <<'JS'
exports.up = (knex) =>
  knex.schema.createTable('orders', (t) => {
    t.increments('id');
    t.integer('user_id').references('users.id');
    t.integer('total');
  });
exports.down = (knex) => knex.schema.dropTable('orders');
JS
echo "not a migration" >"$project/migrations/README.md"

knex() { DATABASE_URL=$(db_url "$1") run_cmd "$NODE_TOOLS_BIN/knex" --knexfile "$project/knexfile.js" "${@:2}"; }

knex "$mono" migrate:latest
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "knex migrate:latest on the monolith"; }
expect_contains "$E2E_OUT" "Batch 1 run: 2 migrations"
psql_at "$(db_url "$mono")" -c "INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com');
  INSERT INTO orders (user_id, total) VALUES (1, 10), (2, 20)" >/dev/null
ok "knex migrates the monolith (2 migrations) and it holds data"

split_with_stamp "$mono" "$target" "knex: {version: latest, migrations_dir: migrations}" \
  "[knex_migrations, knex_migrations_lock]" users orders
expect_sql "$target" "SELECT count(*) FROM orders" "2"
expect_sql "$target" "SELECT string_agg(name || ':' || batch, ',' ORDER BY id) FROM knex_migrations" \
  "20240101120000_create_users.js:1,20240102120000_create_orders.js:1"
expect_sql "$target" "SELECT string_agg(is_locked::text, ',') FROM knex_migrations_lock" "0"
ok "the target holds the data, knex_migrations and its unlocked lock row"

expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml"
expect_contains "$E2E_OUT" "(2 rows, already up to date)"
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml" --dry-run
expect_contains "$E2E_OUT" "INSERT INTO \"knex_migrations\" (\"name\", \"batch\", \"migration_time\") VALUES ('20240102120000_create_orders.js', '1', now());"
ok "a second stamp changes nothing; --dry-run shows the rows"

knex "$target" migrate:status
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "knex migrate:status on the target"; }
expect_contains "$E2E_OUT" "No Pending Migration files Found."
ok "knex migrate:status on the target: nothing pending"

cat >"$project/migrations/20240103120000_add_user_name.js" <<'JS'
exports.up = (knex) => knex.schema.alterTable('users', (t) => { t.string('name'); });
exports.down = (knex) => knex.schema.alterTable('users', (t) => { t.dropColumn('name'); });
JS
knex "$target" migrate:latest
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "knex migrate:latest on the target"; }
expect_contains "$E2E_OUT" "Batch 2 run: 1 migrations"
expect_sql "$target" "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'" "1"
ok "knex applies a new migration on the target (batch 2), and only that one"
