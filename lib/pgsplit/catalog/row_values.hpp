#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Internal to the catalog loader: reading catalog values out of query results, and writing
// the array literals its queries take as parameters.
namespace pgsplit::catalog::detail {

Oid oid_value(const pg::Result& result, int row, std::string_view column);
// nullopt for NULL and for 0 (the catalog's "none").
std::optional<Oid> optional_oid(const pg::Result& result, int row, std::string_view column);
// The first character of a "char" column ('\0' when empty or NULL).
char char_value(const pg::Result& result, int row, std::string_view column);

// "schema"."name" (always quoted) from two columns; nullopt when the name column is NULL.
std::optional<std::string> optional_qualified(const pg::Result& result, int row,
                                              std::string_view schema_column,
                                              std::string_view name_column);

// The elements of a json array (json_agg output); NULL or "" gives an empty list.
std::vector<std::string> json_strings(const pg::Result& result, int row, std::string_view column);
std::vector<Oid> json_oids(const pg::Result& result, int row, std::string_view column);
std::vector<int> json_integers(const pg::Result& result, int row, std::string_view column);
std::vector<std::string> parse_json_strings(std::string_view json);
std::vector<Oid> parse_json_oids(std::string_view json);
std::vector<int> parse_json_integers(std::string_view json);

// Array literals for $n::text[] and $n::oid[] parameters: {"a","b\"c"} and {1,2}.
std::string text_array_literal(const std::vector<std::string>& values);
std::string oid_array_literal(const std::vector<Oid>& values);

} // namespace pgsplit::catalog::detail
