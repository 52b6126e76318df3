#include "unit/verify/render_fixture.hpp"

#include <pgsplit/verify/render_json.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace pgsplit::verify;
using Json = nlohmann::ordered_json;

namespace {

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) {
    keys.push_back(item.key());
  }
  return keys;
}

} // namespace

TEST_CASE("render_json writes the documented keys in order", "[verify]") {
  const auto doc = Json::parse(render_json(pgsplit::testing::make_report(true)));
  CHECK(keys_of(doc) == std::vector<std::string>{"format_version", "source", "options", "targets",
                                                 "checked", "findings", "totals", "ok"});
  CHECK(doc["format_version"] == 1);
  CHECK(doc["ok"] == false);
  CHECK(doc["options"] == Json{{"checksums", true}, {"references", false}});
  CHECK(doc["totals"] == Json{{"targets", 2},
                              {"tables", 3},
                              {"source_rows", 12355},
                              {"mismatches", 2},
                              {"not_checked", 1}});
  CHECK(keys_of(doc["targets"][0]) == std::vector<std::string>{"name", "connection", "tables"});
  CHECK(doc["targets"][0]["tables"][1] == Json{{"source", "app.events"},
                                               {"target", "app.events"},
                                               {"where", "kind = 'crm'"},
                                               {"source_rows", 7},
                                               {"target_rows", 6},
                                               {"checksum", "ok"},
                                               {"problem", nullptr},
                                               {"ok", false}});
  CHECK(
      doc["checked"] ==
      Json{
          {"tables", 3}, {"sequences", 2}, {"stamps", 1}, {"schema_tables", 3}, {"references", 0}});
  CHECK(doc["findings"][2] ==
        Json{{"check", "stamp"},
             {"outcome", "not_checked"},
             {"target", "billing"},
             {"object", "sql"},
             {"message", "a sql: stamp cannot be verified: INSERT INTO v VALUES (1)"}});
}

TEST_CASE("render_json: a clean report is ok", "[verify]") {
  const auto doc = Json::parse(render_json(pgsplit::testing::make_report(false)));
  CHECK(doc["ok"] == true);
  CHECK(doc["totals"]["mismatches"] == 0);
}
