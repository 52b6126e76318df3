#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/core/count.hpp>
#include <pgsplit/plan/plan.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

// Helpers shared by the renderers of a plan (render_text, render_json, render_graph). Internal
// to lib/pgsplit/plan: not part of the public API.
namespace pgsplit::plan::render {

// A count with thousands separators: "1,234,567" (the one formatter of every report).
using core::format_count;

// "1 table", "2 tables".
std::string count_of(std::int64_t count, std::string_view singular, std::string_view plural);

// The number of terminal columns `text` takes: UTF-8 code points (wide characters count as one).
std::size_t display_width(std::string_view text);

// "enum", "domain", "composite", "range".
std::string_view type_kind_name(catalog::TypeKind kind);

// Names of the objects a target creates, resolved through the catalog. An OID the catalog does
// not know is shown as "(unknown type 123)" rather than failing: rendering never throws.
std::string type_name(const catalog::Catalog& catalog, catalog::Oid oid);
std::string sequence_name(const catalog::Catalog& catalog, catalog::Oid oid);
std::string extension_name(const catalog::Catalog& catalog, catalog::Oid oid);
std::string function_name(const catalog::Catalog& catalog, catalog::Oid oid); // no arguments
std::string function_arguments(const catalog::Catalog& catalog, catalog::Oid oid);
std::string view_name(const catalog::Catalog& catalog, catalog::Oid oid);
bool is_materialized(const catalog::Catalog& catalog, catalog::Oid view);
std::string table_name(const catalog::Catalog& catalog, catalog::Oid oid);
// A collation, operator, cast, text search object … as {kind, readable name}:
// {"collation", "app.ci"}, {"cast", "(text AS app.mood)"}.
std::pair<std::string, std::string> object_label(const catalog::Catalog& catalog,
                                                 const catalog::ObjectRef& ref);

// Counts computed from the plan itself (so that rendering does not depend on plan.cpp).
std::size_t error_count(const Plan& plan);
std::size_t warning_count(const Plan& plan);
std::size_t placed_table_count(const Plan& plan); // every placement, partitions included
std::int64_t total_rows(const Plan& plan);        // sum of the targets' estimates
std::int64_t total_bytes(const Plan& plan);

} // namespace pgsplit::plan::render
