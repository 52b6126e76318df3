#include <pgsplit/catalog/row_values.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pgsplit::catalog::detail {
namespace {

core::Error unexpected(std::string_view json) {
  return core::Error(
      fmt::format("internal error: unexpected json from the catalog: {}", json.substr(0, 80)));
}

nlohmann::json parse_array(std::string_view json) {
  if (json.empty()) {
    return nlohmann::json::array();
  }
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_null()) {
    return nlohmann::json::array();
  }
  if (parsed.is_discarded() || !parsed.is_array()) {
    throw unexpected(json);
  }
  return parsed;
}

} // namespace

Oid oid_value(const pg::Result& result, int row, std::string_view column) {
  return static_cast<Oid>(result.int64(row, column));
}

std::optional<Oid> optional_oid(const pg::Result& result, int row, std::string_view column) {
  if (result.is_null(row, result.column(column))) {
    return std::nullopt;
  }
  const Oid oid = oid_value(result, row, column);
  return oid == 0 ? std::nullopt : std::optional<Oid>(oid);
}

char char_value(const pg::Result& result, int row, std::string_view column) {
  const std::string_view text = result.value(row, result.column(column));
  return text.empty() ? '\0' : text.front();
}

std::optional<std::string> optional_qualified(const pg::Result& result, int row,
                                              std::string_view schema_column,
                                              std::string_view name_column) {
  const auto name = result.optional_text(row, name_column);
  if (!name) {
    return std::nullopt;
  }
  return pg::quote_qualified(result.text(row, schema_column), *name);
}

std::vector<std::string> json_strings(const pg::Result& result, int row, std::string_view column) {
  return parse_json_strings(result.value(row, result.column(column)));
}

std::vector<Oid> json_oids(const pg::Result& result, int row, std::string_view column) {
  return parse_json_oids(result.value(row, result.column(column)));
}

std::vector<int> json_integers(const pg::Result& result, int row, std::string_view column) {
  return parse_json_integers(result.value(row, result.column(column)));
}

std::vector<std::string> parse_json_strings(std::string_view json) {
  std::vector<std::string> values;
  for (const auto& element : parse_array(json)) {
    if (!element.is_string()) {
      throw unexpected(json);
    }
    values.push_back(element.get<std::string>());
  }
  return values;
}

std::vector<Oid> parse_json_oids(std::string_view json) {
  std::vector<Oid> values;
  for (const auto& element : parse_array(json)) {
    if (!element.is_number_unsigned()) {
      throw unexpected(json);
    }
    values.push_back(element.get<Oid>());
  }
  return values;
}

std::vector<int> parse_json_integers(std::string_view json) {
  std::vector<int> values;
  for (const auto& element : parse_array(json)) {
    if (!element.is_number_integer()) {
      throw unexpected(json);
    }
    values.push_back(element.get<int>());
  }
  return values;
}

std::string text_array_literal(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (const auto& value : values) {
    if (literal.size() > 1) {
      literal += ',';
    }
    literal += '"';
    for (const char character : value) {
      if (character == '"' || character == '\\') {
        literal += '\\';
      }
      literal += character;
    }
    literal += '"';
  }
  return literal + "}";
}

std::string oid_array_literal(const std::vector<Oid>& values) {
  std::string literal = "{";
  for (const Oid value : values) {
    if (literal.size() > 1) {
      literal += ',';
    }
    literal += std::to_string(value);
  }
  return literal + "}";
}

} // namespace pgsplit::catalog::detail
