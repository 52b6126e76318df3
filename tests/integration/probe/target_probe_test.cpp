#include "support/sandbox.hpp"

#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/probe/probe.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>

using namespace pgsplit;
using Catch::Matchers::Contains;
using Catch::Matchers::VectorContains;

namespace {

std::string sandbox_port() { return pg::parse_conninfo(testing::sandbox_url()).options.at("port"); }

config::Target target_at(std::string url, std::string name = "svc") {
  return config::Target{.name = std::move(name), .url = std::move(url)};
}

// A plan placing `names` in the target "svc" (only the fields the probe reads).
plan::Plan plan_placing(const std::vector<catalog::QualifiedName>& names) {
  plan::Plan plan;
  plan.targets.push_back({.name = "svc"});
  for (const auto& name : names) {
    plan.targets.back().tables.push_back({.source_name = name, .target_name = name});
  }
  return plan;
}

probe::SourceIdentity identity_of(const testing::TestDatabase& database) {
  auto connection = database.connect();
  return probe::read_source_identity(connection);
}

// One target probed on its own (no server known from an earlier target).
plan::TargetFacts probe_one(const config::Target& target, const plan::Plan& plan,
                            const probe::SourceIdentity& source) {
  probe::MissingDatabaseServers servers;
  return probe::probe_target(target, plan, source, servers);
}

const plan::ExistingTable* find_existing(const plan::TargetFacts& facts, const std::string& name) {
  const auto found =
      std::find_if(facts.existing_tables.begin(), facts.existing_tables.end(),
                   [&](const plan::ExistingTable& table) { return table.name.name == name; });
  return found == facts.existing_tables.end() ? nullptr : &*found;
}

// A login role that is not a superuser; dropped when the test ends, pass or fail.
class ScopedRole {
public:
  ScopedRole(std::string password, std::string options = "")
      : name_(fmt::format("pgsplit_probe_role_{}", ::getpid())), password_(std::move(password)) {
    admin().exec(fmt::format("CREATE ROLE {} LOGIN {} PASSWORD '{}'", name_, options, password_));
  }
  ~ScopedRole() {
    try {
      admin().exec(fmt::format("DROP ROLE IF EXISTS {}", name_));
    } catch (const std::exception&) {
    }
  }
  std::string url(const std::string& database) const {
    return fmt::format("postgresql://{}:{}@127.0.0.1:{}/{}", name_, password_, sandbox_port(),
                       database);
  }

private:
  static pg::Connection admin() { return pg::Connection::open(testing::sandbox_url()); }
  std::string name_;
  std::string password_;
};

} // namespace

TEST_CASE("an empty reachable target: version, encoding, privileges, extensions", "[probe]") {
  testing::TestDatabase source("probe_src");
  testing::TestDatabase target("probe_tgt");
  const auto facts =
      probe_one(target_at(target.url()), plan_placing({{"public", "t"}}), identity_of(source));
  CHECK(facts.target == "svc");
  CHECK(facts.reachable);
  CHECK(facts.database_exists);
  CHECK(facts.connection_error.empty());
  CHECK(facts.server_version >= 150000);
  CHECK(facts.encoding == "UTF8");
  CHECK(facts.can_create);
  CHECK_THAT(facts.available_extensions, VectorContains(std::string("plpgsql")));
  CHECK_FALSE(facts.is_source_database);
  CHECK(facts.existing_tables.empty());
}

TEST_CASE("existing target tables are listed with their columns and whether they hold rows",
          "[probe]") {
  testing::TestDatabase source("probe_src");
  testing::TestDatabase target("probe_tgt");
  target.run("CREATE SCHEMA svc;"
             "CREATE TABLE svc.filled (id integer, label varchar(20));"
             "INSERT INTO svc.filled VALUES (1, 'one');"
             "CREATE TABLE svc.empty (id bigint, gone int, note text);"
             "ALTER TABLE svc.empty DROP COLUMN gone;"
             "CREATE SCHEMA \"Odd Schema\";"
             "CREATE TABLE \"Odd Schema\".\"we\"\"ird\" (x int);"
             "INSERT INTO \"Odd Schema\".\"we\"\"ird\" VALUES (1);"
             "CREATE TABLE svc.not_planned (x int)");
  const auto plan = plan_placing(
      {{"svc", "filled"}, {"svc", "empty"}, {"svc", "absent"}, {"Odd Schema", "we\"ird"}});
  const auto facts = probe_one(target_at(target.url()), plan, identity_of(source));
  REQUIRE(facts.existing_tables.size() == 3);

  const auto* filled = find_existing(facts, "filled");
  REQUIRE(filled);
  CHECK(filled->has_rows);
  REQUIRE(filled->columns.size() == 2);
  CHECK(filled->columns[0].name == "id");
  CHECK(filled->columns[0].type == "integer");
  CHECK(filled->columns[1].name == "label");
  CHECK(filled->columns[1].type == "character varying(20)");

  const auto* empty = find_existing(facts, "empty");
  REQUIRE(empty);
  CHECK_FALSE(empty->has_rows);
  REQUIRE(empty->columns.size() == 2); // the dropped column is left out
  CHECK(empty->columns[1].name == "note");

  const auto* odd = find_existing(facts, "we\"ird");
  REQUIRE(odd);
  CHECK(odd->name.schema == "Odd Schema");
  CHECK(odd->has_rows);
  CHECK_FALSE(find_existing(facts, "absent"));
  CHECK_FALSE(find_existing(facts, "not_planned"));
}

