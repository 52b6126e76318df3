#include <pgsplit/online/publications.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

namespace {

plan::PlacedTable placed(catalog::Oid oid, std::string name,
                         std::optional<std::string> where = std::nullopt,
                         std::optional<catalog::Oid> root = std::nullopt) {
  plan::PlacedTable table;
  table.table = oid;
  table.source_name = {"public", name};
  table.target_name = table.source_name;
  table.where = std::move(where);
  table.root = root;
  return table;
}

} // namespace

TEST_CASE("a target's publication names its roots, with row filters", "[online]") {
  plan::TargetPlan target;
  target.name = "billing";
  target.tables = {placed(1, "orders"), placed(2, "orders_2024", std::nullopt, 1),
                   placed(3, "events", "tenant = 1"), placed(4, "Mixed Case")};
  const auto published = online::published_tables(target);
  REQUIRE(published.size() == 3);
  CHECK(published[0]->source_name.name == "orders");
  CHECK(published[1]->source_name.name == "events");
  CHECK(online::publication_sql(target) ==
        "CREATE PUBLICATION \"pgsplit_billing\" FOR TABLE \"public\".\"orders\", "
        "\"public\".\"events\" WHERE (\ntenant = 1\n), \"public\".\"Mixed Case\" "
        "WITH (publish_via_partition_root = true)");
}
