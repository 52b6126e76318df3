#pragma once

#include "support/catalog_builder.hpp"

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

inline catalog::Table& table(testing::CatalogBuilder& builder, std::string name, std::int64_t rows,
                             std::int64_t bytes) {
  catalog::Table& t = builder.bare_table("public", name);
  t.estimated_rows = rows;
  t.size_bytes = bytes;
  return t;
}

inline catalog::Catalog make_catalog() {
  testing::CatalogBuilder b;
  b.database("app");
  b.schema("audit");
  b.next_oid(500).extension("pgcrypto", "public", "1.3");
  b.next_oid(600).add_type("public", "mood", catalog::TypeKind::enumeration);
  b.next_oid(700).add_function("public", "touch");
  b.add_function("public", "fee").identity_arguments = "amount numeric";
  b.next_oid(800).add_sequence("public", "users_id_seq");
  b.add_sequence("public", "global_seq");
  b.next_oid(900).add_view("public", "active_users");
  b.add_view("public", "stats", catalog::ViewKind::materialized_view);
  b.add_view("public", "report");
  b.next_oid(950).add_object(catalog::ObjectKind::collation, "public", "ci");

  b.next_oid(users);
  table(b, "users", 12345, 12897485);
  table(b, "sessions", 100, 8192);
  table(b, "orders", 5000, 4096 * 100);
  table(b, "events", 0, 0).kind = catalog::TableKind::partitioned_table;
  table(b, "events_2024", 50000, 10 * 1024 * 1024).partition_parent = events;
  table(b, "audit_events", 1000, 80 * 1024);
  table(b, "tmp_import", 10, 8192);
  table(b, "alembic_version", 1, 8192);
  table(b, odd_name, 3, 8192);
  table(b, "legacy", 7, 8192);
  // The keys after the tables (OIDs 20001…20004), so that the tables keep the OIDs above.
  auto& tables = b.edit().tables;
  b.next_oid(20001);
  b.add_foreign_key(tables[sessions - users], "sessions_user_fkey", {"user_id"}, users, {"id"});
  b.add_foreign_key(tables[orders - users], "orders_user_id_fkey", {"user_id"}, users, {"id"});
  b.add_foreign_key(tables[orders - users], "orders_legacy_fkey", {"legacy_id"}, legacy, {"id"});
  b.add_foreign_key(tables[odd - users], "odd_order_fkey", {"order_id"}, orders, {"id"});
  return b.catalog();
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
  payment.objects = {{catalog::ObjectKind::collation, 950}};
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
