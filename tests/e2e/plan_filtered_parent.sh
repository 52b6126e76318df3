#!/usr/bin/env bash
# A `where`-filtered parent and its unfiltered child in one target (issue 15, item 2): `plan`
# and `apply` exit 2 before writing anything, naming the key and the orphan rows; the two ways
# out (filter the child the same way, or drop_foreign_keys) then plan and apply cleanly.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin plan_filtered_parent --server

db_name source; source_db=$E2E_DB
create_db "$source_db"
psql_at "$(db_url "$source_db")" -c "
  CREATE TABLE customers (id int PRIMARY KEY, region text NOT NULL);
  INSERT INTO customers VALUES (1, 'eu'), (2, 'us'), (3, 'eu');
  CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total int);
  INSERT INTO orders VALUES (1, 1, 10), (2, 2, 20), (3, 3, 30), (4, NULL, 40);" >/dev/null
db_name eu; eu_db=$E2E_DB
create_db "$eu_db"
db_name us; us_db=$E2E_DB
create_db "$us_db"
export SHOP_SOURCE_URL SHOP_EU_URL SHOP_US_URL
SHOP_SOURCE_URL=$(db_url "$source_db")
SHOP_EU_URL=$(db_url "$eu_db")
SHOP_US_URL=$(db_url "$us_db")

# write_mapping ORDERS_ENTRY: customers split by region, orders (as given) in target eu.
write_mapping() {
  cat >"$E2E_WORK/pgsplit.yaml" <<YAML
source: {url: "\${SHOP_SOURCE_URL}"}
targets:
  eu:
    url: "\${SHOP_EU_URL}"
    tables:
      - {name: customers, where: "region = 'eu'"}
      - $1
  us:
    url: "\${SHOP_US_URL}"
    tables:
      - {name: customers, where: "region <> 'eu'"}
YAML
}

snapshot_db source "$SHOP_SOURCE_URL"
snapshot_db eu "$SHOP_EU_URL"
snapshot_db us "$SHOP_US_URL"

write_mapping orders
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_line_with "$E2E_OUT" "error: " "(target eu, table public.orders)" \
  "1 row of public.orders in target eu references rows of public.customers that its where filter leaves out" \
  "foreign key orders_customer_id_fkey public.orders(customer_id) → public.customers(id)"
expect_contains "$E2E_OUT" "filter public.orders the same way"
expect_contains "$E2E_OUT" "drop_foreign_keys: [orders_customer_id_fkey]"
expect_contains "$E2E_ERR" "nothing was written"
ok "plan: exit 2, the orphan order (customer 2 is in us) named with its key and the ways out"

expect_exit 2 "$PGSPLIT_BIN" apply -c "$E2E_WORK/pgsplit.yaml"
expect_contains "$E2E_ERR" "orders_customer_id_fkey"
expect_db_unchanged source "$SHOP_SOURCE_URL"
expect_db_unchanged eu "$SHOP_EU_URL"
expect_db_unchanged us "$SHOP_US_URL"
ok "apply: exit 2 before writing; source and both targets unchanged"

# A child filtered otherwise than its parent: counted after its own filter (order 2 only).
write_mapping "{name: orders, where: \"total > 15\"}"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_line_with "$E2E_OUT" "error: " "1 row of public.orders in target eu references rows of public.customers"
ok "a child with another filter: its selected rows only are counted; exit 2"

# Way out 1: the child filtered the same way (its rows whose customer goes to eu, or none).
write_mapping "{name: orders, where: \"customer_id IS NULL OR customer_id IN (SELECT id FROM customers WHERE region = 'eu')\"}"
expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_not_contains "$E2E_OUT" "orders_customer_id_fkey" "the plan"
ok "the child filtered like its parent: plan OK, counted 0 orphans"

# Way out 2: drop the key in this target; every order is copied, the key is not created.
write_mapping "{name: orders, drop_foreign_keys: [orders_customer_id_fkey]}"
expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_contains "$E2E_OUT" "foreign keys dropped by drop_foreign_keys:"
expect_exit 0 "$PGSPLIT_BIN" apply -c "$E2E_WORK/pgsplit.yaml"
expect_eq "$(psql_at "$SHOP_EU_URL" -c 'SELECT count(*) FROM orders')" 4 "orders copied to eu"
expect_eq "$(psql_at "$SHOP_EU_URL" -c "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")" 0 \
  "foreign keys in eu"
ok "drop_foreign_keys: plan OK, apply copies all 4 orders without the key"
