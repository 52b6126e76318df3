#!/usr/bin/env bash
# The node_pg_migrate stamp, proven by node-pg-migrate itself: it migrates a monolith, pgsplit
# splits it into a new database with the stamp (in a schema of its own, as --migrations-schema
# allows), and then node-pg-migrate, on the target, has no migration to run, and applies a
# migration written afterwards without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/node_tools.bash"
node_stamp_begin stamp_real_node_pg_migrate
mkdir -p "$project/migrations"
cat >"$project/migrations/1700000000001_create-users.js" <<'JS'
exports.up = (pgm) => {
  pgm.createTable('users', { id: 'id', email: { type: 'text', notNull: true } });
};
exports.down = (pgm) => pgm.dropTable('users');
JS
cat >"$project/migrations/1700000000002_create-orders.sql" <<'SQL'
-- Up Migration
CREATE TABLE orders (id serial PRIMARY KEY, user_id integer REFERENCES users (id), total integer);
-- Down Migration
DROP TABLE orders;
SQL

npm_migrate() {
  DATABASE_URL=$(db_url "$1") run_cmd "$NODE_TOOLS_BIN/node-pg-migrate" "${@:2}" \
    -m "$project/migrations" --migrations-schema history --create-migrations-schema
}

npm_migrate "$mono" up
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "node-pg-migrate up on the monolith"; }
expect_contains "$E2E_OUT" "Migrations complete!"
psql_at "$(db_url "$mono")" -c "INSERT INTO users (email) VALUES ('a@example.com');
  INSERT INTO orders (user_id, total) VALUES (1, 10)" >/dev/null
expect_sql "$mono" "SELECT count(*) FROM history.pgmigrations" "2"
ok "node-pg-migrate migrates the monolith (a JS and a SQL migration)"

split_with_stamp "$mono" "$target" \
  "node_pg_migrate: {schema: history, version: latest, migrations_dir: migrations}" \
  "[history.pgmigrations]" public.users public.orders
expect_sql "$target" "SELECT count(*) FROM orders" "1"
expect_sql "$target" "SELECT string_agg(name, ',' ORDER BY id) FROM history.pgmigrations" \
  "1700000000001_create-users,1700000000002_create-orders"
ok "the target holds the data and history.pgmigrations"

expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml"
expect_contains "$E2E_OUT" "(2 rows, already up to date)"
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml" --dry-run
expect_contains "$E2E_OUT" "INSERT INTO \"history\".\"pgmigrations\" (\"name\", \"run_on\") VALUES ('1700000000002_create-orders', now());"
ok "a second stamp changes nothing; --dry-run shows the rows"

npm_migrate "$target" up --dry-run
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "node-pg-migrate up --dry-run on the target"; }
expect_contains "$E2E_OUT" "No migrations to run!"
ok "node-pg-migrate on the target: no migrations to run"

cat >"$project/migrations/1700000000003_add-user-name.js" <<'JS'
exports.up = (pgm) => { pgm.addColumn('users', { name: { type: 'text' } }); };
exports.down = (pgm) => { pgm.dropColumn('users', 'name'); };
JS
npm_migrate "$target" up
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "node-pg-migrate up on the target"; }
expect_contains "$E2E_OUT" "MIGRATION 1700000000003_add-user-name (UP)"
expect_not_contains "$E2E_OUT" "1700000000001_create-users (UP)"
expect_sql "$target" "SELECT count(*) FROM history.pgmigrations" "3"
expect_sql "$target" "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'" "1"
ok "node-pg-migrate applies the new migration on the target, and only that one"