TEST_CASE("a missing target database is reported with what its server offers", "[probe]") {
  testing::TestDatabase source("probe_src");
  const auto missing = testing::unique_database_name("probe_missing");
  const auto url = pg::conninfo_with_database(testing::sandbox_url(), missing);
  const auto facts =
      probe_one(target_at(url), plan_placing({{"public", "t"}}), identity_of(source));
  CHECK_FALSE(facts.reachable);
  CHECK_FALSE(facts.database_exists);
  CHECK_THAT(facts.connection_error, Contains(missing) && Contains("does not exist"));
  CHECK_THAT(facts.connection_hint, Contains("create_database"));
  CHECK(facts.can_create); // the sandbox's superuser
  CHECK(facts.server_version >= 150000);
  CHECK(facts.encoding == "UTF8");
  CHECK_THAT(facts.available_extensions, VectorContains(std::string("plpgsql")));
}

TEST_CASE("several targets on one server: each missing database is told from the first's "
          "session, an existing one is still connected to",
          "[probe]") {
  testing::TestDatabase source("probe_src");
  testing::TestDatabase existing("probe_tgt");
  existing.run("CREATE TABLE t (id int)");
  const auto first = testing::unique_database_name("probe_missing_a");
  const auto second = testing::unique_database_name("probe_missing_b");
  const auto plan = plan_placing({{"public", "t"}});
  const auto identity = identity_of(source);
  probe::MissingDatabaseServers servers;
  const auto probe_at = [&](const std::string& database, const std::string& name) {
    return probe::probe_target(
        target_at(pg::conninfo_with_database(testing::sandbox_url(), database), name), plan,
        identity, servers);
  };
  const auto a = probe_at(first, "a");
  const auto b = probe_at(existing.name(), "svc"); // the plan's target: its tables are looked up
  const auto c = probe_at(second, "c");
  CHECK_FALSE(a.database_exists);
  CHECK(b.reachable);
  CHECK(b.database_exists);
  CHECK(b.target == "svc");
  CHECK(find_existing(b, "t"));
  CHECK_FALSE(c.database_exists);
  CHECK_FALSE(c.reachable);
  CHECK(c.target == "c");
  // Told by the first target's session (pg_database), not by a failed connection's message.
  CHECK(c.connection_error == fmt::format("database \"{}\" does not exist", second));
  CHECK_THAT(c.connection_hint, Contains("create_database"));
  CHECK(c.can_create);
  CHECK(c.roles_known);
  CHECK(c.roles.size() == a.roles.size());
  CHECK(c.server_version == a.server_version);
  CHECK(c.available_extensions == a.available_extensions);
  // Created since: the known server's session sees it, and the target is connected to.
  testing::TestDatabase created("probe_late");
  const auto late = probe_at(created.name(), "late");
  CHECK(late.reachable);
  CHECK(late.database_exists);
}

TEST_CASE("an unreachable target is reported without the password of its URL", "[probe]") {
  testing::TestDatabase source("probe_src");
  const std::string secret = "Pr0be-S3cret-pw";
  const auto url =
      fmt::format("postgresql://postgres:{}@127.0.0.1:1/app?connect_timeout=2", secret);
  const auto facts =
      probe_one(target_at(url), plan_placing({{"public", "t"}}), identity_of(source));
  CHECK_FALSE(facts.reachable);
  CHECK(facts.database_exists);
  CHECK_THAT(facts.connection_error, Contains("127.0.0.1"));
  CHECK_THAT(facts.connection_hint, Contains("host and port"));
  std::vector<std::string> texts{facts.target, facts.connection_error, facts.connection_hint,
                                 facts.encoding};
  texts.insert(texts.end(), facts.available_extensions.begin(), facts.available_extensions.end());
  for (const auto& text : texts) {
    CHECK_THAT(text, !Contains(secret));
  }
}

TEST_CASE("a target pointing at the source database itself is recognised", "[probe]") {
  testing::TestDatabase source("probe_src");
  testing::TestDatabase other("probe_other");
  const auto identity = identity_of(source);
  CHECK_FALSE(identity.system_identifier.empty());
  const auto plan = plan_placing({{"public", "t"}});
  CHECK(probe_one(target_at(source.url()), plan, identity).is_source_database);
  CHECK_FALSE(probe_one(target_at(other.url()), plan, identity).is_source_database);
}

TEST_CASE("a role without CREATE on the target, or without CREATEDB, cannot create", "[probe]") {
  testing::TestDatabase source("probe_src");
  testing::TestDatabase target("probe_tgt");
  const std::string secret = "N0-Create-pw";
  const ScopedRole role(secret);
  const auto plan = plan_placing({{"public", "t"}});
  const auto connected = probe_one(target_at(role.url(target.name())), plan, identity_of(source));
  CHECK(connected.reachable);
  CHECK_FALSE(connected.can_create);
  const auto missing =
      probe_one(target_at(role.url(testing::unique_database_name("probe_missing"))), plan,
                identity_of(source));
  CHECK_FALSE(missing.database_exists);
  CHECK(missing.server_version >= 150000);
  CHECK_FALSE(missing.can_create);
  CHECK_THAT(missing.connection_error, !Contains(secret));
}
