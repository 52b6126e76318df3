#!/usr/bin/env bash
# Reshaping on the way (issue 17, docs/mapping.md "Reshaping columns"): the runbook's products
# table drops a column, turns a float EAN into zero-padded text, renames a column a check
# constraint and a view use, and its integer key becomes a uuid; orders (target sales) and stock
# (target warehouse) reference it and get the same uuids. Plan errors first (an index on the
# dropped column, a failing `using`): exit 2, nothing written. Then apply, and verify
# --references --checksums, and the uuids against Python's uuid.uuid3.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin reshape_columns --server

# A role with column privileges: they follow the renamed column and go with the dropped one.
reader=pgsplit_e2e_reshape_reader_$$
E2E_ROLES+=("$reader")
psql_at "$PGSPLIT_TEST_URL" -c "CREATE ROLE \"$reader\" NOLOGIN" >/dev/null
db_name source; source_db=$E2E_DB
create_db "$source_db"
psql_at "$(db_url "$source_db")" -c "
  CREATE TABLE products (id serial PRIMARY KEY, legacy_flag boolean, ean double precision,
                         price_cents integer CONSTRAINT price_positive CHECK (price_cents >= 0),
                         name text NOT NULL);
  CREATE INDEX products_flag_idx ON products (legacy_flag);
  CREATE INDEX products_price_idx ON products (price_cents);
  CREATE VIEW cheap_products AS SELECT name, price_cents FROM products WHERE price_cents < 1000;
  GRANT SELECT (name, price_cents, legacy_flag) ON products TO \"$reader\";
  INSERT INTO products (legacy_flag, ean, price_cents, name) VALUES
    (true, 4006381333931, 199, 'pen'), (false, 12345670, 2599, 'book'), (NULL, NULL, 50, 'clip');
  CREATE TABLE reviews (id serial PRIMARY KEY, product_id int REFERENCES products, body text);
  INSERT INTO reviews (product_id, body) VALUES (1, 'good'), (3, 'small'), (NULL, 'lost');
  CREATE TABLE orders (id serial PRIMARY KEY, product_id int REFERENCES products, qty int);
  INSERT INTO orders (product_id, qty) VALUES (1, 2), (2, 1), (1, 5);
  CREATE TABLE stock (id serial PRIMARY KEY, product_id int NOT NULL REFERENCES products,
                      warehouse text);
  CREATE INDEX stock_product_idx ON stock (product_id);
  INSERT INTO stock (product_id, warehouse) VALUES (1, 'north'), (2, 'north'), (3, 'south');" \
  >/dev/null
for name in catalog sales warehouse; do
  db_name "$name"
  create_db "$E2E_DB"
  declare "${name}_db=$E2E_DB"
done
export SHOP_SOURCE_URL SHOP_CATALOG_URL SHOP_SALES_URL SHOP_WAREHOUSE_URL
SHOP_SOURCE_URL=$(db_url "$source_db")
SHOP_CATALOG_URL=$(db_url "$catalog_db")
SHOP_SALES_URL=$(db_url "$sales_db")
SHOP_WAREHOUSE_URL=$(db_url "$warehouse_db")

# write_mapping EAN_CHANGE: the runbook's products entry, with the given change of ean.
write_mapping() {
  cat >"$E2E_WORK/pgsplit.yaml" <<YAML
source: {url: "\${SHOP_SOURCE_URL}"}
targets:
  catalog:
    url: "\${SHOP_CATALOG_URL}"
    tables:
      - name: products
        columns:
          legacy_flag: drop
          ean: $1
          price_cents: {rename: price_minor}
        key: uuid
      - reviews
  sales: {url: "\${SHOP_SALES_URL}", tables: [orders]}
  warehouse: {url: "\${SHOP_WAREHOUSE_URL}", tables: [stock]}
YAML
}
runbook_ean="{type: text, using: \"lpad(ean::bigint::text, 13, '0')\"}"

snapshot_db source "$SHOP_SOURCE_URL"
snapshot_db catalog "$SHOP_CATALOG_URL"
snapshot_db sales "$SHOP_SALES_URL"
snapshot_db warehouse "$SHOP_WAREHOUSE_URL"

