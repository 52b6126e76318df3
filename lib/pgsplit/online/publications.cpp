#include <pgsplit/online/names.hpp>
#include <pgsplit/online/publications.hpp>
#include <pgsplit/pg/quote.hpp>
#include <pgsplit/plan/row_filter.hpp>

#include <fmt/format.h>

namespace pgsplit::online {

std::vector<const plan::PlacedTable*> published_tables(const plan::TargetPlan& target) {
  std::vector<const plan::PlacedTable*> tables;
  for (const auto& placed : target.tables) {
    if (!placed.root) {
      tables.push_back(&placed);
    }
  }
  return tables;
}

std::string publication_sql(const plan::TargetPlan& target) {
  std::vector<std::string> items;
  for (const auto* placed : published_tables(target)) {
    auto item = pg::quote_qualified(placed->source_name.schema, placed->source_name.name);
    if (placed->where) {
      item += " WHERE " + plan::filter_expression(*placed->where);
    }
    items.push_back(std::move(item));
  }
  return fmt::format("CREATE PUBLICATION {} FOR TABLE {} WITH (publish_via_partition_root = true)",
                     pg::quote_ident(replication_name(target.name)), fmt::join(items, ", "));
}

std::vector<std::string> replica_identity_statements(pg::Connection& source,
                                                     const plan::TargetPlan& target) {
  std::vector<std::string> statements;
  for (const auto& placed : target.tables) {
    if (!placed.replica_identity_full) {
      continue;
    }
    const auto identity = source.exec(
        "SELECT c.relkind::text AS kind, c.relreplident::text AS identity, "
        "       EXISTS (SELECT FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) "
        "         AS has_key "
        "FROM pg_class c WHERE c.oid = $1::oid",
        {std::to_string(placed.table)});
    const auto kind = identity.text(0, "kind");
    const auto current = identity.text(0, "identity");
    const bool covered =
        current == "f" || current == "i" || (current == "d" && identity.text(0, "has_key") == "t");
    if (kind != "p" && !covered) {
      statements.push_back(
          fmt::format("ALTER TABLE {} REPLICA IDENTITY FULL",
                      pg::quote_qualified(placed.source_name.schema, placed.source_name.name)));
    }
  }
  return statements;
}

} // namespace pgsplit::online
