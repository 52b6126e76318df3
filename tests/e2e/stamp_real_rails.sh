#!/usr/bin/env bash
# The rails stamp, proven by ActiveRecord itself (Debian's ruby-activerecord; the migrator
# `rails db:migrate` runs): three migrations migrate a monolith; pgsplit splits it into a fresh
# target stamped with `rails:` (environment production); there ActiveRecord finds no pending
# migration and the stored environment is the current one, and a migration written afterwards
# applies without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/real_tools.bash"
e2e_begin stamp_real_rails --server

real_tool_install "ruby -e 'require \"active_record\"; require \"pg\"'" ruby-activerecord ruby-pg
real_tools_databases
export RAILS_ENV=production

project=$E2E_WORK/project
mkdir -p "$project/db/migrate"
# The migrator of `rails db:migrate` and the checks of `db:migrate:status` and of the tasks
# that refuse to run against another environment's database.
cat >"$project/tool.rb" <<'RB'
require "active_record"
ActiveRecord::Base.establish_connection(ENV.fetch("DATABASE_URL"))
context = ActiveRecord::MigrationContext.new("db/migrate", ActiveRecord::SchemaMigration)
case ARGV[0]
when "migrate"
  context.migrate
when "status"
  stored = context.last_stored_environment
  current = context.current_environment
  raise ActiveRecord::EnvironmentMismatchError.new(current: current, stored: stored) if stored != current
  context.migrations_status.each { |status, version, name| puts "#{status} #{version} #{name}" }
  raise "pending migrations" if context.needs_migration?
  puts "environment #{stored}"
end
RB
cat >"$project/db/migrate/20240101000001_create_products.rb" <<'RB'
class CreateProducts < ActiveRecord::Migration[6.1]
  def change
    create_table :products do |t|
      t.string :name
      t.timestamps
    end
  end
end
RB
cat >"$project/db/migrate/20240102000000_create_orders.rb" <<'RB'
class CreateOrders < ActiveRecord::Migration[6.1]
  def change
    create_table :orders do |t|
      t.references :product, foreign_key: true
      t.integer :quantity
    end
  end
end
RB
cat >"$project/db/migrate/20240215093000_add_price_to_products.rb" <<'RB'
class AddPriceToProducts < ActiveRecord::Migration[6.1]
  def change
    add_column :products, :price, :integer, default: 0
  end
end
RB
ok "a project with three ActiveRecord migrations"

rails_tool() { (cd "$project" && DATABASE_URL=$1 ruby tool.rb "${@:2}"); }
real_tools_run migrate-monolith rails_tool "$MONOLITH_URL" migrate
psql_at "$MONOLITH_URL" -c "INSERT INTO products (name, price, created_at, updated_at) VALUES ('lamp', 30, now(), now())"
psql_at "$MONOLITH_URL" -c "INSERT INTO orders (product_id, quantity) SELECT id, 2 FROM products"
ok "ActiveRecord migrated the monolith"

cat >"$E2E_WORK/mapping.yaml" <<'YAML'
source:
  url: ${MONOLITH_URL}
  schemas: [public]
exclude: [schema_migrations, ar_internal_metadata]
targets:
  store:
    url: ${TARGET_URL}
    create_database: true
    tables: [products, orders]
    stamp:
      - rails: {version: latest, migrations_dir: project/db/migrate, environment: production}
YAML
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$E2E_WORK/mapping.yaml" --dry-run
expect_contains "$E2E_OUT" "INSERT INTO \"schema_migrations\" (\"version\") VALUES ('20240215093000');"
expect_contains "$E2E_OUT" "DELETE FROM \"ar_internal_metadata\" WHERE \"key\" = 'environment';"
ok "stamp --dry-run shows both tables"
real_tools_split "$E2E_WORK/mapping.yaml" \
  'stamped store: rails: "schema_migrations" with 3 versions up to 20240215093000, "ar_internal_metadata" environment production'

versions() { psql_at "$1" -c "SELECT version FROM schema_migrations ORDER BY 1"; }
diff <(versions "$MONOLITH_URL") <(versions "$TARGET_URL") >"$E2E_WORK/rows.diff" ||
  { show_file diff "$E2E_WORK/rows.diff"; fail "the stamped schema_migrations differs from ActiveRecord's"; }
ok "the target's schema_migrations holds the versions ActiveRecord recorded"

real_tools_run status-target rails_tool "$TARGET_URL" status
expect_contains "$E2E_WORK/status-target.out" "environment production"
expect_not_contains "$E2E_WORK/status-target.out" "down "
ok "on the target, ActiveRecord finds nothing pending, in the stored environment production"

cat >"$project/db/migrate/20240301000000_add_sku_to_products.rb" <<'RB'
class AddSkuToProducts < ActiveRecord::Migration[6.1]
  def change
    add_column :products, :sku, :string, default: "none"
  end
end
RB
real_tools_run migrate-target rails_tool "$TARGET_URL" migrate
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT name || ':' || sku FROM products")" "lamp:none" \
  "the new column on the copied rows"
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT max(version) FROM schema_migrations")" "20240301000000" \
  "the new version recorded"
real_tools_run status-after rails_tool "$TARGET_URL" status
ok "a migration written after the split applies on the target"

# The environment is what ActiveRecord checks: stamped as staging, the production tasks refuse.
sed 's/environment: production/environment: staging/' "$E2E_WORK/mapping.yaml" >"$E2E_WORK/staging.yaml"
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$E2E_WORK/staging.yaml"
if (cd "$project" && DATABASE_URL=$TARGET_URL ruby tool.rb status) >"$E2E_WORK/mismatch.out" 2>&1; then
  fail "ActiveRecord accepted a database stamped for staging in production"
fi
expect_contains "$E2E_WORK/mismatch.out" "EnvironmentMismatchError"
ok "stamped environment: staging, ActiveRecord in production refuses the database"
