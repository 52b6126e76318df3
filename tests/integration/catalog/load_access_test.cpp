#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

// Owners, privileges, default privileges, row-level security, storage settings, view options
// and trigger modes, read from a real catalog. The roles are global to the cluster: named after
// the test database, dropped after it.
using namespace pgsplit;

namespace {

class Roles {
public:
  explicit Roles(std::string prefix) : prefix_(std::move(prefix)) {
    auto connection = pg::Connection::open(testing::sandbox_url());
    for (const char* role : {"owner", "reader", "writer"}) {
      connection.exec("CREATE ROLE " + name(role) + " NOLOGIN");
    }
  }
  Roles(const Roles&) = delete;
  Roles& operator=(const Roles&) = delete;
  ~Roles() {
    try {
      auto connection = pg::Connection::open(testing::sandbox_url());
      for (const char* role : {"owner", "reader", "writer"}) {
        connection.exec("DROP ROLE IF EXISTS " + name(role));
      }
    } catch (...) {
      // Leaves a role behind in the throwaway cluster; the test's own result stands.
    }
  }
  std::string name(const std::string& role) const { return prefix_ + "_" + role; }

private:
  std::string prefix_;
};

const catalog::Table& table_named(const catalog::Catalog& catalog, const std::string& name) {
  const auto* table = catalog.find_table(catalog::QualifiedName{"app", name});
  REQUIRE(table != nullptr);
  return *table;
}

bool has(const catalog::Access& access, const catalog::Privilege& wanted) {
  return std::any_of(access.privileges.begin(), access.privileges.end(),
                     [&](const catalog::Privilege& p) {
                       return p.grantee == wanted.grantee && p.to_owner == wanted.to_owner &&
                              p.privilege == wanted.privilege && p.grantable == wanted.grantable &&
                              p.revoke == wanted.revoke && p.column == wanted.column;
                     });
}

} // namespace

