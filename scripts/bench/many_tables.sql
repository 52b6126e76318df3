-- A schema of many tables for timing `pgsplit plan` (bench.sh): psql variable `services`
-- (20 for 2,000 tables, 100 for 10,000) services of 100 tables, svcNNN_t001 ... svcNNN_t100.
-- Each table has a primary key, a foreign key and an index on it:
-- t001 is the service's root, every other table references it, and each root references the
-- previous service's root, so the plan also finds services - 1 foreign keys that cross targets.
-- Empty tables: plan reads the catalog only. Run in an empty database, outside a transaction:
-- each service commits on its own (10,000 tables in one transaction exhaust the lock table).
SET bench.services = :'services';
DO $$
DECLARE
  service int;
  item int;
  name text;
  root text;
BEGIN
  FOR service IN 1..current_setting('bench.services')::int LOOP
    root := format('svc%s_t001', to_char(service, 'FM000'));
    FOR item IN 1..100 LOOP
      name := format('svc%s_t%s', to_char(service, 'FM000'), to_char(item, 'FM000'));
      IF item = 1 THEN
        EXECUTE format('CREATE TABLE %I (id bigint PRIMARY KEY, parent_id bigint %s, '
                       'label text, created_at timestamptz NOT NULL DEFAULT now())', name,
                       CASE WHEN service = 1 THEN ''
                            ELSE format('REFERENCES %I (id)',
                                        format('svc%s_t001', to_char(service - 1, 'FM000'))) END);
      ELSE
        EXECUTE format('CREATE TABLE %I (id bigint PRIMARY KEY, parent_id bigint NOT NULL '
                       'REFERENCES %I (id), label text, '
                       'created_at timestamptz NOT NULL DEFAULT now())', name, root);
      END IF;
      EXECUTE format('CREATE INDEX ON %I (parent_id)', name);
    END LOOP;
    COMMIT;
  END LOOP;
END $$;
