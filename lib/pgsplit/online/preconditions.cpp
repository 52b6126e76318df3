#include <pgsplit/core/error.hpp>
#include <pgsplit/online/names.hpp>
#include <pgsplit/online/preconditions.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/maintenance.hpp>
#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/sql_tokens.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace pgsplit::online {
namespace {

void error(plan::Plan& plan, core::Location where, std::string message, std::string hint) {
  plan.findings.push_back(
      {plan::Severity::error, {std::move(where), std::move(message), std::move(hint)}});
}

void warning(plan::Plan& plan, core::Location where, std::string message, std::string hint) {
  plan.findings.push_back(
      {plan::Severity::warning, {std::move(where), std::move(message), std::move(hint)}});
}

core::Location at(core::Location where, const std::string& target, const std::string& table = {}) {
  where.target = target;
  where.table = table;
  return where;
}

void check_source_settings(pg::Connection& source, const config::Mapping& mapping,
                           plan::Plan& plan) {
  const auto settings =
      source.exec("SELECT current_setting('wal_level') AS wal_level, "
                  "  current_setting('max_replication_slots')::int "
                  "    - (SELECT count(*) FROM pg_replication_slots) AS free_slots, "
                  "  current_setting('max_wal_senders')::int "
                  "    - (SELECT count(*) FROM pg_stat_replication) AS free_senders, "
                  "  r.rolsuper OR r.rolreplication AS may_replicate, current_user AS role "
                  "FROM pg_roles r WHERE r.rolname = current_user");
  const auto where = mapping.source.location;
  const auto needed = static_cast<std::int64_t>(plan.targets.size());
  if (settings.text(0, "wal_level") != "logical") {
    error(plan, where,
          fmt::format("the source's wal_level is '{}': online mode streams changes with logical "
                      "replication, which needs 'logical'",
                      settings.text(0, "wal_level")),
          "on the source: ALTER SYSTEM SET wal_level = logical; then restart its server");
  }
  if (settings.int64(0, "free_slots") < needed) {
    error(plan, where,
          fmt::format("the source has {} free replication slot(s); online mode needs one per "
                      "target ({})",
                      settings.int64(0, "free_slots"), needed),
          "raise max_replication_slots on the source (restart needed), or drop unused slots");
  }
  if (settings.int64(0, "free_senders") < needed) {
    error(plan, where,
          fmt::format("the source has {} free WAL sender(s) (max_wal_senders); online mode needs "
                      "one per target ({})",
                      settings.int64(0, "free_senders"), needed),
          "raise max_wal_senders on the source (restart needed)");
  }
  if (settings.text(0, "may_replicate") != "t") {
    error(plan, where,
          fmt::format("the source role {} may not create replication slots",
                      settings.text(0, "role")),
          fmt::format("ALTER ROLE {} REPLICATION (or connect as a role that has it)",
                      source.quote_ident(settings.text(0, "role"))));
  }
}

void check_leftovers(pg::Connection& source, const config::Mapping& mapping, plan::Plan& plan) {
  const auto found = source.exec(
      "SELECT 'replication slot' AS kind, slot_name::text AS name FROM pg_replication_slots "
      "WHERE slot_name = ANY($1::text[]) "
      "UNION ALL SELECT 'publication', pubname::text FROM pg_publication "
      "WHERE pubname = ANY($1::text[]) ORDER BY 1, 2",
      {replication_names_array(mapping)});
  for (int row = 0; row < found.rows(); ++row) {
    error(plan, mapping.source.location,
          fmt::format("the source holds the {} {} of an earlier online run",
                      found.text(row, "kind"), found.text(row, "name")),
          "finish that run with `pgsplit cutover`, or remove its objects with `pgsplit cleanup`");
  }
}

// Identity columns per mapped table: what UPDATE and DELETE publish of the old row.
struct Identity {
  char kind = 'd'; // relreplident
  char relkind = 'r';
  bool owned = false;            // the role may create publications and triggers on it
  std::set<std::string> columns; // of the primary key ('d') or the identity index ('i')
};

std::map<catalog::Oid, Identity> read_identities(pg::Connection& source, const plan::Plan& plan) {
  std::string oids = "{";
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      oids += (oids.size() > 1 ? "," : "") + std::to_string(placed.table);
    }
  }
  oids += "}";
  const auto rows = source.exec(
      "SELECT c.oid::bigint AS oid, c.relreplident::text AS kind, c.relkind::text AS relkind, "
      "  pg_has_role(c.relowner, 'USAGE') AS owned, a.attname::text AS column_name "
      "FROM pg_class c "
      "LEFT JOIN pg_index i ON i.indrelid = c.oid AND "
      "  ((c.relreplident = 'd' AND i.indisprimary) OR (c.relreplident = 'i' AND "
      "i.indisreplident)) "
      "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) "
      "WHERE c.oid = ANY($1::oid[])",
      {oids});
  std::map<catalog::Oid, Identity> identities;
  for (int row = 0; row < rows.rows(); ++row) {
    auto& identity = identities[static_cast<catalog::Oid>(rows.int64(row, "oid"))];
    identity.kind = rows.text(row, "kind")[0];
    identity.relkind = rows.text(row, "relkind")[0];
    identity.owned = rows.text(row, "owned") == "t";
    if (!rows.is_null(row, 4)) {
      identity.columns.insert(rows.text(row, "column_name"));
    }
  }
  return identities;
}

