// verify's target sessions: bounded per worker whatever the number of targets (a worker kept
// one session per target it had read: 75 targets at -j 4 were 300 connections).
#include "support/sandbox.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/verify/sessions.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <vector>

using namespace pgsplit;

TEST_CASE("a worker keeps at most two target sessions open", "[verify][connections]") {
  std::vector<testing::TestDatabase> databases;
  std::string yaml = "source: {url: \"postgresql://nobody@127.0.0.1:1/monolith\"}\ntargets:\n";
  for (int index = 0; index < 5; ++index) {
    databases.emplace_back(fmt::format("verify_sessions_{}", index));
    yaml += fmt::format("  t{}: {{url: \"{}\", tables: [t{}]}}\n", index, databases.back().url(),
                        index);
  }
  const auto mapping = config::parse_mapping(yaml, "m.yaml", config::fixed_environment({}));
  verify::TargetSessions sessions(mapping);
  for (int index = 0; index < 5; ++index) {
    auto& connection = sessions.get(fmt::format("t{}", index));
    CHECK(connection.exec("SELECT current_database() AS db").text(0, "db") ==
          databases[static_cast<std::size_t>(index)].name());
    CHECK(sessions.open_count() <= verify::TargetSessions::max_open);
  }
  // A reference check holds two at once: both stay usable.
  auto& child = sessions.get("t1");
  auto& parent = sessions.get("t3");
  CHECK(child.exec("SELECT current_database() AS db").text(0, "db") == databases[1].name());
  CHECK(parent.exec("SELECT current_database() AS db").text(0, "db") == databases[3].name());
  CHECK(sessions.open_count() == 2);
  // The output settings hold on every session, new or reused.
  CHECK(sessions.get("t1").exec("SELECT current_setting('TimeZone') AS tz").text(0, "tz") == "UTC");
}
