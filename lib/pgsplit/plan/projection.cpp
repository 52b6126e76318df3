#include <pgsplit/pg/quote.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/plan/row_filter.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::plan {
namespace {

const config::ColumnChange* change_of(const PlacedTable& placed, std::string_view column) {
  const auto found =
      std::find_if(placed.column_changes.begin(), placed.column_changes.end(),
                   [&](const config::ColumnChange& change) { return change.column == column; });
  return found == placed.column_changes.end() ? nullptr : &*found;
}

const UuidReference* reference_of(const PlacedTable& placed, std::string_view column) {
  const auto found = std::find_if(placed.uuid_references.begin(), placed.uuid_references.end(),
                                  [&](const UuidReference& ref) { return ref.column == column; });
  return found == placed.uuid_references.end() ? nullptr : &*found;
}

} // namespace

std::string key_column(const catalog::Table& table) {
  for (const auto& constraint : table.constraints) {
    if (constraint.kind == catalog::ConstraintKind::primary_key && constraint.columns.size() == 1) {
      return constraint.columns.front();
    }
  }
  return {};
}

std::string key_uuid_prefix(const QualifiedName& table) {
  return fmt::format("{}.{}:", table.schema, table.name);
}

std::string key_uuid_expression(const QualifiedName& table, std::string_view value) {
  std::string space(key_uuid_namespace);
  space.erase(std::remove(space.begin(), space.end(), '-'), space.end());
  const auto hash = fmt::format("md5(decode('{}', 'hex') || convert_to({} || ({})::text, 'UTF8'))",
                                space, pg::quote_literal(key_uuid_prefix(table)), value);
  // Hex digit 13 is the version (3); digit 17 holds the variant: its two high bits 10, so
  // 0-f map to 8, 9, a, b in turn.
  return fmt::format("overlay(overlay({0} placing '3' from 13 for 1) placing "
                     "substr('89ab89ab89ab89ab', strpos('0123456789abcdef', substr({0}, 17, 1)), "
                     "1) from 17 for 1)::uuid",
                     hash);
}

std::vector<ProjectedColumn> project_columns(const catalog::Table& table,
                                             const PlacedTable& placed) {
  const std::string key = placed.key_uuid ? key_column(table) : std::string();
  std::vector<ProjectedColumn> columns;
  for (const auto& column : table.columns) {
    const auto* change = change_of(placed, column.name);
    if (change != nullptr && change->drop) {
      continue;
    }
    ProjectedColumn projected{column.name, column.name, column.type, pg::quote_ident(column.name)};
    if (change != nullptr && change->rename) {
      projected.name = *change->rename;
      projected.renamed = true;
    }
    if (change != nullptr && change->type) {
      projected.type = *change->type;
      projected.converted = true;
      projected.expression = fmt::format("CAST({} AS {})",
                                         change->expression ? filter_expression(*change->expression)
                                                            : projected.expression,
                                         projected.type);
    } else if (!key.empty() && column.name == key) {
      projected.type = "uuid";
      projected.converted = true;
      projected.expression = key_uuid_expression(placed.source_name, projected.expression);
    } else if (const auto* reference = reference_of(placed, column.name)) {
      projected.type = "uuid";
      projected.converted = true;
      projected.expression = key_uuid_expression(reference->parent, projected.expression);
    }
    columns.push_back(std::move(projected));
  }
  return columns;
}

bool binary_safe_type(std::string_view type) {
  static const std::vector<std::string_view> builtin = {"text",
                                                        "uuid",
                                                        "bigint",
                                                        "integer",
                                                        "smallint",
                                                        "boolean",
                                                        "date",
                                                        "numeric",
                                                        "varchar",
                                                        "character varying",
                                                        "bytea",
                                                        "jsonb",
                                                        "json",
                                                        "real",
                                                        "double precision",
                                                        "timestamp with time zone",
                                                        "timestamp without time zone",
                                                        "timestamptz",
                                                        "timestamp"};
  const auto base = type.substr(0, type.find('(')); // numeric(10,3), varchar(13)
  return std::find(builtin.begin(), builtin.end(), base) != builtin.end();
}