// The table's columns that a row filter names (an over-approximation: a function spelled like a
// column counts too, which only makes the rule stricter).
std::vector<std::string> filter_columns(const catalog::Table& table, const std::string& filter) {
  std::vector<std::string> columns;
  for (const auto& token : schema::detail::tokenize(filter)) {
    if (!token.is_identifier()) {
      continue;
    }
    for (const auto& column : table.columns) {
      if (column.name == token.value &&
          std::find(columns.begin(), columns.end(), column.name) == columns.end()) {
        columns.push_back(column.name);
      }
    }
  }
  return columns;
}

void check_table(const catalog::Catalog& catalog, const plan::TargetPlan& target,
                 const plan::PlacedTable& placed, const Identity& identity, bool superuser,
                 plan::Plan& plan) {
  const auto where = at(placed.location, target.name, placed.source_name.to_string());
  if (!(placed.target_name == placed.source_name)) {
    error(plan, where,
          fmt::format("{} is renamed to {}: a native subscription applies changes to the table "
                      "of the same name, so a renamed table cannot be streamed",
                      placed.source_name.to_string(), placed.target_name.to_string()),
          "split this table offline (`pgsplit apply` without --online), or drop the rename");
  }
  if (placed.reshaped()) {
    error(plan, where,
          fmt::format("{} is reshaped on the way (columns: or key: uuid, or it references a key "
                      "that becomes a uuid): logical replication applies the source's rows as "
                      "they are, so it cannot stream a reshaped table",
                      placed.source_name.to_string()),
          "split offline (`pgsplit apply` without --online), or reshape after the split");
  }
  if (!superuser && !identity.owned && !placed.root) { // partitions: their root says it
    error(plan, where,
          fmt::format("the source role does not own {}: publishing it and fencing it at cut-over "
                      "need its owner",
                      placed.source_name.to_string()),
          "connect to the source as the tables' owner (or a superuser)");
  }
  const auto* table = catalog.find_table(placed.table);
  if (table->unlogged || table->kind == catalog::TableKind::foreign_table) {
    error(plan, where,
          fmt::format("{} is {}: its changes are not in the WAL, so they cannot be streamed",
                      placed.source_name.to_string(),
                      table->unlogged ? "UNLOGGED" : "a foreign table"),
          table->unlogged
              ? fmt::format("ALTER TABLE {} SET LOGGED on the source, or split offline",
                            pg::quote_qualified(placed.source_name.schema, placed.source_name.name))
              : std::string("split offline (`pgsplit apply` without --online)"));
    return;
  }
  if (identity.relkind == 'p') {
    return; // rows live in the partitions, checked as tables of their own
  }
  const bool full = identity.kind == 'f' || placed.replica_identity_full;
  const bool keyed = full || !identity.columns.empty();
  if (!keyed) {
    error(plan, where,
          fmt::format("{} has no primary key nor replica identity: once published, the "
                      "application's UPDATE and DELETE on it in the source would fail",
                      placed.source_name.to_string()),
          "add a primary key, or set `replica_identity: full` on its entry (the source then "
          "logs whole old rows, and each target finds them by a full scan)");
    return;
  }
  if (placed.replica_identity_full && identity.kind != 'f' && identity.columns.empty()) {
    warning(plan, where,
            fmt::format("apply --online sets REPLICA IDENTITY FULL on the source table {}: "
                        "updates and deletes log the whole old row, and the target finds each row "
                        "by a full scan",
                        placed.source_name.to_string()),
            "fine for small tables; prefer a primary key on large ones");
  }
  if (!placed.where || full) {
    return;
  }
  for (const auto& column : filter_columns(*table, *placed.where)) {
    if (!identity.columns.contains(column)) {
      error(plan, where,
            fmt::format("the row filter of {} uses column {}, which is not in its replica "
                        "identity: PostgreSQL would refuse the application's UPDATE and DELETE on "
                        "it in the source",
                        placed.source_name.to_string(), column),
            "filter on key columns only, or set `replica_identity: full` on the entry");
    }
  }
}

