#include <pgsplit/config/mapping.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

TEST_CASE("to_string spells each enum value as the mapping file does", "[config]") {
  CHECK(to_string(StampTool::alembic) == "alembic");
  CHECK(to_string(StampTool::flyway) == "flyway");
  CHECK(to_string(StampTool::golang_migrate) == "golang_migrate");
  CHECK(to_string(StampTool::prisma) == "prisma");
  CHECK(to_string(StampTool::sql) == "sql");
  // part B
  CHECK(to_string(StampTool::knex) == "knex");
  CHECK(to_string(StampTool::node_pg_migrate) == "node_pg_migrate");
  CHECK(to_string(StampTool::sequelize) == "sequelize");
  CHECK(to_string(StampTool::typeorm) == "typeorm");
  CHECK(to_string(StampTool::sqlx) == "sqlx");
  CHECK(to_string(StampTool::dbmate) == "dbmate");
  CHECK(to_string(StampTool::goose) == "goose");
  CHECK(to_string(StampTool::ecto) == "ecto");
  CHECK(to_string(StampTool::diesel) == "diesel");
  CHECK(to_string(StampTool::liquibase) == "liquibase");
  CHECK(to_string(SchemaMode::create) == "create");
  CHECK(to_string(SchemaMode::existing) == "existing");
  CHECK(to_string(IfTargetNotEmpty::fail) == "fail");
  CHECK(to_string(IfTargetNotEmpty::truncate) == "truncate");
  CHECK(to_string(CrossTargetForeignKeys::drop) == "drop");
  CHECK(to_string(CrossTargetForeignKeys::fail) == "fail");
}

TEST_CASE("the structs default to the documented values", "[config]") {
  const Options options;
  CHECK(options.jobs == 4);
  CHECK(options.schema == SchemaMode::create);
  CHECK(options.if_target_not_empty == IfTargetNotEmpty::fail);
  CHECK(options.cross_target_foreign_keys == CrossTargetForeignKeys::drop);
  CHECK_FALSE(Target{}.create_database);
  CHECK_FALSE(TableEntry{}.replicate);
  CHECK_FALSE(StampEntry{}.all_heads);
}

TEST_CASE("a mapping reshapes columns when any entry has columns or key: uuid", "[config]") {
  Mapping mapping;
  mapping.targets.push_back(Target{.name = "a", .tables = {TableEntry{}}});
  mapping.targets.push_back(Target{.name = "b", .tables = {TableEntry{}, TableEntry{}}});
  CHECK_FALSE(reshapes_columns(mapping));
  mapping.targets[1].tables[1].key_uuid = true;
  CHECK(reshapes_columns(mapping));
  mapping.targets[1].tables[1].key_uuid = false;
  mapping.targets[0].tables[0].columns.push_back(ColumnChange{.column = "x", .drop = true});
  CHECK(reshapes_columns(mapping));
}