std::vector<std::string> describe_reshaping(const catalog::Table& table,
                                            const PlacedTable& placed) {
  const auto projected = project_columns(table, placed);
  std::vector<std::string> lines;
  for (const auto& column : table.columns) {
    const auto found = std::find_if(projected.begin(), projected.end(),
                                    [&](const auto& p) { return p.source == column.name; });
    if (found == projected.end()) {
      lines.push_back(fmt::format("{}: dropped", column.name));
      continue;
    }
    if (!found->renamed && !found->converted) {
      continue;
    }
    std::string line =
        found->renamed ? fmt::format("{} → {}", column.name, found->name) : column.name;
    if (found->converted) {
      const auto* change = change_of(placed, column.name);
      const auto* reference = reference_of(placed, column.name);
      std::string how;
      if (change != nullptr && change->type) {
        how = change->expression ? " using " + *change->expression : " (cast)";
      } else if (reference != nullptr) {
        how = fmt::format(" (references the uuid key of {})", reference->parent.to_string());
      } else {
        how = fmt::format(" (key: uuid, version 3 of '{}' || {}; new rows gen_random_uuid())",
                          key_uuid_prefix(placed.source_name), column.name);
      }
      line += fmt::format(": {} → {}{}", column.type, found->type, how);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string target_column_name(const PlacedTable& placed, std::string_view column) {
  const auto* change = change_of(placed, column);
  if (change == nullptr) {
    return std::string(column);
  }
  if (change->drop) {
    return {};
  }
  return change->rename.value_or(std::string(column));
}

std::string without_type_modifiers(std::string_view type) {
  std::string out;
  std::size_t at = 0;
  while (at < type.size()) {
    const auto open = type.find('(', at);
    const auto close = open == std::string_view::npos ? open : type.find(')', open);
    if (close == std::string_view::npos) {
      break;
    }
    const auto inside = type.substr(open + 1, close - open - 1);
    const bool modifiers =
        !inside.empty() && inside.find_first_not_of("0123456789, ") == std::string_view::npos;
    out.append(type.substr(at, open - at));
    if (!modifiers) {
      out.append(type.substr(open, close - open + 1));
    }
    at = close + 1;
  }
  out.append(type.substr(std::min(at, type.size())));
  // "timestamp(0) with time zone" leaves two spaces; "varchar(8) []" one before the brackets.
  std::string tidy;
  for (const char character : out) {
    if (character == ' ' && (tidy.empty() || tidy.back() == ' ')) {
      continue;
    }
    tidy += character;
  }
  while (!tidy.empty() && tidy.back() == ' ') {
    tidy.pop_back();
  }
  return tidy;
}

std::string source_column_name(const PlacedTable& placed, std::string_view column) {
  for (const auto& change : placed.column_changes) {
    if (!change.drop && change.rename && *change.rename == column) {
      return change.column;
    }
  }
  return std::string(column);
}

std::map<std::string, std::string> renamed_columns(const PlacedTable& placed) {
  std::map<std::string, std::string> renamed;
  for (const auto& change : placed.column_changes) {
    if (change.rename && !change.drop) {
      renamed.emplace(change.column, *change.rename);
    }
  }
  return renamed;
}

catalog::Access target_access(const PlacedTable& placed, const catalog::Access& access) {
  catalog::Access result{access.owner, {}};
  for (auto privilege : access.privileges) {
    if (privilege.column) {
      privilege.column = target_column_name(placed, *privilege.column);
      if (privilege.column->empty()) {
        continue;
      }
    }
    result.privileges.push_back(std::move(privilege));
  }
  return result;
}

} // namespace pgsplit::plan
