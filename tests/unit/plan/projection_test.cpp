#include <pgsplit/plan/projection.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

namespace {

plan::PlacedTable placed_with(std::vector<config::ColumnChange> changes) {
  plan::PlacedTable placed;
  placed.column_changes = std::move(changes);
  return placed;
}

} // namespace

TEST_CASE("target column names follow renames, and are empty for dropped columns", "[plan]") {
  const auto placed = placed_with(
      {{.column = "legacy", .drop = true}, {.column = "price_cents", .rename = "price_minor"}});
  CHECK(plan::target_column_name(placed, "legacy").empty());
  CHECK(plan::target_column_name(placed, "price_cents") == "price_minor");
  CHECK(plan::target_column_name(placed, "name") == "name");
}

TEST_CASE("column privileges follow their column's rename and go with a dropped column", "[plan]") {
  const auto placed = placed_with(
      {{.column = "legacy", .drop = true}, {.column = "price_cents", .rename = "price_minor"}});
  const catalog::Access source{
      "app_owner",
      {{.grantee = "reader", .privilege = "SELECT"},
       {.grantee = "reader", .privilege = "SELECT", .column = "legacy"},
       {.grantee = "reader", .privilege = "UPDATE", .grantable = true, .column = "price_cents"},
       {.grantee = "reader", .privilege = "SELECT", .column = "name"}}};
  const auto target = plan::target_access(placed, source);
  CHECK(target.owner == "app_owner");
  REQUIRE(target.privileges.size() == 3);
  CHECK_FALSE(target.privileges[0].column);
  CHECK(target.privileges[1].column == "price_minor");
  CHECK(target.privileges[1].grantable);
  CHECK(target.privileges[2].column == "name");
}

TEST_CASE("the source column of a target column undoes the rename", "[plan]") {
  const auto placed = placed_with(
      {{.column = "legacy", .drop = true}, {.column = "price_cents", .rename = "price_minor"}});
  CHECK(plan::source_column_name(placed, "price_minor") == "price_cents");
  CHECK(plan::source_column_name(placed, "name") == "name");
}

TEST_CASE("a type without its modifiers", "[plan]") {
  CHECK(plan::without_type_modifiers("numeric(10,3)") == "numeric");
  CHECK(plan::without_type_modifiers("character varying(8)[]") == "character varying[]");
  CHECK(plan::without_type_modifiers("timestamp(0) with time zone") == "timestamp with time zone");
  CHECK(plan::without_type_modifiers("varchar( 8 )") == "varchar");
  CHECK(plan::without_type_modifiers("text") == "text");
  CHECK(plan::without_type_modifiers("app.\"odd(type)\"") == "app.\"odd(type)\"");
}
