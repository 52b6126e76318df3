#include <pgsplit/probe/existing_tables.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

namespace pgsplit::probe {
namespace {

// Only tables: a view or sequence of the same name is left to CREATE TABLE to report.
constexpr const char* tables_query = R"sql(
SELECT n.nspname AS schema_name, c.relname AS table_name, c.relkind::text AS kind,
       pg_catalog.has_table_privilege(c.oid, 'SELECT') AS readable,
       a.attname AS column_name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type
FROM unnest($1::text[], $2::text[]) AS wanted(schema_name, table_name)
JOIN pg_catalog.pg_namespace AS n ON n.nspname = wanted.schema_name
JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = wanted.table_name
LEFT JOIN pg_catalog.pg_attribute AS a
  ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p', 'f')
ORDER BY n.nspname, c.relname, a.attnum
)sql";

// {"a","b\"c"}: every element quoted, so no name is read as NULL or split.
std::string text_array_literal(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (const auto& value : values) {
    literal += literal.size() > 1 ? ",\"" : "\"";
    for (const char character : value) {
      if (character == '"' || character == '\\') {
        literal.push_back('\\');
      }
      literal.push_back(character);
    }
    literal.push_back('"');
  }
  return literal + "}";
}

struct Found {
  plan::ExistingTable table;
  char kind = 'r';
  bool readable = true;
};

// format_type names a type with its schema unless the search_path makes it visible. The
// source catalog is read with an empty search_path (public.mood); the target's columns must be
// read the same way, or the same type would compare as two (public.mood against mood).
pg::Result read_with_empty_search_path(pg::Connection& target, const pg::Params& params) {
  target.exec("BEGIN READ ONLY");
  try {
    target.exec("SELECT pg_catalog.set_config('search_path', '', true)");
    auto result = target.exec(tables_query, params);
    target.exec("COMMIT");
    return result;
  } catch (...) {
    try {
      target.exec("ROLLBACK");
    } catch (...) {
      // The connection is gone: the first error is the one to report.
    }
    throw;
  }
}

std::vector<Found> read_tables(pg::Connection& target,
                               const std::vector<catalog::QualifiedName>& names) {
  std::vector<std::string> schemas;
  std::vector<std::string> tables;
  for (const auto& name : names) {
    schemas.push_back(name.schema);
    tables.push_back(name.name);
  }
  const auto result = read_with_empty_search_path(
      target, {text_array_literal(schemas), text_array_literal(tables)});
  std::vector<Found> found;
  for (int row = 0; row < result.rows(); ++row) {
    catalog::QualifiedName name{result.text(row, "schema_name"), result.text(row, "table_name")};
    if (found.empty() || found.back().table.name != name) {
      found.push_back({.table = {.name = std::move(name)},
                       .kind = result.text(row, "kind").front(),
                       .readable = result.boolean(row, "readable")});
    }
    if (auto column = result.optional_text(row, "column_name")) {
      found.back().table.columns.push_back({*column, result.text(row, "column_type")});
    }
  }
  return found;
}

// A foreign table's rows live elsewhere; a partitioned table's rows live in its partitions,
// which ONLY would skip.
std::string has_rows_select(pg::Connection& target, std::size_t index, const Found& found) {
  const auto quoted = target.quote_qualified(found.table.name.schema, found.table.name.name);
  return fmt::format("SELECT {} AS position, EXISTS (SELECT 1 FROM {}{}) AS has_rows", index,
                     found.kind == 'p' ? "" : "ONLY ", quoted);
}

} // namespace

std::vector<plan::ExistingTable>
read_existing_tables(pg::Connection& target, const std::vector<catalog::QualifiedName>& names) {
  auto found = read_tables(target, names);
  std::vector<std::string> selects;
  for (std::size_t index = 0; index < found.size(); ++index) {
    // Unreadable: we cannot tell, so it counts as holding rows (the cautious answer).
    found[index].table.has_rows = !found[index].readable;
    if (found[index].readable && found[index].kind != 'f') {
      selects.push_back(has_rows_select(target, index, found[index]));
    }
  }
  if (!selects.empty()) {
    const auto result = target.exec(fmt::format("{}", fmt::join(selects, "\nUNION ALL\n")), {});
    for (int row = 0; row < result.rows(); ++row) {
      found[static_cast<std::size_t>(result.int64(row, "position"))].table.has_rows =
          result.boolean(row, "has_rows");
    }
  }
  std::vector<plan::ExistingTable> tables;
  for (auto& item : found) {
    tables.push_back(std::move(item.table));
  }
  return tables;
}

} // namespace pgsplit::probe