write_mapping "$runbook_ean"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_line_with "$E2E_OUT" "error: " "(target catalog, table public.products)" \
  "column legacy_flag of public.products is dropped, but 1 uses it: index products_flag_idx"
expect_exit 2 "$PGSPLIT_BIN" apply -c "$E2E_WORK/pgsplit.yaml"
expect_contains "$E2E_ERR" "nothing was written"
expect_db_unchanged source "$SHOP_SOURCE_URL"
expect_db_unchanged catalog "$SHOP_CATALOG_URL"
expect_db_unchanged sales "$SHOP_SALES_URL"
expect_db_unchanged warehouse "$SHOP_WAREHOUSE_URL"
ok "a dropped column an index uses: plan and apply exit 2 naming the index, nothing written"

psql_at "$SHOP_SOURCE_URL" -c "DROP INDEX products_flag_idx" >/dev/null
write_mapping "{type: integer, using: \"ean::integer\"}"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_line_with "$E2E_OUT" "error: " "the converted columns of public.products fail on the source" \
  "integer out of range"
ok "a using expression that fails on one row: exit 2 with the source's message"

write_mapping "{type: text, using: \"ean::text || nextval('products_id_seq')\"}"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_line_with "$E2E_OUT" "error: " "the converted columns of public.products fail" "read-only"
ok "a using expression that writes (nextval): exit 2"

# An explicit cast to varchar(8) would cut the two 13-digit EANs (not the short one, nor NULL).
write_mapping "{type: \"varchar(8)\", using: \"lpad(ean::bigint::text, 13, '0')\"}"
expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_line_with "$E2E_OUT" "error: " "the converted columns of public.products fail" \
  "2 rows of column ean would be cut or rounded by its type"
write_mapping "{type: \"varchar(13)\", using: \"lpad(ean::bigint::text, 13, '0')\"}"
expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
ok "a type that would cut values (varchar(8)): exit 2 naming the rows; varchar(13) holds them"

write_mapping "$runbook_ean"
expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml"
expect_contains "$E2E_OUT" "column legacy_flag: dropped"
expect_contains "$E2E_OUT" "column ean: double precision → text using lpad(ean::bigint::text, 13, '0')"
expect_contains "$E2E_OUT" "column price_cents → price_minor"
expect_contains "$E2E_OUT" "column id: integer → uuid (key: uuid"
expect_contains "$E2E_OUT" "column product_id: integer → uuid (references the uuid key of public.products)"
expect_not_contains "$E2E_OUT" "products_id_seq" "the plan (the key's sequence is left behind)"
ok "plan: each transformation under its table, the key's sequence not created"

expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml" --format json
expect_eq "$(json_query "$E2E_OUT" \
  "[t for t in doc['targets'] if t['name'] == 'catalog'][0]['tables'][0]['dropped_columns']")" \
  '["legacy_flag"]' "JSON dropped_columns"
expect_eq "$(json_query "$E2E_OUT" \
  "[(c['source'], c['target'], c['type']) for t in doc['targets'] if t['name'] == 'catalog' for c in t['tables'][0]['reshaped_columns']]")" \
  '[["id", "id", "uuid"], ["ean", "ean", "text"], ["price_cents", "price_minor", "integer"]]' \
  "JSON reshaped_columns"
expect_exit 0 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml" --sql
expect_contains "$E2E_OUT" '"id" uuid DEFAULT gen_random_uuid() NOT NULL'
expect_contains "$E2E_OUT" '"ean" text'
expect_contains "$E2E_OUT" '"price_minor" integer'
expect_contains "$E2E_OUT" 'CHECK (("price_minor" >= 0))'
expect_not_contains "$E2E_OUT" "legacy_flag" "the DDL"
ok "plan --format json and --sql show the reshaped columns"

expect_exit 2 "$PGSPLIT_BIN" plan -c "$E2E_WORK/pgsplit.yaml" --online
expect_line_with "$E2E_OUT" "error: " "public.products is reshaped on the way" \
  "logical replication applies the source's rows as they are"
ok "plan --online refuses a reshaped table"

