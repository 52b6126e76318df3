#include <pgsplit/config/mapping.hpp>

#include <algorithm>

namespace pgsplit::config {

// Each switch lists every value so that -Wswitch flags a new one; the spelling is the one
// the mapping file accepts, since the readers parse by comparing against these.

std::string_view to_string(StampTool tool) {
  switch (tool) {
  case StampTool::alembic:
    return "alembic";
  case StampTool::flyway:
    return "flyway";
  case StampTool::golang_migrate:
    return "golang_migrate";
  case StampTool::prisma:
    return "prisma";
  case StampTool::sql:
    return "sql";
  // part A
  case StampTool::rails:
    return "rails";
  case StampTool::django:
    return "django";
  case StampTool::yoyo:
    return "yoyo";
  case StampTool::sqitch:
    return "sqitch";
  case StampTool::files:
    return "files";
  // part B
  case StampTool::knex:
    return "knex";
  case StampTool::node_pg_migrate:
    return "node_pg_migrate";
  case StampTool::sequelize:
    return "sequelize";
  case StampTool::typeorm:
    return "typeorm";
  case StampTool::sqlx:
    return "sqlx";
  case StampTool::dbmate:
    return "dbmate";
  case StampTool::goose:
    return "goose";
  case StampTool::ecto:
    return "ecto";
  case StampTool::diesel:
    return "diesel";
  case StampTool::liquibase:
    return "liquibase";
  }
  return "?";
}

std::string_view to_string(SchemaMode mode) {
  switch (mode) {
  case SchemaMode::create:
    return "create";
  case SchemaMode::existing:
    return "existing";
  }
  return "?";
}

std::string_view to_string(IfTargetNotEmpty action) {
  switch (action) {
  case IfTargetNotEmpty::fail:
    return "fail";
  case IfTargetNotEmpty::truncate:
    return "truncate";
  }
  return "?";
}

std::string_view to_string(CrossTargetForeignKeys action) {
  switch (action) {
  case CrossTargetForeignKeys::drop:
    return "drop";
  case CrossTargetForeignKeys::fail:
    return "fail";
  }
  return "?";
}

std::string_view to_string(Owners owners) {
  return owners == Owners::keep ? "keep" : "connecting_role";
}

std::string_view to_string(Privileges privileges) {
  return privileges == Privileges::keep ? "keep" : "none";
}

bool reshapes_columns(const Mapping& mapping) {
  return std::any_of(mapping.targets.begin(), mapping.targets.end(), [](const Target& target) {
    return std::any_of(target.tables.begin(), target.tables.end(), [](const TableEntry& entry) {
      return !entry.columns.empty() || entry.key_uuid;
    });
  });
}

} // namespace pgsplit::config
