-- The copy jobs of the raw COPY floor (bench.sh, method d): every leaf table among the mapped
-- tables (psql variable `rels`, comma-separated qualified names), largest first, as
--   <quoted table> TAB <binary|text> TAB <quoted column list> TAB <pg_table_size>
-- The same choices as pgsplit, so the floor moves the same bytes: generated columns are left out
-- (the target computes them), and binary is used only when every column has a built-in type or
-- an enum (binary values of arrays and composites carry OIDs that differ between databases; an
-- enum travels as its label).
SELECT format('%I.%I', n.nspname, c.relname),
       CASE WHEN bool_and(a.atttypid < 16384 OR t.typtype = 'e') THEN 'binary' ELSE 'text' END,
       string_agg(quote_ident(a.attname), ',' ORDER BY a.attnum),
       pg_table_size(c.oid)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                   AND a.attgenerated = ''
JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relkind = 'r' AND n.nspname || '.' || c.relname = ANY (string_to_array(:'rels', ','))
GROUP BY c.oid, n.nspname, c.relname
ORDER BY pg_table_size(c.oid) DESC, 1;
