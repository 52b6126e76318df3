#include <pgsplit/stamp/stamp_plan.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

TEST_CASE("stamp tool names round-trip", "[stamp]") {
  for (auto tool : {stamp::StampTool::alembic, stamp::StampTool::flyway,
                    stamp::StampTool::golang_migrate, stamp::StampTool::prisma}) {
    CHECK(stamp::parse_stamp_tool(stamp::stamp_tool_name(tool)) == tool);
  }
  CHECK(stamp::parse_stamp_tool("golang_migrate") == stamp::StampTool::golang_migrate);
  CHECK_FALSE(stamp::parse_stamp_tool("liquibase"));
}

TEST_CASE("each tool has its default version table", "[stamp]") {
  CHECK(stamp::default_stamp_table(stamp::StampTool::alembic) == "alembic_version");
  CHECK(stamp::default_stamp_table(stamp::StampTool::flyway) == "flyway_schema_history");
  CHECK(stamp::default_stamp_table(stamp::StampTool::golang_migrate) == "schema_migrations");
  CHECK(stamp::default_stamp_table(stamp::StampTool::prisma) == "_prisma_migrations");
}