TEST_CASE("the catalog reads owners, privileges, policies, storage and view options",
          "[catalog][access]") {
  const auto prefix = testing::unique_database_name("access");
  const Roles roles(prefix);
  const testing::TestDatabase database("access");
  const auto owner = roles.name("owner");
  const auto reader = roles.name("reader");
  const auto writer = roles.name("writer");
  database.run("CREATE SCHEMA app AUTHORIZATION " + owner +
               ";\n"
               "GRANT USAGE ON SCHEMA app TO " +
               reader +
               ";\n"
               "SET ROLE " +
               owner +
               ";\n"
               "CREATE FUNCTION app.tenant() RETURNS integer LANGUAGE sql AS 'SELECT 1';\n"
               "REVOKE EXECUTE ON FUNCTION app.tenant() FROM PUBLIC;\n"
               "CREATE TABLE app.docs (id integer PRIMARY KEY, tenant integer, body text)\n"
               "  WITH (fillfactor = 70, toast.autovacuum_enabled = false);\n"
               "ALTER TABLE app.docs ALTER COLUMN tenant SET STATISTICS 300,\n"
               "  ALTER COLUMN body SET STORAGE EXTERNAL, ALTER COLUMN body SET COMPRESSION pglz;\n"
               "ALTER TABLE app.docs CLUSTER ON docs_pkey, REPLICA IDENTITY FULL;\n"
               "GRANT SELECT ON app.docs TO " +
               reader +
               " WITH GRANT OPTION;\n"
               "GRANT UPDATE (body) ON app.docs TO " +
               writer +
               ";\n"
               "REVOKE TRUNCATE ON app.docs FROM " +
               owner +
               ";\n"
               "ALTER TABLE app.docs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\n"
               "CREATE POLICY mine ON app.docs AS RESTRICTIVE FOR UPDATE TO " +
               reader + ", " + writer +
               " USING (tenant = app.tenant()) WITH CHECK (body <> '');\n"
               "COMMENT ON POLICY mine ON app.docs IS 'tenant rows';\n"
               "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql\n"
               "  AS 'BEGIN RETURN NEW; END';\n"
               "CREATE TRIGGER touch BEFORE UPDATE ON app.docs FOR EACH ROW\n"
               "  EXECUTE FUNCTION app.touch();\n"
               "ALTER TABLE app.docs ENABLE REPLICA TRIGGER touch;\n"
               "COMMENT ON TRIGGER touch ON app.docs IS 'on replicas';\n"
               "CREATE VIEW app.safe WITH (security_barrier) AS SELECT id FROM app.docs;\n"
               "COMMENT ON COLUMN app.safe.id IS 'the id';\n"
               "CREATE MATERIALIZED VIEW app.counts AS SELECT count(*) FROM app.docs "
               "WITH NO DATA;\n"
               "ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO " +
               reader + ";\n");
  auto connection = database.connect();
  const auto loaded = catalog::load_catalog(connection, {.schemas = {"app"}});

  const auto* app = loaded.find_schema("app");
  REQUIRE(app != nullptr);
  CHECK(app->access.owner == owner);
  CHECK(has(app->access, {.grantee = reader, .privilege = "USAGE"}));
  REQUIRE(app->default_privileges.size() == 1);
  CHECK(app->default_privileges[0].role == owner);
  CHECK(app->default_privileges[0].object_type == 'r');
  CHECK(app->default_privileges[0].grantee == reader);
  CHECK(app->default_privileges[0].privilege == "SELECT");

  const auto& docs = table_named(loaded, "docs");
  CHECK(docs.access.owner == owner);
  CHECK(has(docs.access, {.grantee = reader, .privilege = "SELECT", .grantable = true}));
  CHECK(has(docs.access, {.grantee = writer, .privilege = "UPDATE", .column = "body"}));
  CHECK(has(docs.access,
            {.grantee = owner, .to_owner = true, .privilege = "TRUNCATE", .revoke = true}));
  CHECK(docs.row_security);
  CHECK(docs.force_row_security);
  REQUIRE(docs.policies.size() == 1);
  const auto& policy = docs.policies[0];
  CHECK(policy.name == "mine");
  CHECK_FALSE(policy.permissive);
  CHECK(policy.command == "UPDATE");
  CHECK(policy.roles == std::vector<std::string>{reader, writer});
  CHECK(policy.using_expression == "(tenant = app.tenant())");
  CHECK(policy.check_expression == "(body <> ''::text)");
  CHECK(policy.comment == "tenant rows");
  CHECK(docs.options == std::vector<std::string>{"fillfactor=70"});
  CHECK(docs.toast_options == std::vector<std::string>{"autovacuum_enabled=false"});
  CHECK(docs.columns[1].statistics_target == 300);
  CHECK(docs.columns[2].storage == 'e');
  CHECK(docs.columns[2].compression == 'p');
  CHECK(docs.columns[0].statistics_target == -1);
  CHECK(docs.columns[0].storage == '\0');
  CHECK(docs.clustered_index == "docs_pkey");
  CHECK(docs.replica_identity == 'f');
  REQUIRE(docs.triggers.size() == 1);
  CHECK(docs.triggers[0].mode == 'R');
  CHECK(docs.triggers[0].comment == "on replicas");

  const auto tenant = std::find_if(loaded.functions.begin(), loaded.functions.end(),
                                   [](const auto& f) { return f.name.name == "tenant"; });
  REQUIRE(tenant != loaded.functions.end());
  CHECK(tenant->access.owner == owner);
  CHECK(has(tenant->access, {.privilege = "EXECUTE", .revoke = true}));

  for (const auto& view : loaded.views) {
    CHECK(view.access.owner == owner);
    if (view.name.name == "safe") {
      CHECK(view.options == std::vector<std::string>{"security_barrier=true"});
      CHECK(view.column_comments ==
            std::vector<std::pair<std::string, std::string>>{{"id", "the id"}});
    } else {
      CHECK_FALSE(view.populated);
    }
  }
}
