#include <pgsplit/online/fence.hpp>
#include <pgsplit/online/names.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

#include <map>
#include <set>

namespace pgsplit::online {

void install_fence(pg::Connection& source, const plan::Plan& plan) {
  const auto schema = pg::quote_ident(fence_schema);
  const auto function = pg::quote_qualified(fence_schema, fence_function);
  source.exec(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", schema));
  source.exec(fmt::format(
      "CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS $fence$\n"
      "BEGIN\n"
      "  RAISE EXCEPTION 'table %.% moved to service % by pgsplit', TG_TABLE_SCHEMA, "
      "TG_TABLE_NAME, TG_ARGV[0]\n"
      "    USING ERRCODE = 'read_only_sql_transaction',\n"
      "          HINT = 'write to the service''s own database; pgsplit cleanup --fence removes "
      "this fence';\n"
      "END\n"
      "$fence$",
      function));
  // A table given to several targets (replicate, where) names them all.
  std::map<std::string, std::set<std::string>> services;
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      services[pg::quote_qualified(placed.source_name.schema, placed.source_name.name)].insert(
          target.name);
    }
  }
  for (const auto& [table, names] : services) {
    source.exec(fmt::format("CREATE OR REPLACE TRIGGER {} BEFORE INSERT OR UPDATE OR DELETE OR "
                            "TRUNCATE ON {} FOR EACH STATEMENT EXECUTE FUNCTION {}({})",
                            pg::quote_ident(fence_trigger), table, function,
                            pg::quote_literal(fmt::format("{}", fmt::join(names, ", ")))));
  }
}

} // namespace pgsplit::online
