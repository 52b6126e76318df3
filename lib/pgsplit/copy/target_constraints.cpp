#include <pgsplit/copy/target_constraints.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pgsplit::copy {
namespace {

// The copied tables and their partition ancestors (a key or trigger defined on a partitioned
// table lives in its root object, conparentid / tgparentid = 0); $1 is a JSON array of quoted
// qualified names.
constexpr const char* related_tables = R"sql(
WITH copied AS (
  SELECT to_regclass(name) AS rel FROM json_array_elements_text($1::json) AS name),
related AS (
  SELECT rel FROM copied WHERE rel IS NOT NULL
  UNION
  SELECT a.relid FROM copied, LATERAL pg_partition_ancestors(copied.rel) a
   WHERE copied.rel IS NOT NULL)
)sql";

std::string owner(const pg::Result& rows, int row) {
  return pg::quote_qualified(rows.text(row, "owner_schema"), rows.text(row, "owner_table"));
}

void lift_keys(pg::Connection& target, const std::string& tables) {
  // Definitions read with only pg_catalog in the search path name every table with its schema,
  // so they mean the same whatever the search path when they are added back.
  const auto search_path = target.exec("SHOW search_path").text(0, "search_path");
  target.exec("SELECT set_config('search_path', 'pg_catalog', true)");
  const auto keys = target.exec(
      fmt::format("{}SELECT n.nspname AS owner_schema, c.relname AS owner_table, k.conname, "
                  "pg_get_constraintdef(k.oid) AS definition "
                  "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
                  "JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE k.contype = 'f' AND k.conparentid = 0 AND (k.conrelid IN (SELECT rel "
                  "FROM related) OR k.confrelid IN (SELECT rel FROM related)) ORDER BY 1, 2, 3",
                  related_tables),
      {tables});
  target.exec("SELECT set_config('search_path', $1, true)", {search_path});
  for (int row = 0; row < keys.rows(); ++row) {
    const auto name = keys.text(row, "conname");
    target.exec("INSERT INTO _pgsplit.lifted_keys (owner_schema, owner_table, name, definition) "
                "VALUES ($1, $2, $3, $4) ON CONFLICT (owner_schema, owner_table, name) DO UPDATE "
                "SET definition = EXCLUDED.definition",
                {keys.text(row, "owner_schema"), keys.text(row, "owner_table"), name,
                 keys.text(row, "definition")});
    target.exec(
        fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", owner(keys, row), pg::quote_ident(name)));
  }
}

void disable_triggers(pg::Connection& target, const std::string& tables) {
  const auto triggers = target.exec(
      fmt::format("{}SELECT n.nspname AS owner_schema, c.relname AS owner_table, t.tgname, "
                  "t.tgenabled::text AS enabled "
                  "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                  "JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND t.tgenabled <> 'D' "
                  "AND t.tgrelid IN (SELECT rel FROM related) ORDER BY 1, 2, 3",
                  related_tables),
      {tables});
  for (int row = 0; row < triggers.rows(); ++row) {
    const auto name = triggers.text(row, "tgname");
    target.exec("INSERT INTO _pgsplit.disabled_triggers (owner_schema, owner_table, name, "
                "enabled) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                {triggers.text(row, "owner_schema"), triggers.text(row, "owner_table"), name,
                 triggers.text(row, "enabled")});
    target.exec(fmt::format("ALTER TABLE {} DISABLE TRIGGER {}", owner(triggers, row),
                            pg::quote_ident(name)));
  }
}

void restore_keys(pg::Connection& target) {
  const auto keys = target.exec("SELECT owner_schema, owner_table, name, definition "
                                "FROM _pgsplit.lifted_keys ORDER BY 1, 2, 3");
  for (int row = 0; row < keys.rows(); ++row) {
    const auto table = owner(keys, row);
    const auto name = keys.text(row, "name");
    // The error keeps its kind and SQLSTATE (23503: rows violate the key).
    core::with_context(
        fmt::format("restoring the target's foreign key {} on {}", name, table),
        [&] {
          target.exec(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", table,
                                  pg::quote_ident(name), keys.text(row, "definition")));
        },
        "its definition stays in _pgsplit.lifted_keys: fix the rows that violate it (or delete "
        "that row to give the key up), then run `pgsplit apply --resume`");
    target.exec("DELETE FROM _pgsplit.lifted_keys WHERE owner_schema = $1 AND owner_table = $2 "
                "AND name = $3",
                {keys.text(row, "owner_schema"), keys.text(row, "owner_table"), name});
  }
}

void restore_triggers(pg::Connection& target) {
  const auto triggers = target.exec("SELECT owner_schema, owner_table, name, enabled "
                                    "FROM _pgsplit.disabled_triggers ORDER BY 1, 2, 3");
  for (int row = 0; row < triggers.rows(); ++row) {
    const auto name = triggers.text(row, "name");
    target.exec(fmt::format("ALTER TABLE {} {} TRIGGER {}", owner(triggers, row),
                            trigger_enable_clause(triggers.text(row, "enabled")),
                            pg::quote_ident(name)));
    target.exec("DELETE FROM _pgsplit.disabled_triggers WHERE owner_schema = $1 "
                "AND owner_table = $2 AND name = $3",
                {triggers.text(row, "owner_schema"), triggers.text(row, "owner_table"), name});
  }
}

} // namespace

std::string_view trigger_enable_clause(std::string_view enabled) {
  if (enabled == "A") {
    return "ENABLE ALWAYS";
  }
  if (enabled == "R") {
    return "ENABLE REPLICA";
  }
  return "ENABLE";
}

void create_lifted_state_tables(pg::Connection& target) {
  target.exec("CREATE TABLE IF NOT EXISTS _pgsplit.lifted_keys (owner_schema text NOT NULL, "
              "owner_table text NOT NULL, name text NOT NULL, definition text NOT NULL, "
              "PRIMARY KEY (owner_schema, owner_table, name)); "
              "CREATE TABLE IF NOT EXISTS _pgsplit.disabled_triggers (owner_schema text NOT NULL, "
              "owner_table text NOT NULL, name text NOT NULL, enabled text NOT NULL, "
              "PRIMARY KEY (owner_schema, owner_table, name))");
}

void lift_target_constraints(pg::Connection& target,
                             const std::vector<catalog::QualifiedName>& tables) {
  create_lifted_state_tables(target);
  auto names = nlohmann::json::array();
  for (const auto& table : tables) {
    names.push_back(pg::quote_qualified(table.schema, table.name));
  }
  const auto array = names.dump();
  lift_keys(target, array);
  disable_triggers(target, array);
}

void restore_target_constraints(pg::Connection& target) {
  create_lifted_state_tables(target);
  restore_keys(target);
  restore_triggers(target);
}

} // namespace pgsplit::copy
