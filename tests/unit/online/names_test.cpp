#include <pgsplit/online/names.hpp>

#include <catch2/catch.hpp>

#include <set>

using pgsplit::online::replication_name;

TEST_CASE("a target whose name fits a slot name keeps it", "[online]") {
  CHECK(replication_name("auth") == "pgsplit_auth");
  CHECK(replication_name("billing_2") == "pgsplit_billing_2");
}

TEST_CASE("other target names become valid slot names that stay distinct", "[online]") {
  const auto dashed = replication_name("my-service");
  const auto underscored = replication_name("my_service");
  const auto upper = replication_name("My_Service");
  CHECK(dashed.starts_with("pgsplit_my_service_"));
  CHECK(upper.starts_with("pgsplit_my_service_"));
  CHECK(std::set<std::string>{dashed, underscored, upper}.size() == 3);
  for (const auto& name : {dashed, upper}) {
    for (const char character : name) {
      CHECK(((character >= 'a' && character <= 'z') || (character >= '0' && character <= '9') ||
             character == '_'));
    }
  }
}

TEST_CASE("a long target name is cut to 63 characters, keeping its hash", "[online]") {
  const std::string long_name(80, 'a');
  const auto name = replication_name(long_name);
  CHECK(name.size() == 63);
  CHECK(name != replication_name(std::string(81, 'a')));
  CHECK(replication_name(long_name) == name);
}

TEST_CASE("every target's replication name goes into one text[] literal", "[online]") {
  pgsplit::config::Mapping mapping;
  mapping.targets.push_back({.name = "auth"});
  mapping.targets.push_back({.name = "my-service"});
  CHECK(pgsplit::online::replication_names_array(mapping) ==
        "{pgsplit_auth," + replication_name("my-service") + "}");
  CHECK(pgsplit::online::replication_names_array(pgsplit::config::Mapping{}) == "{}");
}
