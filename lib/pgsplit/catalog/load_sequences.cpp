#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Sequences with their options and owning column: deptype 'a' is OWNED BY (serial, or set
// by hand), 'i' an identity column's sequence.
constexpr std::string_view sequences_query = R"(
  SELECT c.oid, n.nspname AS schema, c.relname AS name,
         format_type(s.seqtypid, NULL) AS data_type, s.seqstart AS start,
         s.seqincrement AS increment, s.seqmin AS minimum, s.seqmax AS maximum,
         s.seqcache AS cache, s.seqcycle AS cycle,
         d.refobjid AS owner_table, a.attname AS owner_column,
         coalesce(d.deptype = 'i', false) AS is_identity,
         ds.description AS comment
  FROM pg_sequence s
  JOIN pg_class c ON c.oid = s.seqrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_class'::regclass AND ds.objoid = c.oid
                             AND ds.objsubid = 0
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                       AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                       AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE c.relnamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e
                    WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                      AND e.deptype = 'e')
  ORDER BY n.nspname, c.relname)";

Sequence read_sequence(const pg::Result& result, int row) {
  Sequence sequence;
  sequence.oid = oid_value(result, row, "oid");
  sequence.name = {result.text(row, "schema"), result.text(row, "name")};
  sequence.data_type = result.text(row, "data_type");
  sequence.start = result.int64(row, "start");
  sequence.increment = result.int64(row, "increment");
  sequence.minimum = result.int64(row, "minimum");
  sequence.maximum = result.int64(row, "maximum");
  sequence.cache = result.int64(row, "cache");
  sequence.cycle = result.boolean(row, "cycle");
  sequence.owner_table = optional_oid(result, row, "owner_table");
  sequence.owner_column = result.optional_text(row, "owner_column");
  sequence.is_identity = result.boolean(row, "is_identity");
  sequence.comment = result.optional_text(row, "comment");
  return sequence;
}

} // namespace

std::vector<Sequence> load_sequences(const Scope& scope) {
  const auto result = scope.query(sequences_query);
  std::vector<Sequence> sequences;
  sequences.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    sequences.push_back(read_sequence(result, row));
  }
  return sequences;
}

} // namespace pgsplit::catalog::detail
