#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;
using catalog::ConstraintKind;
using catalog::TableKind;

namespace {

catalog::Constraint key(catalog::Oid oid, const std::string& name, ConstraintKind kind,
                        const std::string& definition, catalog::Oid index) {
  catalog::Constraint constraint;
  constraint.oid = oid;
  constraint.name = name;
  constraint.kind = kind;
  constraint.definition = definition;
  constraint.index = index;
  return constraint;
}

catalog::Index index(catalog::Oid oid, const std::string& name, const std::string& definition,
                     bool backs_constraint = false) {
  catalog::Index index;
  index.oid = oid;
  index.name = name;
  index.definition = definition;
  index.backs_constraint = backs_constraint;
  return index;
}

} // namespace

TEST_CASE("primary and unique keys: the index, then the constraint USING INDEX", "[schema]") {
  DdlFixture fixture;
  auto& users = fixture.table("public", "users");
  users.indexes = {
      index(1, "users_email_key",
            "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)", true),
      index(2, "users_lower_name",
            "CREATE INDEX users_lower_name ON public.users USING btree (lower(name))"),
      index(3, "users_pkey", "CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)",
            true),
      index(4, "users_tags", "CREATE INDEX users_tags ON public.users USING gin (tags)"),
      index(5, "users_active",
            "CREATE INDEX users_active ON public.users USING btree (id) WHERE active")};
  users.indexes[3].comment = "tag search";
  users.constraints = {key(11, "users_email_key", ConstraintKind::unique,
                           "UNIQUE (email) DEFERRABLE INITIALLY DEFERRED", 1),
                       key(12, "users_pkey", ConstraintKind::primary_key, "PRIMARY KEY (id)", 3)};
  users.constraints[0].deferrable = true;
  users.constraints[0].deferred = true;
  users.constraints[1].comment = "the key";
  CHECK(
      post_data_of(fixture.generate(), "public.users") ==
      std::vector<std::string>{
          "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)",
          R"(ALTER TABLE "public"."users" ADD CONSTRAINT "users_email_key" UNIQUE USING INDEX "users_email_key" DEFERRABLE INITIALLY DEFERRED)",
          "CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)",
          R"(ALTER TABLE "public"."users" ADD CONSTRAINT "users_pkey" PRIMARY KEY USING INDEX "users_pkey")",
          R"(COMMENT ON CONSTRAINT "users_pkey" ON "public"."users" IS 'the key')",
          "CREATE INDEX users_lower_name ON public.users USING btree (lower(name))",
          "CREATE INDEX users_tags ON public.users USING gin (tags)",
          R"(COMMENT ON INDEX "public"."users_tags" IS 'tag search')",
          "CREATE INDEX users_active ON public.users USING btree (id) WHERE active"});
}

TEST_CASE("a partitioned table's keys and indexes are declared on it and cascade", "[schema]") {
  DdlFixture fixture;
  auto& events = fixture.table("public", "events");
  events.kind = TableKind::partitioned_table;
  events.indexes = {
      index(1, "events_payload",
            "CREATE INDEX events_payload ON ONLY public.events USING btree (payload)"),
      index(2, "events_pkey",
            "CREATE UNIQUE INDEX events_pkey ON ONLY public.events USING btree (id, day)", true)};
  events.constraints = {
      key(11, "events_pkey", ConstraintKind::primary_key, "PRIMARY KEY (id, day)", 2)};
  auto& y2024 = fixture.table("public", "events_2024");
  y2024.partition_parent = events.oid;
  y2024.partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')";
  y2024.indexes = {
      index(3, "events_2024_payload_idx",
            "CREATE INDEX events_2024_payload_idx ON public.events_2024 USING btree (payload)"),
      index(4, "events_2024_pkey",
            "CREATE UNIQUE INDEX events_2024_pkey ON public.events_2024 USING btree (id, day)",
            true),
      index(5, "events_2024_local",
            "CREATE INDEX events_2024_local ON public.events_2024 USING brin (day)")};
  y2024.indexes[0].parent_index = 1;
  y2024.indexes[1].parent_index = 2;
  y2024.constraints = {
      key(12, "events_2024_pkey", ConstraintKind::primary_key, "PRIMARY KEY (id, day)", 4)};
  y2024.constraints[0].is_local = false;
  const auto ddl = fixture.generate();
  CHECK(post_data_of(ddl, "public.events") ==
        std::vector<std::string>{
            R"(ALTER TABLE "public"."events" ADD CONSTRAINT "events_pkey" PRIMARY KEY (id, day))",
            "CREATE INDEX events_payload ON public.events USING btree (payload)"});
  CHECK(post_data_of(ddl, "public.events_2024") ==
        std::vector<std::string>{
            "CREATE INDEX events_2024_local ON public.events_2024 USING brin (day)"});
}

TEST_CASE("only the ONLY right after ON is removed", "[schema]") {
  DdlFixture fixture;
  auto& only = fixture.table("public", "only");
  only.kind = TableKind::partitioned_table;
  only.indexes = {
      index(1, "only", R"(CREATE INDEX "only" ON ONLY public."only" USING btree (only))")};
  CHECK(post_data_of(fixture.generate(), "public.only") ==
        std::vector<std::string>{R"(CREATE INDEX "only" ON public."only" USING btree (only))"});
}
