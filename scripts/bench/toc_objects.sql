-- The catalog objects one target keeps when a pg_dump archive is restored for it with a filtered
-- TOC list (bench.sh, method b). Input: psql variable `rels`, the comma-separated qualified names
-- of the target's tables (partitions included), sequences and views, as pgsplit's plan lists them.
-- Output, one per line: "<catalog oid> <object oid>" for every kept relation, index, constraint,
-- trigger, column default and view rule, and "name <schema>.<relation>" for the kept relations
-- and indexes (TOC entries such as SEQUENCE SET or INDEX ATTACH carry only a name).
-- A foreign key is kept only when it references a table of the same target: the others cross
-- services and cannot be restored there (pgsplit drops them too).
WITH listed AS (
  SELECT c.oid
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname || '.' || c.relname = ANY (string_to_array(:'rels', ','))
), owned_sequences AS (       -- serial and identity sequences of the listed tables
  SELECT d.objid AS oid
  FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
    AND d.deptype IN ('a', 'i') AND d.refobjid IN (SELECT oid FROM listed)
), relations AS (
  SELECT oid FROM listed UNION SELECT oid FROM owned_sequences
), indexes AS (
  SELECT indexrelid AS oid FROM pg_index WHERE indrelid IN (SELECT oid FROM relations)
), objects AS (
  SELECT 'pg_class'::regclass AS catalog, oid FROM relations
  UNION ALL SELECT 'pg_class'::regclass, oid FROM indexes
  UNION ALL SELECT 'pg_constraint'::regclass, oid FROM pg_constraint
    WHERE conrelid IN (SELECT oid FROM relations)
      AND (contype <> 'f' OR confrelid IN (SELECT oid FROM relations))
  UNION ALL SELECT 'pg_trigger'::regclass, oid FROM pg_trigger
    WHERE tgrelid IN (SELECT oid FROM relations) AND NOT tgisinternal
  UNION ALL SELECT 'pg_attrdef'::regclass, oid FROM pg_attrdef
    WHERE adrelid IN (SELECT oid FROM relations)
  UNION ALL SELECT 'pg_rewrite'::regclass, oid FROM pg_rewrite
    WHERE ev_class IN (SELECT oid FROM relations)
)
SELECT catalog::oid || ' ' || oid FROM objects
UNION ALL
SELECT 'name ' || n.nspname || '.' || c.relname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid IN (SELECT oid FROM relations UNION SELECT oid FROM indexes);