expect_exit 0 "$PGSPLIT_BIN" apply -c "$E2E_WORK/pgsplit.yaml"
expect_exit 0 "$PGSPLIT_BIN" verify -c "$E2E_WORK/pgsplit.yaml" --references --checksums
ok "apply, then verify --references --checksums holds on the reshaped targets"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT string_agg(ean, ',' ORDER BY name) FROM products")" \
  "0000012345670,4006381333931" "EANs as zero-padded text (NULL stays NULL)"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT count(*) FROM information_schema.columns
  WHERE table_name = 'products' AND column_name IN ('legacy_flag', 'price_cents')")" 0 \
  "dropped and renamed source columns absent"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT format_type(atttypid, atttypmod) FROM pg_attribute
  WHERE attrelid = 'products'::regclass AND attname = 'id'")" "uuid" "the key's type"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT count(*) FROM pg_class WHERE relkind = 'S'
  AND relname = 'products_id_seq'")" 0 "the key's sequence left behind"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT string_agg(name, ',' ORDER BY name) FROM cheap_products")" \
  "clip,pen" "the view reads the renamed column"
run_cmd psql_at "$SHOP_CATALOG_URL" -c "INSERT INTO products (name, price_minor) VALUES ('bad', -1)"
expect_eq "$E2E_STATUS" 1 "a negative price violates the carried check constraint (psql exit 1)"
expect_contains "$E2E_ERR" "price_positive"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT string_agg(a.attname, ',' ORDER BY a.attname)
  FROM pg_attribute a WHERE a.attrelid = 'products'::regclass AND a.attnum > 0
   AND has_column_privilege('$reader', 'products', a.attname, 'SELECT')")" "name,price_minor" \
  "the reader's column privileges: on the renamed column, none on the dropped one"
ok "apply: catalog has the reshaped products, its check constraint, view and column privileges follow the rename"

# The uuids, computed independently: version 3 in pgsplit's namespace of 'public.products:<id>'.
python3 - >"$E2E_WORK/expected.txt" <<'PY'
import uuid
ns = uuid.UUID("7d09d5fe-c087-5dce-82aa-00bf9266cd8b")
for old, name in [(1, "pen"), (2, "book"), (3, "clip")]:
    print(f"{name}|{uuid.uuid3(ns, f'public.products:{old}')}")
PY
psql_at "$SHOP_CATALOG_URL" -c "SELECT name || '|' || id FROM products
  ORDER BY ean NULLS LAST, name" >"$E2E_WORK/catalog.txt"
expect_eq "$(sort "$E2E_WORK/catalog.txt")" "$(sort "$E2E_WORK/expected.txt")" \
  "products.id = uuid.uuid3(namespace, 'public.products:<old id>')"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT count(*) FROM products
  WHERE uuid_extract_version(id) IS DISTINCT FROM 3" 2>/dev/null || echo 0)" 0 \
  "version 3 (where the server knows uuid_extract_version)"
pen=$(grep '^pen|' "$E2E_WORK/expected.txt" | cut -d'|' -f2)
book=$(grep '^book|' "$E2E_WORK/expected.txt" | cut -d'|' -f2)
clip=$(grep '^clip|' "$E2E_WORK/expected.txt" | cut -d'|' -f2)
expect_eq "$(psql_at "$SHOP_SALES_URL" -c "SELECT string_agg(product_id::text, ',' ORDER BY id) FROM orders")" \
  "$pen,$book,$pen" "orders in sales reference the same uuids"
expect_eq "$(psql_at "$SHOP_WAREHOUSE_URL" -c "SELECT string_agg(product_id::text, ',' ORDER BY id) FROM stock")" \
  "$pen,$book,$clip" "stock in warehouse references the same uuids"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT string_agg(coalesce(product_id::text, '-'), ',' ORDER BY id) FROM reviews")" \
  "$pen,$clip,-" "reviews in catalog: same uuids, NULL stays NULL, the foreign key recreated"
expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "SELECT count(*) FROM pg_constraint WHERE conname = 'reviews_product_id_fkey'")" \
  1 "the foreign key inside catalog"
ok "uuids match Python's uuid.uuid3 and are equal across the three targets"

expect_eq "$(psql_at "$SHOP_CATALOG_URL" -c "INSERT INTO products (name) VALUES ('new') RETURNING id IS NOT NULL")" \
  "t" "a new row gets gen_random_uuid()"
ok "a new product gets a random uuid"
