#include <pgsplit/plan/projection.hpp>
#include <pgsplit/plan/render_common.hpp>
#include <pgsplit/plan/render_json.hpp>

#include <nlohmann/json.hpp>

namespace pgsplit::plan {
namespace {

// Keys stay in the order they are written, so that the document reads like the text output.
using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& text) { return text.empty() ? Json() : Json(text); }

Json number_or_null(int number) { return number > 0 ? Json(number) : Json(); }

Json table_json(const PlacedTable& placed, const catalog::Catalog& catalog) {
  Json table;
  table["source"] = placed.source_name.to_string();
  table["target"] = placed.target_name.to_string();
  table["where"] = placed.where ? Json(*placed.where) : Json();
  table["replicate"] = placed.replicate;
  table["partition_of"] = placed.root ? Json(render::table_name(catalog, *placed.root)) : Json();
  table["estimated_rows"] = placed.estimated_rows;
  table["size_bytes"] = placed.size_bytes;
  const auto* source = catalog.find_table(placed.table);
  if (placed.reshaped() && source != nullptr) { // only then: other documents keep their shape
    Json columns = Json::array();
    for (const auto& column : project_columns(*source, placed)) {
      if (column.renamed || column.converted) {
        columns.push_back({{"source", column.source},
                           {"target", column.name},
                           {"type", column.type},
                           {"expression", column.expression}});
      }
    }
    table["reshaped_columns"] = std::move(columns);
    Json dropped = Json::array();
    for (const auto& change : placed.column_changes) {
      if (change.drop) {
        dropped.push_back(change.column);
      }
    }
    table["dropped_columns"] = std::move(dropped);
    table["key_uuid"] = placed.key_uuid;
  }
  return table;
}

Json foreign_key_json(const CrossTargetForeignKey& key) {
  Json json;
  json["constraint"] = key.name;
  json["child"] = key.child.to_string();
  json["child_columns"] = key.child_columns;
  json["child_target"] = key.child_target;
  json["parent"] = key.parent.to_string();
  json["parent_columns"] = key.parent_columns;
  json["parent_target"] = text_or_null(key.parent_target);
  return json;
}

Json foreign_keys_json(const std::vector<CrossTargetForeignKey>& keys) {
  Json list = Json::array();
  for (const CrossTargetForeignKey& key : keys) {
    list.push_back(foreign_key_json(key));
  }
  return list;
}

Json stamp_json(const config::StampEntry& stamp) {
  Json json;
  json["tool"] = std::string(config::to_string(stamp.tool));
  json["schema"] = stamp.schema ? Json(*stamp.schema) : Json();
  json["table"] = text_or_null(stamp.table);
  json["version"] = text_or_null(stamp.version);
  return json;
}

Json target_json(const TargetPlan& target, const catalog::Catalog& catalog) {
  Json json;
  json["name"] = target.name;
  json["connection"] = target.url_description;
  json["create_database"] = target.create_database;
  json["tables"] = Json::array();
  for (const PlacedTable& placed : target.tables) {
    json["tables"].push_back(table_json(placed, catalog));
  }
  json["schemas"] = target.schemas;
  json["extensions"] = Json::array();
  for (const Oid oid : target.extensions) {
    json["extensions"].push_back(render::extension_name(catalog, oid));
  }
  json["types"] = Json::array();
  for (const Oid oid : target.types) {
    const catalog::Type* type = catalog.find_type(oid);
    json["types"].push_back(
        Json{{"name", render::type_name(catalog, oid)},
             {"kind", type == nullptr ? Json() : Json(render::type_kind_name(type->kind))}});
  }
  json["sequences"] = Json::array();
  for (const Oid oid : target.sequences) {
    json["sequences"].push_back(render::sequence_name(catalog, oid));
  }
  json["functions"] = Json::array();
  for (const Oid oid : target.functions) {
    json["functions"].push_back(Json{{"name", render::function_name(catalog, oid)},
                                     {"arguments", render::function_arguments(catalog, oid)}});
  }
  json["views"] = Json::array();
  for (const Oid oid : target.views) {
    json["views"].push_back(Json{{"name", render::view_name(catalog, oid)},
                                 {"materialized", render::is_materialized(catalog, oid)}});
  }
  json["objects"] = Json::array();
  for (const catalog::ObjectRef& ref : target.objects) {
    const auto [kind, name] = render::object_label(catalog, ref);
    json["objects"].push_back(Json{{"kind", kind}, {"name", name}});
  }
  json["dropped_foreign_keys"] = foreign_keys_json(target.dropped_foreign_keys);
  json["stamps"] = Json::array();
  for (const config::StampEntry& stamp : target.stamps) {
    json["stamps"].push_back(stamp_json(stamp));
  }
  json["stamp_summaries"] = target.stamp_summaries;
  json["estimated_rows"] = target.estimated_rows;
  json["size_bytes"] = target.size_bytes;
  return json;
}

Json diagnostics_json(const Plan& plan, Severity severity) {
  Json list = Json::array();
  for (const Finding& finding : plan.findings) {
    if (finding.severity != severity) {
      continue;
    }
    const core::Diagnostic& d = finding.diagnostic;
    Json json;
    json["message"] = d.message;
    json["hint"] = text_or_null(d.hint);
    json["file"] = text_or_null(d.where.file);
    json["line"] = number_or_null(d.where.line);
    json["column"] = number_or_null(d.where.column);
    json["target"] = text_or_null(d.where.target);
    json["table"] = text_or_null(d.where.table);
    list.push_back(std::move(json));
  }
  return list;
}

} // namespace

std::string render_json(const Plan& plan, const catalog::Catalog& catalog) {
  Json doc;
  doc["format_version"] = 1;
  doc["source"] = Json{{"connection", plan.source_description}, {"database", plan.source_database}};
  doc["targets"] = Json::array();
  for (const TargetPlan& target : plan.targets) {
    doc["targets"].push_back(target_json(target, catalog));
  }
  doc["excluded"] = Json::array();
  for (const ExcludedTable& table : plan.excluded) {
    doc["excluded"].push_back(Json{{"table", table.name.to_string()},
                                   {"reason", table.why},
                                   {"version_table", table.version_table}});
  }
  doc["views_left_behind"] = Json::array();
  for (const LeftBehindView& view : plan.views_left_behind) {
    doc["views_left_behind"].push_back(Json{{"name", view.name.to_string()},
                                            {"materialized", view.materialized},
                                            {"reason", view.reason}});
  }
  doc["objects_left_behind"] = Json::array();
  for (const LeftBehindObject& object : plan.objects_left_behind) {
    doc["objects_left_behind"].push_back(Json{{"kind", object.kind}, {"name", object.name}});
  }
  doc["cross_target_foreign_keys"] = foreign_keys_json(plan.cross_target_foreign_keys);
  doc["shared_sequences"] = Json::array();
  for (const SharedSequence& sequence : plan.shared_sequences) {
    doc["shared_sequences"].push_back(
        Json{{"name", sequence.name.to_string()}, {"targets", sequence.targets}});
  }
  doc["totals"] = Json{{"targets", plan.targets.size()},
                       {"tables", render::placed_table_count(plan)},
                       {"estimated_rows", render::total_rows(plan)},
                       {"size_bytes", render::total_bytes(plan)}};
  doc["errors"] = diagnostics_json(plan, Severity::error);
  doc["warnings"] = diagnostics_json(plan, Severity::warning);
  doc["ok"] = render::error_count(plan) == 0;
  // Invalid UTF-8 (a name from a SQL_ASCII database) is replaced, never thrown about.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

} // namespace pgsplit::plan
