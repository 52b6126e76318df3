# Filters a `pg_restore -l` listing down to one target (bench.sh, method b).
#   awk -f toc_filter.awk OBJECTS_FILE TOC_LIST > target.list
# OBJECTS_FILE comes from toc_objects.sql. A TOC line reads
#   <dump id>; <catalog oid> <object oid> <DESC> <schema> <tag> <owner>
# Entries of relations, constraints, triggers, defaults and rules are kept by (catalog, oid);
# data entries by their table's oid; entries without an oid (SEQUENCE SET, TABLE ATTACH,
# COMMENT ...) by the relation they name. Everything else (schemas, extensions, types, domains,
# functions) is shared by every target and kept.

# Descriptions of more than one word, longest first, so that the schema is the next word.
BEGIN {
  split("MATERIALIZED VIEW DATA|SEQUENCE OWNED BY|MATERIALIZED VIEW|CHECK CONSTRAINT|" \
        "FK CONSTRAINT|TABLE ATTACH|INDEX ATTACH|SEQUENCE SET|TABLE DATA|DEFAULT ACL|" \
        "SHELL TYPE|LARGE OBJECT|PUBLICATION TABLE|EVENT TRIGGER|FOREIGN TABLE", multi, "|")
}

FNR == NR {
  if ($1 == "name") names[$2] = 1; else objects[$1 " " $2] = 1
  next
}

/^;/ || NF == 0 { print; next }

{
  catalog = $2; oid = $3
  rest = $0; sub(/^[0-9]+; [0-9]+ [0-9]+ /, "", rest)
  desc = ""
  for (i = 1; i in multi; i++) {
    if (index(rest, multi[i] " ") == 1) { desc = multi[i]; break }
  }
  if (desc == "") { desc = rest; sub(/ .*/, "", desc) }
  rest = substr(rest, length(desc) + 2)
  schema = rest; sub(/ .*/, "", schema)
  tag = substr(rest, length(schema) + 2); sub(/ [^ ]*$/, "", tag)   # the owner is last

  if (catalog ~ /^(1259|2606|2620|2604|2618)$/) { keep = (catalog " " oid) in objects }
  else if (catalog == 0 && oid != 0) { keep = ("1259 " oid) in objects }   # TABLE DATA ...
  else if (catalog == 0) { keep = named_entry_kept(desc, schema, tag) }
  else { keep = 1 }
  if (keep) print
}

function named_entry_kept(desc, schema, tag,    kind, name) {
  if (desc ~ /^(SEQUENCE SET|SEQUENCE OWNED BY|TABLE ATTACH|INDEX ATTACH)$/)
    return (schema "." tag) in names
  if (desc != "COMMENT" && desc != "ACL") return 1
  # COMMENT and ACL tags: "TABLE t", "COLUMN t.c", "CONSTRAINT c ON t", "INDEX i", "TYPE x" ...
  if (tag ~ /^MATERIALIZED VIEW /) { name = substr(tag, 19); return (schema "." name) in names }
  kind = tag; sub(/ .*/, "", kind); name = substr(tag, length(kind) + 2)
  if (kind ~ /^(TABLE|VIEW|SEQUENCE|INDEX)$/) return (schema "." name) in names
  if (kind == "COLUMN") { sub(/\.[^.]*$/, "", name); return (schema "." name) in names }
  if (kind ~ /^(CONSTRAINT|TRIGGER|RULE|POLICY)$/) { sub(/^.* ON /, "", name); return (schema "." name) in names }
  return 1
}
