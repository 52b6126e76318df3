#include <pgsplit/plan/version_tables.hpp>

#include <array>

namespace pgsplit::plan {
namespace {

struct VersionTable {
  std::string_view name;
  bool prefix; // also matches names that start with `name` (alembic_version_auth)
  std::string_view tool;
};

constexpr std::array<VersionTable, 13> version_tables = {{
    {"alembic_version", true, "alembic"},
    {"flyway_schema_history", false, "flyway"},
    {"schema_migrations", false, "golang-migrate or rails"},
    {"ar_internal_metadata", false, "rails"},
    {"_prisma_migrations", false, "prisma"},
    {"django_migrations", false, "django"},
    {"knex_migrations", true, "knex"},
    {"databasechangelog", true, "liquibase"},
    {"goose_db_version", false, "goose"},
    {"_sqlx_migrations", false, "sqlx"},
    {"pgmigrations", false, "node-pg-migrate"},
    // part B (typeorm's `migrations` is too common a name to leave behind unasked)
    {"sequelizemeta", false, "sequelize"},
    {"__diesel_schema_migrations", false, "diesel"},
}};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[i]) != prefix[i]) {
      return false;
    }
  }
  return true;
}

const VersionTable* find(std::string_view name) {
  for (const VersionTable& table : version_tables) {
    if (starts_with_ignoring_case(name, table.name) &&
        (table.prefix || name.size() == table.name.size())) {
      return &table;
    }
  }
  return nullptr;
}

} // namespace

bool is_version_table(std::string_view name) { return find(name) != nullptr; }

std::string version_table_tool(std::string_view name) {
  const VersionTable* table = find(name);
  return table == nullptr ? std::string() : std::string(table->tool);
}

} // namespace pgsplit::plan
