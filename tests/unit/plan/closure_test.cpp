#include "support/catalog_builder.hpp"
#include "unit/plan/test_helpers.hpp"

#include <pgsplit/plan/build_plan.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;
using catalog::ObjectKind;
using Catch::Matchers::Contains;
using plan::Severity;

namespace {

const char* split_mapping = R"(
source: {url: "postgresql://src/m"}
targets:
  auth: {url: "postgresql://h/a", tables: [users, sessions]}
  billing: {url: "postgresql://h/b", tables: [invoices]}
)";

} // namespace

TEST_CASE("each target gets the types, functions and sequences its tables need", "[plan]") {
  CatalogBuilder builder;
  const auto users = builder.table("public", "users").oid;
  const auto sessions = builder.table("public", "sessions").oid;
  const auto invoices = builder.table("public", "invoices").oid;
  const auto status = builder.type("userstatus", catalog::TypeKind::enumeration);
  const auto email = builder.type("email", catalog::TypeKind::domain);
  const auto users_id = builder.sequence("users_id_seq");
  const auto audit_seq = builder.sequence("audit_seq");
  const auto unused = builder.type("unused", catalog::TypeKind::enumeration);
  const auto touch = builder.function("touch", "BEGIN NEW.n := nextval('audit_seq'); END");
  builder.depends({ObjectKind::table, users}, {ObjectKind::type, email});
  builder.depends({ObjectKind::type, email}, {ObjectKind::type, status}); // domain over enum
  builder.depends({ObjectKind::table, users}, {ObjectKind::sequence, users_id});
  builder.depends({ObjectKind::table, sessions}, {ObjectKind::function, touch});
  builder.depends({ObjectKind::table, invoices}, {ObjectKind::type, status});
  (void)unused;

  const auto plan = plan::build_plan(mapping_from(split_mapping), builder.catalog());
  CHECK_FALSE(plan.has_errors());
  const auto& auth = *plan.find_target("auth");
  CHECK(auth.types == std::vector<catalog::Oid>{status, email}); // enum before the domain over it
  CHECK(auth.functions == std::vector<catalog::Oid>{touch});
  // users_id_seq from the default; audit_seq named inside the trigger function's body
  CHECK(auth.sequences == std::vector<catalog::Oid>{users_id, audit_seq});
  CHECK(auth.schemas == std::vector<std::string>{"public"});
  const auto& billing = *plan.find_target("billing");
  CHECK(billing.types == std::vector<catalog::Oid>{status});
  CHECK(billing.functions.empty());
  CHECK(billing.sequences.empty());
}

TEST_CASE("a sequence used by two targets is reported, each gets a copy", "[plan]") {
  CatalogBuilder builder;
  const auto users = builder.table("public", "users").oid;
  builder.table("public", "sessions");
  const auto invoices = builder.table("public", "invoices").oid;
  const auto shared = builder.sequence("global_id_seq");
  builder.depends({ObjectKind::table, users}, {ObjectKind::sequence, shared});
  builder.depends({ObjectKind::table, invoices}, {ObjectKind::sequence, shared});
  const auto plan = plan::build_plan(mapping_from(split_mapping), builder.catalog());
  REQUIRE(plan.shared_sequences.size() == 1);
  CHECK(plan.shared_sequences[0].targets == std::vector<std::string>{"auth", "billing"});
  CHECK_THAT(messages(plan, Severity::warning),
             Contains("sequence public.global_id_seq is used by tables of targets auth, billing"));
  CHECK(plan.find_target("billing")->sequences == std::vector<catalog::Oid>{shared});
}

TEST_CASE("views go with their tables, a view spanning targets is left behind", "[plan]") {
  CatalogBuilder builder;
  builder.table("public", "users");
  builder.table("public", "sessions");
  builder.table("public", "invoices");
  const auto active = builder.view("active_sessions", {"users", "sessions"});
  const auto spanning = builder.view("user_invoices", {"users", "invoices"});
  const auto nested = builder.view("active_count", {});
  builder.depends({ObjectKind::view, nested}, {ObjectKind::view, active});
  const auto plan = plan::build_plan(mapping_from(split_mapping), builder.catalog());
  CHECK_FALSE(plan.has_errors());
  CHECK(plan.find_target("auth")->views == std::vector<catalog::Oid>{active, nested});
  CHECK(plan.find_target("billing")->views.empty());
  REQUIRE(plan.views_left_behind.size() == 1);
  CHECK(plan.views_left_behind[0].view == spanning);
  CHECK(plan.views_left_behind[0].reason == "reads tables of auth and billing");
}