void check_tables(pg::Connection& source, const catalog::Catalog& catalog, plan::Plan& plan) {
  const bool superuser = source.exec("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                             .text(0, "rolsuper") == "t";
  const auto identities = read_identities(source, plan);
  const auto targets = plan.targets; // findings are added to plan while reading its targets
  for (const auto& target : targets) {
    for (const auto& placed : target.tables) {
      const auto found = identities.find(placed.table);
      if (found != identities.end()) {
        check_table(catalog, target, placed, found->second, superuser, plan);
      }
    }
  }
}

// One target server: its logical replication workers, shared by every subscription on it.
struct TargetServer {
  std::int64_t free_workers = 0; // max_logical_replication_workers - enabled subscriptions
  std::vector<std::string> targets;
  core::Location location; // of its first target
};

std::string server_of(const std::string& url) {
  const auto parsed = pg::parse_conninfo(url);
  const auto value = [&](const char* key) {
    const auto found = parsed.options.find(key);
    return found == parsed.options.end() ? std::string() : found->second;
  };
  return value("host") + ":" + value("port");
}

// Each target server: a role that may create subscriptions, no subscription of an earlier run.
void check_target(const config::Target& target, const std::string& name, bool resume,
                  std::map<std::string, TargetServer>& servers, plan::Plan& plan) {
  const pg::ConnectOptions options{.application_name = "pgsplit plan", .read_only = true};
  std::optional<pg::Connection> session;
  try {
    session.emplace(pg::Connection::open(target.url, options));
  } catch (const core::ConnectionError&) {
    session = pg::open_maintenance(target.url, options);
  }
  if (!session) {
    return; // the plan reports an unreachable target already
  }
  const auto facts = session->exec(
      "SELECT r.rolsuper AS superuser, current_setting('server_version_num')::int AS version, "
      "  CASE WHEN to_regrole('pg_create_subscription') IS NULL THEN false "
      "       ELSE pg_has_role(current_user, to_regrole('pg_create_subscription'), 'USAGE') "
      "  END AS may_subscribe, "
      "  (SELECT count(*) FROM pg_subscription WHERE subname = $1) AS leftovers, "
      "  current_setting('max_logical_replication_workers')::int "
      "    - (SELECT count(*) FROM pg_subscription WHERE subenabled) AS free_workers "
      "FROM pg_roles r WHERE r.rolname = current_user",
      {name});
  const auto where = at(target.location, target.name);
  const bool subscribed = facts.int64(0, "leftovers") > 0;
  if (subscribed && !resume) {
    error(
        plan, where,
        fmt::format("the target's server holds the subscription {} of an earlier online run", name),
        "finish that run with `pgsplit cutover`, or remove it with `pgsplit cleanup`");
  }
  const bool may = facts.text(0, "superuser") == "t" ||
                   (facts.int64(0, "version") >= 160000 && facts.text(0, "may_subscribe") == "t");
  if (!may) {
    error(plan, where,
          "the target role may not create subscriptions (PostgreSQL 15 asks for a superuser; 16 "
          "and later for membership in pg_create_subscription)",
          "connect to the target as a superuser, or GRANT pg_create_subscription TO the role "
          "(16+)");
  }
  auto& server = servers[server_of(target.url)];
  if (server.targets.empty()) {
    server.location = where;
  }
  server.free_workers = facts.int64(0, "free_workers");
  if (!subscribed) { // a resumed run keeps the subscription, and its worker
    server.targets.push_back(target.name);
  }
}

// Each subscription needs one logical replication worker on its server; one without a worker
// never streams.
void check_workers(const std::map<std::string, TargetServer>& servers, plan::Plan& plan) {
  for (const auto& [address, server] : servers) {
    const auto needed = static_cast<std::int64_t>(server.targets.size());
    if (server.free_workers < needed) {
      error(plan, server.location,
            fmt::format("the server of targets {} has {} free logical replication worker(s) "
                        "(max_logical_replication_workers, less its enabled subscriptions); "
                        "online mode needs one per target ({})",
                        fmt::join(server.targets, ", "), server.free_workers, needed),
            "raise max_logical_replication_workers (and max_worker_processes) on that server; "
            "both need a restart");
    }
  }
}

} // namespace

void check_online(pg::Connection& source, const config::Mapping& mapping,
                  const catalog::Catalog& catalog, plan::Plan& plan, bool resume) {
  check_source_settings(source, mapping, plan);
  if (!resume) {
    check_leftovers(source, mapping, plan);
  }
  check_tables(source, catalog, plan);
  std::map<std::string, TargetServer> servers;
  for (const auto& target : mapping.targets) {
    check_target(target, replication_name(target.name), resume, servers, plan);
  }
  check_workers(servers, plan);
}

} // namespace pgsplit::online
