#include <pgsplit/stamp/stamp_plan.hpp>

namespace pgsplit::stamp {

std::string_view stamp_tool_name(StampTool tool) {
  switch (tool) {
  case StampTool::alembic:
    return "alembic";
  case StampTool::flyway:
    return "flyway";
  case StampTool::golang_migrate:
    return "golang-migrate";
  case StampTool::prisma:
    return "prisma";
  }
  return "unknown";
}

std::optional<StampTool> parse_stamp_tool(std::string_view name) {
  for (auto tool :
       {StampTool::alembic, StampTool::flyway, StampTool::golang_migrate, StampTool::prisma}) {
    if (name == stamp_tool_name(tool)) {
      return tool;
    }
  }
  if (name == "golang_migrate") {
    return StampTool::golang_migrate;
  }
  return std::nullopt;
}

std::string_view default_stamp_table(StampTool tool) {
  switch (tool) {
  case StampTool::alembic:
    return "alembic_version";
  case StampTool::flyway:
    return "flyway_schema_history";
  case StampTool::golang_migrate:
    return "schema_migrations";
  case StampTool::prisma:
    return "_prisma_migrations";
  }
  return "";
}

} // namespace pgsplit::stamp
