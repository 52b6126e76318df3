#include <pgsplit/copy/table_copy.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/core/sha256.hpp>
#include <pgsplit/pg/copy_stream.hpp>
#include <pgsplit/pg/quote.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/plan/row_filter.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::copy {
namespace {

// The first OID of user-created objects: types below it are built in and identical everywhere.
constexpr catalog::Oid first_normal_oid = 16384;

std::string quoted_columns(const std::vector<std::string>& columns) {
  std::string list;
  for (const auto& column : columns) {
    list += (list.empty() ? "" : ", ") + pg::quote_ident(column);
  }
  return list;
}

std::string format_name(CopyFormat format) {
  return format == CopyFormat::binary ? "binary" : "text";
}

// Binary COPY carries type OIDs only inside arrays and composites; an enum travels as its
// label (enum_send / enum_recv), so a column of a built-in type or of an enum reads and writes
// the same in every database. Arrays of enums, composites, domains and ranges stay in text.
bool binary_safe(const catalog::Catalog& catalog, const catalog::Column& column) {
  if (column.type_oid < first_normal_oid) {
    return true;
  }
  const auto* type = catalog.find_type(column.type_oid);
  return type && type->kind == catalog::TypeKind::enumeration;
}

TableCopy copy_for(const catalog::Catalog& catalog, const catalog::Table& table,
                   const plan::PlacedTable& placed, const std::string& target,
                   bool existing_schema) {
  TableCopy copy;
  copy.target = target;
  copy.table = table.oid;
  copy.source_name = table.name;
  copy.target_name = placed.target_name;
  copy.where = placed.where;
  copy.estimated_bytes = placed.size_bytes;
  bool builtin_types = true;
  const auto projected = plan::project_columns(table, placed);
  for (const auto& column : table.columns) {
    if (column.generated_expression) {
      continue; // computed again by the target
    }
    const auto found = std::find_if(projected.begin(), projected.end(),
                                    [&](const auto& p) { return p.source == column.name; });
    if (found == projected.end()) {
      continue; // dropped by the mapping
    }
    copy.columns.push_back(found->name);
    if (placed.reshaped()) {
      copy.expressions.push_back(found->expression);
    }
    builtin_types = builtin_types && (found->converted ? plan::binary_safe_type(found->type)
                                                       : binary_safe(catalog, column));
  }
  // An existing target table may hold other types (bigint for integer, text for an enum):
  // binary only when the preflight found the source's types there. A table without columns
  // is copied as a count of rows (copy_table): text, one line per row.
  const bool same_types = !existing_schema || placed.target_types_match;
  copy.format =
      builtin_types && same_types && !copy.columns.empty() ? CopyFormat::binary : CopyFormat::text;
  copy.fingerprint = core::sha256_hex(fmt::format(
      "{}\n{}\n{}\n{}\n{}{}", table.name.to_string(), placed.target_name.to_string(),
      fmt::join(copy.columns, ","), placed.where.value_or(""), format_name(copy.format),
      copy.expressions.empty() ? std::string()
                               : fmt::format("\n{}", fmt::join(copy.expressions, "\n"))));
  return copy;
}

} // namespace

std::string TableCopy::label() const {
  if (part) {
    return fmt::format("{}: {} (part {}/{})", target, target_name.to_string(), part->index + 1,
                       part->count);
  }
  return fmt::format("{}: {}", target, target_name.to_string());
}

TableCopy TableCopy::part_copy(int index) const {
  TableCopy copy = *this;
  copy.parts.clear();
  copy.part =
      CopyPart{index, static_cast<int>(parts.size()), parts.at(static_cast<std::size_t>(index))};
  return copy;
}

std::vector<TableCopy> table_copies(const catalog::Catalog& catalog, const plan::TargetPlan& target,
                                    bool existing_schema) {
  std::vector<TableCopy> copies;
  for (const auto& placed : target.tables) {
    const auto* table = catalog.find_table(placed.table);
    if (table->kind == catalog::TableKind::partitioned_table) {
      continue; // its rows live in its partitions, copied one by one
    }
    copies.push_back(copy_for(catalog, *table, placed, target.name, existing_schema));
  }
  return copies;
}

