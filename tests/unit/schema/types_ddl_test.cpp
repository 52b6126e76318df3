#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;
using catalog::ObjectKind;
using catalog::TypeKind;

TEST_CASE("an enum keeps its labels in order, quotes in labels doubled", "[schema]") {
  DdlFixture fixture;
  auto& mood = fixture.type("mood", TypeKind::enumeration);
  mood.enum_labels = {"sad", "it's ok", "happy"};
  mood.comment = "how it's going";
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{
            R"(CREATE TYPE "public"."mood" AS ENUM ('sad', 'it''s ok', 'happy'))",
            R"(COMMENT ON TYPE "public"."mood" IS 'how it''s going')"});
}

TEST_CASE("a domain has its base type, collation, default, NOT NULL and named checks", "[schema]") {
  DdlFixture fixture;
  auto& amount = fixture.type("amount", TypeKind::domain);
  amount.domain_base_type = "numeric(12,2)";
  amount.domain_default = "1";
  amount.domain_not_null = true;
  amount.domain_constraints = {{"amount_positive", "CHECK (public.is_positive(VALUE))"},
                               {"amount_small", "CHECK ((VALUE < (1000)::numeric))"},
                               {"amount_round", "CHECK ((VALUE = round(VALUE))) NOT VALID"}};
  auto& code = fixture.type("code", TypeKind::domain);
  code.domain_base_type = "text";
  code.domain_collation = R"("pg_catalog"."C")";
  const auto ddl = fixture.generate();
  CHECK(sql_of(ddl.pre_data) ==
        std::vector<std::string>{
            R"(CREATE DOMAIN "public"."amount" AS numeric(12,2) DEFAULT 1 NOT NULL )"
            R"(CONSTRAINT "amount_positive" CHECK (public.is_positive(VALUE)) )"
            R"(CONSTRAINT "amount_small" CHECK ((VALUE < (1000)::numeric)))",
            R"(CREATE DOMAIN "public"."code" AS text COLLATE "pg_catalog"."C")"});
  // CREATE DOMAIN refuses NOT VALID: the unvalidated check comes once the data is in
  CHECK(sql_of(ddl.views) ==
        std::vector<std::string>{R"(ALTER DOMAIN "public"."amount" ADD CONSTRAINT "amount_round" )"
                                 R"(CHECK ((VALUE = round(VALUE))) NOT VALID)"});
}

TEST_CASE("composite and range types", "[schema]") {
  DdlFixture fixture;
  auto& address = fixture.type("address", TypeKind::composite);
  address.composite_attributes = {{"street", "text", std::nullopt},
                                  {"City Name", "text", R"("pg_catalog"."C")"},
                                  {"zip", "public.code", std::nullopt}};
  auto& range = fixture.type("floatrange", TypeKind::range);
  range.range_subtype = "double precision";
  range.range_subtype_diff = R"("public"."float_diff")";
  range.multirange_name = R"("public"."floatmultirange")";
  auto& full = fixture.type("textrange", TypeKind::range);
  full.range_subtype = "text";
  full.range_subtype_opclass = R"("pg_catalog"."text_pattern_ops")";
  full.range_collation = R"("pg_catalog"."C")";
  full.range_canonical = R"("public"."text_canon")";
  full.multirange_name = R"("public"."textmultirange")";
  CHECK(
      sql_of(fixture.generate().pre_data) ==
      std::vector<std::string>{
          R"(CREATE TYPE "public"."address" AS ("street" text, "City Name" text COLLATE "pg_catalog"."C", "zip" public.code))",
          R"(CREATE TYPE "public"."floatrange" AS RANGE (SUBTYPE = double precision, )"
          R"(SUBTYPE_DIFF = "public"."float_diff", MULTIRANGE_TYPE_NAME = "public"."floatmultirange"))",
          R"(CREATE TYPE "public"."textrange" AS RANGE (SUBTYPE = text, )"
          R"(SUBTYPE_OPCLASS = "pg_catalog"."text_pattern_ops", COLLATION = "pg_catalog"."C", )"
          R"(CANONICAL = "public"."text_canon", MULTIRANGE_TYPE_NAME = "public"."textmultirange"))"});
}

TEST_CASE("types and functions interleave in dependency order", "[schema]") {
  DdlFixture fixture;
  // the domain's check calls a function whose argument is an enum
  auto& amount = fixture.type("amount", TypeKind::domain);
  amount.domain_base_type = "integer";
  amount.domain_constraints = {{"amount_rank", "CHECK (public.rank_ok(VALUE))"}};
  const auto amount_oid = amount.oid;
  const auto status_oid = fixture.type("status", TypeKind::enumeration).oid;
  const auto rank_ok =
      fixture.function("rank_ok", "CREATE OR REPLACE FUNCTION public.rank_ok(…)\n").oid;
  fixture.depends({ObjectKind::type, amount_oid}, {ObjectKind::function, rank_ok});
  fixture.depends({ObjectKind::function, rank_ok}, {ObjectKind::type, status_oid});
  const auto sql = sql_of(fixture.generate().pre_data);
  REQUIRE(sql.size() == 4);
  CHECK(sql[0] == "SET check_function_bodies = false");
  CHECK(sql[1] == R"(CREATE TYPE "public"."status" AS ENUM ())");
  CHECK(sql[2] == "CREATE OR REPLACE FUNCTION public.rank_ok(…)");
  CHECK(sql[3].starts_with(R"(CREATE DOMAIN "public"."amount")"));
}
