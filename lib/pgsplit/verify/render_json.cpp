#include <pgsplit/verify/render_json.hpp>

#include <nlohmann/json.hpp>

namespace pgsplit::verify {
namespace {

using Json = nlohmann::ordered_json;

Json optional_count(const std::optional<std::int64_t>& count) {
  return count ? Json(*count) : Json();
}

Json table_json(const TableCheck& table) {
  Json json;
  json["source"] = table.source_name.to_string();
  json["target"] = table.target_name.to_string();
  json["where"] = table.where ? Json(*table.where) : Json();
  json["source_rows"] = optional_count(table.source_rows);
  json["target_rows"] = optional_count(table.target_rows);
  json["checksum"] = table.checksum == ChecksumStatus::not_computed
                         ? Json()
                         : Json(table.checksum == ChecksumStatus::match ? "ok" : "mismatch");
  json["problem"] = table.problem.empty() ? Json() : Json(table.problem);
  json["ok"] = table.matches();
  return json;
}

Json target_json(const TargetReport& target) {
  Json json;
  json["name"] = target.name;
  json["connection"] = target.connection;
  json["tables"] = Json::array();
  for (const auto& table : target.tables) {
    json["tables"].push_back(table_json(table));
  }
  return json;
}

Json finding_json(const Finding& finding) {
  Json json;
  json["check"] = std::string(to_string(finding.check));
  json["outcome"] = finding.outcome == Outcome::mismatch ? "mismatch" : "not_checked";
  json["target"] = finding.target;
  json["object"] = finding.object;
  json["message"] = finding.message;
  return json;
}

} // namespace

std::string render_json(const VerifyReport& report) {
  Json doc;
  doc["format_version"] = 1;
  doc["source"] = report.source;
  doc["options"] = Json{{"checksums", report.checksums}, {"references", report.references}};
  doc["targets"] = Json::array();
  for (const auto& target : report.targets) {
    doc["targets"].push_back(target_json(target));
  }
  doc["checked"] = Json{{"tables", report.counted.tables},
                        {"sequences", report.counted.sequences},
                        {"stamps", report.counted.stamps},
                        {"schema_tables", report.counted.schema_tables},
                        {"references", report.counted.references}};
  doc["findings"] = Json::array();
  for (const auto& finding : report.findings) {
    doc["findings"].push_back(finding_json(finding));
  }
  const std::size_t mismatches = report.mismatches();
  doc["totals"] = Json{{"targets", report.targets.size()},
                       {"tables", report.table_count()},
                       {"source_rows", report.source_rows()},
                       {"mismatches", mismatches},
                       {"not_checked", report.findings.size() - mismatches}};
  doc["ok"] = report.ok();
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

} // namespace pgsplit::verify
