#include <pgsplit/copy/sequences.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

#include <map>

namespace pgsplit::copy {
namespace {

struct Value {
  std::string last_value;
  bool is_called = false;
};
using Values = std::map<catalog::Oid, Value>;

// Every sequence's (last_value, is_called), read from the sequences themselves in one
// statement: pg_sequences hides last_value until nextval was called.
Values read_values(pg::Connection& source, const std::vector<const catalog::Sequence*>& sequences) {
  Values values;
  if (sequences.empty()) {
    return values;
  }
  std::string sql;
  for (const auto* sequence : sequences) {
    sql += fmt::format("{}SELECT {}::oid AS oid, last_value::text AS value, is_called FROM {}",
                       sql.empty() ? "" : " UNION ALL ", sequence->oid,
                       pg::quote_qualified(sequence->name.schema, sequence->name.name));
  }
  const auto rows = source.exec(sql);
  for (int row = 0; row < rows.rows(); ++row) {
    values[static_cast<catalog::Oid>(rows.int64(row, "oid"))] = {rows.text(row, "value"),
                                                                 rows.boolean(row, "is_called")};
  }
  return values;
}

} // namespace

std::vector<SequenceValue> sequence_values(pg::Connection& source, const catalog::Catalog& catalog,
                                           const plan::TargetPlan& target) {
  std::vector<const catalog::Sequence*> needed;
  for (const auto oid : target.sequences) {
    needed.push_back(catalog.find_sequence(oid));
  }
  for (const auto& placed : target.tables) {
    for (const auto& column : catalog.find_table(placed.table)->columns) {
      if (column.identity_sequence && catalog.find_sequence(*column.identity_sequence)) {
        needed.push_back(catalog.find_sequence(*column.identity_sequence));
      }
    }
  }
  const auto values = read_values(source, needed);
  std::vector<SequenceValue> result;
  for (const auto oid : target.sequences) {
    const auto& name = catalog.find_sequence(oid)->name;
    const auto& value = values.at(oid);
    result.push_back({target.name,
                      fmt::format("SELECT setval({}, {}, {})",
                                  pg::quote_literal(pg::quote_qualified(name.schema, name.name)),
                                  value.last_value, value.is_called),
                      fmt::format("{} = {}", name.to_string(), value.last_value)});
  }
  for (const auto& placed : target.tables) {
    for (const auto& column : catalog.find_table(placed.table)->columns) {
      if (!column.identity_sequence) {
        continue;
      }
      const auto found = values.find(*column.identity_sequence);
      if (found == values.end()) {
        continue;
      }
      const auto table = pg::quote_qualified(placed.target_name.schema, placed.target_name.name);
      result.push_back({target.name,
                        fmt::format("SELECT setval(pg_get_serial_sequence({}, {}), {}, {})",
                                    pg::quote_literal(table), pg::quote_literal(column.name),
                                    found->second.last_value, found->second.is_called),
                        fmt::format("identity of {}.{} = {}", placed.target_name.to_string(),
                                    column.name, found->second.last_value)});
    }
  }
  return result;
}

} // namespace pgsplit::copy
