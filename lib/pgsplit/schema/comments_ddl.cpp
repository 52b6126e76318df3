#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

namespace pgsplit::schema::detail {

// Comments travel as literals (never as identifiers), quoted for standard_conforming_strings.
void add_comment(std::vector<Statement>& out, const std::string& object_sql,
                 const std::string& what, const std::optional<std::string>& comment) {
  if (!comment) {
    return;
  }
  out.push_back(
      statement(fmt::format("COMMENT ON {} IS {}", object_sql, pg::quote_literal(*comment)),
                "comment on " + what));
}

// The table's comment and its columns' (column comments are not inherited, so a partition's
// or child's inherited columns get theirs too).
void add_table_comments(std::vector<Statement>& out, const Context& context,
                        const TargetTable& table) {
  const std::string name = context.quoted(table);
  const std::string readable = table.placed->target_name.to_string();
  add_comment(out, "TABLE " + name, "table " + readable, table.source->comment);
  for (const auto& column : table.source->columns) {
    add_comment(out, fmt::format("COLUMN {}.{}", name, pg::quote_ident(column.name)),
                fmt::format("column {}.{}", readable, column.name), column.comment);
  }
}

} // namespace pgsplit::schema::detail
