-- A schema of 2,000 tables for timing `pgsplit plan` (bench.sh): 20 services of 100 tables,
-- svcNN_t001 ... svcNN_t100. Each table has a primary key, a foreign key and an index on it:
-- t001 is the service's root, every other table references it, and each root references the
-- previous service's root, so the plan also finds 19 foreign keys that cross targets.
-- Empty tables: plan reads the catalog only. Run in an empty database, in one transaction.
BEGIN;
DO $$
DECLARE
  service int;
  item int;
  name text;
  root text;
BEGIN
  FOR service IN 1..20 LOOP
    root := format('svc%s_t001', to_char(service, 'FM00'));
    FOR item IN 1..100 LOOP
      name := format('svc%s_t%s', to_char(service, 'FM00'), to_char(item, 'FM000'));
      IF item = 1 THEN
        EXECUTE format('CREATE TABLE %I (id bigint PRIMARY KEY, parent_id bigint %s, '
                       'label text, created_at timestamptz NOT NULL DEFAULT now())', name,
                       CASE WHEN service = 1 THEN ''
                            ELSE format('REFERENCES %I (id)',
                                        format('svc%s_t001', to_char(service - 1, 'FM00'))) END);
      ELSE
        EXECUTE format('CREATE TABLE %I (id bigint PRIMARY KEY, parent_id bigint NOT NULL '
                       'REFERENCES %I (id), label text, '
                       'created_at timestamptz NOT NULL DEFAULT now())', name, root);
      END IF;
      EXECUTE format('CREATE INDEX ON %I (parent_id)', name);
    END LOOP;
  END LOOP;
END $$;
COMMIT;
