#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;

namespace {

// The statements of the views phase that set owners and privileges.
std::vector<std::string> access_of(const schema::TargetDdl& ddl) {
  std::vector<std::string> sql;
  for (const auto& statement : ddl.access) {
    if (statement.sql.rfind("ALTER ", 0) == 0 || statement.sql.rfind("GRANT ", 0) == 0 ||
        statement.sql.rfind("REVOKE ", 0) == 0) {
      sql.push_back(statement.sql);
    }
  }
  return sql;
}

// A schema app owned by app_owner, with a table and a function of its own.
struct AccessFixture : DdlFixture {
  AccessFixture() {
    auto& app = builder.schema("app");
    app.access.owner = "app_owner";
    app.access.privileges = {{.grantee = "reader", .privilege = "USAGE"}};
    app.default_privileges = {
        {.role = "app_owner", .object_type = 'r', .grantee = "reader", .privilege = "SELECT"}};
    target.schemas = {"app"};
    target.connecting_as_superuser = true;
    auto& users = table("app", "users");
    users.columns = {column("id", "integer", 1), column("email", "text", 2)};
    users.access.owner = "app_owner";
    users.access.privileges = {{.to_owner = true, .privilege = "TRUNCATE", .revoke = true},
                               {.grantee = "reader", .privilege = "SELECT"},
                               {.grantee = "writer", .privilege = "INSERT", .grantable = true},
                               {.grantee = "writer", .privilege = "UPDATE", .grantable = true},
                               {.grantee = "writer", .privilege = "SELECT", .column = "email"}};
    auto& check = builder.add_function("app", "check_email");
    check.identity_arguments = "address text";
    check.definition = "CREATE FUNCTION app.check_email(address text) …";
    check.access.owner = "app_owner";
    check.access.privileges = {{.privilege = "EXECUTE", .revoke = true},
                               {.grantee = "reader", .privilege = "EXECUTE"}};
    target.functions.push_back(check.oid);
  }
};

} // namespace

TEST_CASE("owners and privileges follow the source: schemas first, then objects, then default "
          "privileges",
          "[schema][access]") {
  AccessFixture fixture;
  CHECK(
      access_of(fixture.generate()) ==
      std::vector<std::string>{
          R"(ALTER SCHEMA "app" OWNER TO "app_owner")",
          R"(GRANT USAGE ON SCHEMA "app" TO "reader")",
          R"(ALTER ROUTINE "app"."check_email"(address text) OWNER TO "app_owner")",
          R"(ALTER TABLE "app"."users" OWNER TO "app_owner")",
          R"(REVOKE EXECUTE ON ROUTINE "app"."check_email"(address text) FROM PUBLIC)",
          R"(GRANT EXECUTE ON ROUTINE "app"."check_email"(address text) TO "reader")",
          R"(REVOKE TRUNCATE ON TABLE "app"."users" FROM "app_owner")",
          R"(GRANT SELECT ON TABLE "app"."users" TO "reader")",
          R"(GRANT INSERT, UPDATE ON TABLE "app"."users" TO "writer" WITH GRANT OPTION)",
          R"(GRANT SELECT ("email") ON TABLE "app"."users" TO "writer")",
          R"(ALTER DEFAULT PRIVILEGES FOR ROLE "app_owner" IN SCHEMA "app" GRANT SELECT ON TABLES TO "reader")"});
}

TEST_CASE("an owner the target cannot take leaves the objects and the owner's privileges to the "
          "connecting role, and grants to a missing role are left out",
          "[schema][access]") {
  AccessFixture fixture;
  fixture.target.unassignable_owners = {"app_owner"};
  fixture.target.missing_roles = {"writer"};
  const auto ddl = fixture.generate();
  CHECK(access_of(ddl) ==
        std::vector<std::string>{
            R"(GRANT USAGE ON SCHEMA "app" TO "reader")",
            R"(REVOKE EXECUTE ON ROUTINE "app"."check_email"(address text) FROM PUBLIC)",
            R"(GRANT EXECUTE ON ROUTINE "app"."check_email"(address text) TO "reader")",
            R"(REVOKE TRUNCATE ON TABLE "app"."users" FROM CURRENT_USER)",
            R"(GRANT SELECT ON TABLE "app"."users" TO "reader")"});
  CHECK(std::find(ddl.notes.begin(), ddl.notes.end(),
                  "default privileges of role app_owner in schema app are not set: the role does "
                  "not own this target's objects") != ddl.notes.end());
}

TEST_CASE("options.owners: connecting_role and options.privileges: none write no owner and no "
          "grant",
          "[schema][access]") {
  AccessFixture fixture;
  fixture.target.keep_owners = false;
  CHECK(access_of(fixture.generate()).front() == R"(GRANT USAGE ON SCHEMA "app" TO "reader")");
  fixture.target.keep_privileges = false;
  CHECK(access_of(fixture.generate()).empty());
}

TEST_CASE("without superuser, an owner lacking CREATE on the database keeps no schema, and one "
          "lacking CREATE on the schema no object in it",
          "[schema][access]") {
  AccessFixture fixture;
  fixture.target.connecting_as_superuser = false;
  fixture.target.roles_without_database_create = {"app_owner"};
  const auto statements = access_of(fixture.generate());
  CHECK(std::none_of(statements.begin(), statements.end(), [](const std::string& sql) {
    return sql.find("OWNER TO") != std::string::npos;
  }));
  fixture.target.roles_without_database_create.clear();
  CHECK(access_of(fixture.generate()).at(2) ==
        R"(ALTER ROUTINE "app"."check_email"(address text) OWNER TO "app_owner")");
}

TEST_CASE("a sequence owned by a column follows its table's owner, a free one gets its own",
          "[schema][access]") {
  DdlFixture fixture;
  fixture.target.connecting_as_superuser = true;
  auto& orders = fixture.table("public", "orders");
  orders.columns = {DdlFixture::column("id", "integer", 1)};
  orders.access.owner = "shop";
  auto& owned = fixture.sequence("orders_id_seq");
  owned.owner_table = orders.oid;
  owned.owner_column = "id";
  owned.access.owner = "shop";
  auto& free = fixture.sequence("invoice_number");
  free.access.owner = "shop";
  CHECK(access_of(fixture.generate()) ==
        std::vector<std::string>{R"(ALTER SEQUENCE "public"."invoice_number" OWNER TO "shop")",
                                 R"(ALTER TABLE "public"."orders" OWNER TO "shop")"});
}
