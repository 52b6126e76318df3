#!/usr/bin/env bash
# The dbmate stamp, proven by dbmate itself (its npm package ships the binary): it migrates a
# monolith, pgsplit splits it into a new database with the stamp, and then `dbmate status
# --exit-code` on the target has nothing pending, and `dbmate migrate` applies a migration written
# afterwards without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/node_tools.bash"
node_stamp_begin stamp_real_dbmate
mkdir -p "$project/db/migrations"
cat >"$project/db/migrations/20240101120000_create_users.sql" <<'SQL'
-- migrate:up
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
-- migrate:down
DROP TABLE users;
SQL
cat >"$project/db/migrations/20240102120000_create_orders.sql" <<'SQL'
-- migrate:up
CREATE TABLE orders (id serial PRIMARY KEY, user_id integer REFERENCES users (id), total integer);
-- migrate:down
DROP TABLE orders;
SQL

dbmate() {
  local url
  url=$(db_url "$1")
  [[ $url == *\?* ]] && url="$url&sslmode=disable" || url="$url?sslmode=disable"
  run_cmd "$NODE_TOOLS_BIN/dbmate" --url "$url" --migrations-dir "$project/db/migrations" \
    --no-dump-schema "${@:2}"
}

dbmate "$mono" migrate
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "dbmate migrate on the monolith"; }
expect_contains "$E2E_OUT" "Applying: 20240102120000_create_orders.sql"
psql_at "$(db_url "$mono")" -c "INSERT INTO users (email) VALUES ('a@example.com');
  INSERT INTO orders (user_id, total) VALUES (1, 10)" >/dev/null
ok "dbmate migrates the monolith (2 migrations)"

split_with_stamp "$mono" "$target" "dbmate: {version: latest, migrations_dir: db/migrations}" \
  "[schema_migrations]" users orders
expect_sql "$target" "SELECT count(*) FROM orders" "1"
expect_sql "$target" "SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations" \
  "20240101120000,20240102120000"
ok "the target holds the data and schema_migrations"

expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml"
expect_contains "$E2E_OUT" "(2 rows, already up to date)"
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$project/pgsplit.yaml" --dry-run
expect_contains "$E2E_OUT" "INSERT INTO \"schema_migrations\" (\"version\") VALUES ('20240102120000');"
ok "a second stamp changes nothing; --dry-run shows the rows"

dbmate "$target" status --exit-code
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "dbmate status --exit-code on the target (exit $E2E_STATUS)"; }
expect_contains "$E2E_OUT" "Pending: 0"
ok "dbmate status on the target: nothing pending"

cat >"$project/db/migrations/20240103120000_add_user_name.sql" <<'SQL'
-- migrate:up
ALTER TABLE users ADD COLUMN name text;
-- migrate:down
ALTER TABLE users DROP COLUMN name;
SQL
dbmate "$target" migrate
[[ $E2E_STATUS -eq 0 ]] || { show_last_run; fail "dbmate migrate on the target"; }
expect_contains "$E2E_OUT" "Applying: 20240103120000_add_user_name.sql"
expect_not_contains "$E2E_OUT" "Applying: 20240101120000_create_users.sql"
expect_sql "$target" "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'" "1"
ok "dbmate applies the new migration on the target, and only that one"