TEST_CASE("functions, aggregates, types and free sequences that no target needs are listed as "
          "left behind",
          "[plan]") {
  CatalogBuilder builder;
  const auto users = builder.table("public", "users").oid;
  builder.table("public", "invoices");
  const auto status = builder.type("userstatus", catalog::TypeKind::enumeration);
  builder.type("unused", catalog::TypeKind::domain);
  builder.sequence("orphan_seq");
  const auto total = builder.function("total", "");
  builder.edit().functions.back().kind = 'a';
  builder.edit().functions.back().identity_arguments = "numeric";
  builder.function("helper", "SELECT 1");
  builder.depends({ObjectKind::table, users}, {ObjectKind::type, status});
  (void)total;

  const auto plan = plan::build_plan(mapping_from(split_mapping), builder.catalog());
  std::vector<std::string> left;
  for (const auto& object : plan.objects_left_behind) {
    left.push_back(object.kind + " " + object.name);
  }
  CHECK(left == std::vector<std::string>{"domain public.unused", "aggregate public.total(numeric)",
                                         "function public.helper()", "sequence public.orphan_seq"});
}

TEST_CASE("collations, operator classes, casts and conversions go where their users go, and the "
          "others are left behind",
          "[plan]") {
  CatalogBuilder builder;
  const auto users = builder.table("public", "users").oid;
  const auto invoices = builder.table("public", "invoices").oid;
  builder.schema("billing");
  const auto level = builder.type("level", catalog::TypeKind::enumeration);
  const auto level_of = builder.function("level_of", "SELECT 'low'");
  const auto& collation = builder.add_object(ObjectKind::collation, "public", "case_blind");
  const auto& klass = builder.add_object(ObjectKind::operator_class, "public", "abs_ops");
  const auto& family = builder.add_object(ObjectKind::operator_family, "public", "abs_ops");
  const auto& op = builder.add_object(ObjectKind::operator_, "public", "<|",
                                      {{"LEFTARG", "integer"}, {"RIGHTARG", "integer"}});
  const auto abs_lt = builder.function("abs_lt", "SELECT true");
  const auto& cast = builder.add_object(ObjectKind::cast, "", "integer AS public.level");
  const auto& inout = builder.add_object(ObjectKind::cast, "", "public.level AS text");
  const auto& conversion = builder.add_object(ObjectKind::conversion, "public", "latin1_to_utf8");
  builder.add_object(ObjectKind::conversion, "billing", "latin2_to_utf8");
  builder.add_object(ObjectKind::collation, "public", "unused");
  builder.depends({ObjectKind::table, users}, {ObjectKind::collation, collation.oid});
  builder.depends({ObjectKind::table, users}, {ObjectKind::operator_class, klass.oid});
  builder.depends({ObjectKind::operator_class, klass.oid},
                  {ObjectKind::operator_family, family.oid});
  builder.depends({ObjectKind::operator_class, klass.oid}, {ObjectKind::operator_, op.oid});
  builder.depends({ObjectKind::operator_, op.oid}, {ObjectKind::function, abs_lt});
  builder.depends({ObjectKind::table, invoices}, {ObjectKind::function, level_of});
  builder.depends({ObjectKind::function, level_of}, {ObjectKind::type, level});
  builder.depends({ObjectKind::cast, cast.oid}, {ObjectKind::function, level_of});
  builder.depends({ObjectKind::cast, cast.oid}, {ObjectKind::type, level});
  builder.depends({ObjectKind::cast, inout.oid}, {ObjectKind::type, level});

  const auto plan = plan::build_plan(mapping_from(split_mapping), builder.catalog());
  using Refs = std::vector<catalog::ObjectRef>;
  CHECK(plan.find_target("auth")->objects == Refs{{ObjectKind::collation, collation.oid},
                                                  {ObjectKind::operator_class, klass.oid},
                                                  {ObjectKind::operator_family, family.oid},
                                                  {ObjectKind::operator_, op.oid},
                                                  {ObjectKind::conversion, conversion.oid}});
  CHECK(plan.find_target("auth")->functions == std::vector<catalog::Oid>{abs_lt});
  CHECK(plan.find_target("billing")->objects == Refs{{ObjectKind::cast, cast.oid},
                                                     {ObjectKind::cast, inout.oid},
                                                     {ObjectKind::conversion, conversion.oid}});
  std::vector<std::string> left;
  for (const auto& object : plan.objects_left_behind) {
    left.push_back(object.kind + " " + object.name);
  }
  CHECK(left ==
        std::vector<std::string>{"conversion billing.latin2_to_utf8", "collation public.unused"});
}

TEST_CASE("large objects in the source are a warning with their count and size", "[plan]") {
  CatalogBuilder builder;
  builder.table("public", "users");
  builder.table("public", "sessions");
  builder.table("public", "invoices");
  builder.edit().large_objects = 3;
  builder.edit().large_objects_bytes = 16384;
  const auto plan = plan::build_plan(mapping_from(split_mapping), builder.catalog());
  CHECK_THAT(messages(plan, Severity::warning),
             Contains("the source holds 3 large objects (16.0 kB in pg_largeobject): no target "
                      "gets them"));
}
