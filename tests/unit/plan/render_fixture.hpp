#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>

#include <string>
#include <vector>

// A small hand-built catalog and a plan of it, shared by the renderer tests:
//   auth    ← public.users, public.sessions (FK → users),
//             public.audit_events renamed audit.events, filtered, replicated
//   payment ← public.orders (FKs → users in auth, → legacy left behind),
//             public.events (partitioned) with its partition public.events_2024,
//             public."odd "name" <ü>", public.audit_events (filtered, replicated)
//   left behind: public.tmp_import, public.legacy (excluded), public.alembic_version (version
//             table), view public.report
namespace pgsplit::plan::test {

inline constexpr catalog::Oid users = 16384;
inline constexpr catalog::Oid sessions = 16385;
inline constexpr catalog::Oid orders = 16386;
inline constexpr catalog::Oid events = 16387;
inline constexpr catalog::Oid events_2024 = 16388;
inline constexpr catalog::Oid audit_events = 16389;
inline constexpr catalog::Oid tmp_import = 16390;
inline constexpr catalog::Oid alembic_version = 16391;
inline constexpr catalog::Oid odd = 16392;
inline constexpr catalog::Oid legacy = 16393;

inline const std::string odd_name = "odd \"name\" <ü>";

inline catalog::Constraint foreign_key(catalog::Oid oid, std::string name,
                                       std::vector<std::string> columns, catalog::Oid parent,
                                       std::vector<std::string> parent_columns) {
  catalog::Constraint c;
  c.oid = oid;
  c.name = std::move(name);
  c.kind = catalog::ConstraintKind::foreign_key;
  c.columns = std::move(columns);
  c.referenced_table = parent;
  c.referenced_columns = std::move(parent_columns);
  return c;
}

inline catalog::Table table(catalog::Oid oid, std::string name, std::int64_t rows,
                            std::int64_t bytes) {
  catalog::Table t;
  t.oid = oid;
  t.name = {"public", std::move(name)};
  t.estimated_rows = rows;
  t.size_bytes = bytes;
  return t;
}

inline catalog::Catalog make_catalog() {
  catalog::Catalog c;
  c.database = "app";
  c.schemas = {{1, "public", {}}, {2, "audit", {}}};
  c.extensions = {{500, "pgcrypto", "public", "1.3"}};
  catalog::Type mood;
  mood.oid = 600;
  mood.name = {"public", "mood"};
  mood.kind = catalog::TypeKind::enumeration;
  c.types = {mood};
  catalog::Function touch;
  touch.oid = 700;
  touch.name = {"public", "touch"};
  catalog::Function fee;
  fee.oid = 701;
  fee.name = {"public", "fee"};
  fee.identity_arguments = "amount numeric";
  c.functions = {touch, fee};
  catalog::Sequence users_id;
  users_id.oid = 800;
  users_id.name = {"public", "users_id_seq"};
  catalog::Sequence global;
  global.oid = 801;
  global.name = {"public", "global_seq"};
  c.sequences = {users_id, global};
  c.views = {{900, {"public", "active_users"}, catalog::ViewKind::view, "", {}, {}},
             {901, {"public", "stats"}, catalog::ViewKind::materialized_view, "", {}, {}},
             {902, {"public", "report"}, catalog::ViewKind::view, "", {}, {}}};

  c.tables.push_back(table(users, "users", 12345, 12897485));
  c.tables.push_back(table(sessions, "sessions", 100, 8192));
  c.tables.back().constraints.push_back(
      foreign_key(20001, "sessions_user_fkey", {"user_id"}, users, {"id"}));
  c.tables.push_back(table(orders, "orders", 5000, 4096 * 100));
  c.tables.back().constraints.push_back(
      foreign_key(20002, "orders_user_id_fkey", {"user_id"}, users, {"id"}));
  c.tables.back().constraints.push_back(
      foreign_key(20003, "orders_legacy_fkey", {"legacy_id"}, legacy, {"id"}));
  c.tables.push_back(table(events, "events", 0, 0));
  c.tables.back().kind = catalog::TableKind::partitioned_table;
  c.tables.push_back(table(events_2024, "events_2024", 50000, 10 * 1024 * 1024));
  c.tables.back().partition_parent = events;
  c.tables.push_back(table(audit_events, "audit_events", 1000, 80 * 1024));
  c.tables.push_back(table(tmp_import, "tmp_import", 10, 8192));
  c.tables.push_back(table(alembic_version, "alembic_version", 1, 8192));
  c.tables.push_back(table(odd, odd_name, 3, 8192));
  c.tables.back().constraints.push_back(
      foreign_key(20004, "odd_order_fkey", {"order_id"}, orders, {"id"}));
  c.tables.push_back(table(legacy, "legacy", 7, 8192));
  return c;
}

inline PlacedTable placed(const catalog::Catalog& c, catalog::Oid oid) {
  const catalog::Table* t = c.find_table(oid);
  PlacedTable p;
  p.table = oid;
  p.source_name = t->name;
  p.target_name = t->name;
  p.estimated_rows = t->estimated_rows;
  p.size_bytes = t->size_bytes;
  return p;
}

inline CrossTargetForeignKey cross_key(const catalog::Catalog& c, catalog::Oid constraint_oid,
                                       catalog::Oid child, std::string child_target,
                                       std::string parent_target) {
  const catalog::Table* t = c.find_table(child);
  for (const catalog::Constraint& constraint : t->constraints) {
    if (constraint.oid == constraint_oid) {
      CrossTargetForeignKey key;
      key.constraint = constraint.oid;
      key.name = constraint.name;
      key.child_table = child;
      key.child = t->name;
      key.child_columns = constraint.columns;
      key.child_target = std::move(child_target);
      key.parent_table = *constraint.referenced_table;
      key.parent = c.find_table(key.parent_table)->name;
      key.parent_columns = constraint.referenced_columns;
      key.parent_target = std::move(parent_target);
      return key;
    }
  }
  return {};
}

inline void add_totals(TargetPlan& target) {
  for (const PlacedTable& p : target.tables) {
    target.estimated_rows += p.estimated_rows;
    target.size_bytes += p.size_bytes;
  }
}

inline core::Diagnostic diagnostic(std::string message, std::string hint, int line) {
  core::Diagnostic d;
  d.where.file = "m.yaml";
  d.where.line = line;
  d.where.column = 5;
  d.where.target = "payment";
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

// A plan without errors and with one warning.
inline Plan make_plan(const catalog::Catalog& c) {
  Plan plan;
  plan.source_description = "postgresql://app@mono:5432/app";
  plan.source_database = "app";

  TargetPlan auth;
  auth.name = "auth";
  auth.url_description = "postgresql://app@auth-db/auth";
  auth.create_database = true;
  auth.tables = {placed(c, users), placed(c, sessions), placed(c, audit_events)};
  auth.tables[2].target_name = {"audit", "events"};
  auth.tables[2].where = "service = 'auth'";
  auth.tables[2].replicate = true;
  auth.schemas = {"audit", "public"};
  auth.extensions = {500};
  auth.types = {600};
  auth.functions = {700};
  auth.sequences = {800, 801};
  auth.views = {900, 901};
  config::StampEntry stamp;
  stamp.tool = config::StampTool::alembic;
  stamp.schema = "public";
  stamp.table = "alembic_version_auth";
  stamp.version = "head";
  auth.stamps = {stamp};
  auth.stamp_summaries = {"alembic public.alembic_version_auth → 4f1e2d3c5b6a"};
  add_totals(auth);

  TargetPlan payment;
  payment.name = "payment";
  payment.url_description = "postgresql://app@pay-db/payment";
  payment.tables = {placed(c, events), placed(c, orders), placed(c, odd), placed(c, audit_events),
                    placed(c, events_2024)};
  payment.tables[3].where = "service = 'payment'";
  payment.tables[3].replicate = true;
  payment.tables[4].root = events;
  payment.schemas = {"public"};
  payment.functions = {701};
  payment.sequences = {801};
  payment.dropped_foreign_keys = {cross_key(c, 20002, orders, "payment", "auth"),
                                  cross_key(c, 20003, orders, "payment", "")};
  add_totals(payment);

  plan.targets = {auth, payment};
  plan.excluded = {
      {tmp_import, {"public", "tmp_import"}, "excluded by 'public.tmp_*'", false},
      {alembic_version, {"public", "alembic_version"}, "migration version table (alembic)", true},
      {legacy, {"public", "legacy"}, "excluded by 'legacy'", false}};
  plan.views_left_behind = {
      {902, {"public", "report"}, false, "uses tables of targets auth and payment"}};
  plan.cross_target_foreign_keys = payment.dropped_foreign_keys;
  plan.shared_sequences = {{801, {"public", "global_seq"}, {"auth", "payment"}}};
  plan.findings = {{Severity::warning, diagnostic("public.orders loses 2 foreign keys", "", 12)}};
  return plan;
}

// The same plan with two errors.
inline Plan make_failed_plan(const catalog::Catalog& c) {
  Plan plan = make_plan(c);
  plan.findings.push_back({Severity::error, diagnostic("table public.users is mapped twice",
                                                       "remove one of the entries", 3)});
  plan.findings.push_back({Severity::error, diagnostic("target payment is not reachable", "", 0)});
  return plan;
}

} // namespace pgsplit::plan::test
