#include <pgsplit/stamp/stamp_plan.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

TEST_CASE("each tool has its default version table", "[stamp]") {
  CHECK(stamp::default_stamp_table(stamp::StampTool::alembic) == "alembic_version");
  CHECK(stamp::default_stamp_table(stamp::StampTool::flyway) == "flyway_schema_history");
  CHECK(stamp::default_stamp_table(stamp::StampTool::golang_migrate) == "schema_migrations");
  CHECK(stamp::default_stamp_table(stamp::StampTool::prisma) == "_prisma_migrations");
  CHECK(stamp::default_stamp_table(stamp::StampTool::sql).empty()); // runs its own statements
}
