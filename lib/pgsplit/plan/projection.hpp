#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

// A reshaped table (docs/mapping.md, "Reshaping columns") as SQL: what each target column is
// called, its type and the expression over the source row that produces it. The schema, the
// copy, the plan's checks on the source and verify all read the table through this one
// projection, so that they cannot disagree.
namespace pgsplit::plan {

struct ProjectedColumn {
  std::string source;     // the source column's name
  std::string name;       // the target column's name
  std::string type;       // the target column's type (SQL text)
  std::string expression; // SQL over the source row: the quoted column itself when unchanged
  bool renamed = false;
  bool converted = false; // type and value come from the mapping (or `key: uuid`)
};

// The namespace of the name-based uuids of `key: uuid` (RFC 4122 version 3).
inline constexpr std::string_view key_uuid_namespace = "7d09d5fe-c087-5dce-82aa-00bf9266cd8b";

// The single column of the table's primary key; empty when there is none or several.
std::string key_column(const catalog::Table& table);

// The name a key value is hashed with: "<schema>.<table>:" followed by the value as text.
std::string key_uuid_prefix(const QualifiedName& table);

// SQL computing the version-3 uuid of the integer `value` (SQL) of `table`'s key on the source,
// without extension: md5() of the namespace's bytes and the name, then the version and variant
// bits set as RFC 4122 says. NULL stays NULL.
std::string key_uuid_expression(const QualifiedName& table, std::string_view value);

// Whether a converted column of this type (as written in the mapping) travels in binary COPY:
// built-in types, whose binary form is the same in every database.
bool binary_safe_type(std::string_view type);

// The columns of `placed` in its target, in the source's order, dropped ones left out.
std::vector<ProjectedColumn> project_columns(const catalog::Table& table,
                                             const PlacedTable& placed);

// One line per reshaped column of `placed`, for the plan's outputs, in the source's column
// order: "legacy_flag: dropped", "price_cents → price_minor", "ean: double precision → text
// using lpad(…)", "id: integer → uuid (key: uuid …)".
std::vector<std::string> describe_reshaping(const catalog::Table& table, const PlacedTable& placed);

// `type` without its modifiers: "numeric(10,3)" → "numeric", "character varying(8)[]" →
// "character varying[]", "timestamp(0) with time zone" → "timestamp with time zone". An
// explicit cast to a type with modifiers cuts or rounds a value silently; the same cast to the
// bare type keeps it, so that comparing both finds the rows a conversion would change.
std::string without_type_modifiers(std::string_view type);

// The placed table's target name of source column `column` (itself when not renamed); empty
// when the mapping drops it.
std::string target_column_name(const PlacedTable& placed, std::string_view column);

// The source column of target column `column` of `placed` (the inverse of target_column_name).
std::string source_column_name(const PlacedTable& placed, std::string_view column);

// The placed table's renamed columns, source name → target name (dropped ones left out).
std::map<std::string, std::string> renamed_columns(const PlacedTable& placed);

// A table's owner and privileges as its target has them: a column privilege follows its
// column's rename, and is left out with a dropped column.
catalog::Access target_access(const PlacedTable& placed, const catalog::Access& access);

} // namespace pgsplit::plan