std::string copy_out_statement(const TableCopy& copy) {
  std::vector<std::string> conditions;
  if (copy.where) {
    // As the plan checked it: on lines of its own, so that a trailing `--` comment ends there.
    conditions.push_back(plan::filter_expression(*copy.where));
  }
  if (copy.part) {
    conditions.push_back(fmt::format("({})", copy.part->condition));
  }
  const auto where =
      conditions.empty() ? std::string{} : fmt::format(" WHERE {}", fmt::join(conditions, " AND "));
  return fmt::format("COPY (SELECT {} FROM ONLY {}{}) TO STDOUT (FORMAT {})",
                     copy.expressions.empty()
                         ? quoted_columns(copy.columns)
                         : fmt::format("{}", fmt::join(copy.expressions, ", ")),
                     pg::quote_qualified(copy.source_name.schema, copy.source_name.name), where,
                     format_name(copy.format));
}

std::string copy_in_statement(const TableCopy& copy) {
  return fmt::format("COPY {} ({}) FROM STDIN (FORMAT {}{})",
                     pg::quote_qualified(copy.target_name.schema, copy.target_name.name),
                     quoted_columns(copy.columns), format_name(copy.format),
                     copy.part ? "" : ", FREEZE");
}

namespace {

// A table without columns (`CREATE TABLE t ()`, or every column dropped) holds nothing but its
// number of rows, and `COPY t () FROM STDIN` is a syntax error: the source's rows are counted
// from its COPY (one empty line each) and as many are inserted.
CopyResult copy_row_count(pg::Connection& source, pg::Connection& target, const TableCopy& copy,
                          CopyCounters& counters) {
  pg::CopyOut out(source, copy_out_statement(copy));
  std::string_view chunk;
  std::int64_t rows = 0;
  while (out.read(chunk)) {
    counters.bytes.fetch_add(static_cast<std::int64_t>(chunk.size()), std::memory_order_relaxed);
    counters.rows.fetch_add(1, std::memory_order_relaxed);
    ++rows;
  }
  CopyResult result;
  result.bytes = out.finish();
  result.source_rows = out.rows();
  result.rows =
      target
          .exec(fmt::format("INSERT INTO {} SELECT FROM generate_series(1, $1::bigint)",
                            pg::quote_qualified(copy.target_name.schema, copy.target_name.name)),
                {std::to_string(rows)})
          .affected_rows();
  return result;
}

} // namespace

CopyResult copy_table(pg::Connection& source, pg::Connection& target, const TableCopy& copy,
                      CopyCounters& counters) {
  // FREEZE needs the table created or truncated in this transaction; TRUNCATE ONLY also makes
  // a retried copy start from nothing. Parts find their table truncated by their first job.
  if (!copy.part) {
    target.exec(fmt::format("TRUNCATE ONLY {}",
                            pg::quote_qualified(copy.target_name.schema, copy.target_name.name)));
  }
  if (copy.columns.empty()) {
    return copy_row_count(source, target, copy, counters);
  }
  pg::CopyIn in(target, copy_in_statement(copy));
  pg::CopyOut out(source, copy_out_statement(copy));
  std::string_view chunk;
  std::int64_t messages = 0; // one per row, plus the binary format's trailer
  while (out.read(chunk)) {
    in.write(chunk);
    counters.bytes.fetch_add(static_cast<std::int64_t>(chunk.size()), std::memory_order_relaxed);
    counters.rows.fetch_add(1, std::memory_order_relaxed);
    ++messages;
  }
  CopyResult result;
  result.bytes = out.finish();
  result.source_rows = out.rows();
  result.rows = in.finish();
  // The counters may be shared by the parts of one table: correct by the difference.
  counters.rows.fetch_add(result.rows - messages, std::memory_order_relaxed);
  return result;
}

} // namespace pgsplit::copy
