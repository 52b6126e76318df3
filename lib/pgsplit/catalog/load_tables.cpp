#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Ordinary, partitioned and foreign tables, leaving out those of an extension. A partition
// names its parent and bound; other pg_inherits parents are inheritance, in declared order.
//
// The size is what a copy reads: the main fork and the TOAST table's (pg_relation_size). Not
// pg_table_size, which also opens the free-space and visibility maps and the TOAST index of
// every table: at 10,000 tables that doubled the time of the whole query. Each size function
// is called once per table (a volatile LATERAL subquery is not flattened into its uses), and
// gives NULL, read as 0, for a table dropped since the snapshot was taken.
// reltuples is -1 until the table is first analyzed or vacuumed (0 with relpages 0 before
// PostgreSQL 14): the rows are then estimated from the main fork's size, with the planner's
// guess at a row's width (fixed-size columns, 32 bytes for the others, 28 bytes of tuple
// header and line pointer) over the page's usable space.
// The clustered and replica identity indexes are joined as one set, not looked up per table.
constexpr std::string_view tables_query = R"(
  SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind,
         c.relpersistence = 'u' AS unlogged,
         c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
         array_to_json(c.reloptions) AS options, array_to_json(toast.reloptions) AS toast_options,
         marked.clustered AS clustered_index,
         c.relreplident AS replica_identity, marked.replica_identity AS replica_identity_index,
         ds.description AS comment,
         CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
         partition_of.inhparent AS partition_parent,
         CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END
           AS partition_bound,
         CASE WHEN NOT c.relispartition THEN parents.oids END AS inherits,
         CASE WHEN c.reltuples > 0 OR (c.reltuples = 0 AND c.relpages > 0) OR c.relkind <> 'r'
              THEN greatest(c.reltuples, 0)::bigint
              ELSE sized.main_bytes / current_setting('block_size')::bigint
                   * ((current_setting('block_size')::int - 24)
                      / (SELECT 28 + coalesce(sum(CASE WHEN t.typlen > 0 THEN t.typlen
                                                       ELSE 32 END), 0)
                         FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped))
         END AS estimated_rows,
         sized.main_bytes + sized.toast_bytes AS size_bytes
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL (
    SELECT CASE WHEN c.relkind = 'r' THEN coalesce(pg_relation_size(c.oid), 0) ELSE 0 END
             AS main_bytes,
           CASE WHEN c.relkind = 'r' AND c.reltoastrelid <> 0
                THEN coalesce(pg_relation_size(c.reltoastrelid), 0) ELSE 0 END AS toast_bytes) sized
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_class'::regclass AND ds.objoid = c.oid
                             AND ds.objsubid = 0
  LEFT JOIN pg_class toast ON toast.oid = c.reltoastrelid
  LEFT JOIN pg_inherits partition_of ON partition_of.inhrelid = c.oid AND c.relispartition
  LEFT JOIN (SELECT inhrelid, json_agg(inhparent::bigint ORDER BY inhseqno) AS oids
             FROM pg_inherits GROUP BY inhrelid) parents ON parents.inhrelid = c.oid
  LEFT JOIN (SELECT i.indrelid,
                    min(ic.relname) FILTER (WHERE i.indisclustered) AS clustered,
                    min(ic.relname) FILTER (WHERE i.indisreplident) AS replica_identity
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE i.indisclustered OR i.indisreplident
             GROUP BY i.indrelid) marked ON marked.indrelid = c.oid
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f')
    AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype = 'e')
  ORDER BY n.nspname, c.relname)";

TableKind table_kind(char relkind) {
  switch (relkind) {
  case 'p':
    return TableKind::partitioned_table;
  case 'f':
    return TableKind::foreign_table;
  default:
    return TableKind::table;
  }
}

Table read_table(const pg::Result& result, int row) {
  Table table;
  table.oid = oid_value(result, row, "oid");
  table.name = {result.text(row, "schema"), result.text(row, "name")};
  table.kind = table_kind(char_value(result, row, "kind"));
  table.unlogged = result.boolean(row, "unlogged");
  table.row_security = result.boolean(row, "row_security");
  table.force_row_security = result.boolean(row, "force_row_security");
  table.options = json_strings(result, row, "options");
  table.toast_options = json_strings(result, row, "toast_options");
  table.clustered_index = result.optional_text(row, "clustered_index");
  table.replica_identity = char_value(result, row, "replica_identity");
  table.replica_identity_index = result.optional_text(row, "replica_identity_index");
  table.comment = result.optional_text(row, "comment");
  table.partition_key = result.optional_text(row, "partition_key");
  table.partition_parent = optional_oid(result, row, "partition_parent");
  table.partition_bound = result.optional_text(row, "partition_bound");
  table.inherits = json_oids(result, row, "inherits");
  table.estimated_rows = result.int64(row, "estimated_rows");
  table.size_bytes = result.int64(row, "size_bytes");
  return table;
}

} // namespace

std::vector<Table> load_tables(const Scope& scope) {
  const auto result = scope.query(tables_query);
  std::vector<Table> tables;
  tables.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    tables.push_back(read_table(result, row));
  }
  return tables;
}

} // namespace pgsplit::catalog::detail
