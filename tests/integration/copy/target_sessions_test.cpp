// A run holds at most -j target sessions on a server whatever the number of targets
// (docs/apply.md, "Connections"): the targets' role may open only a few connections at once,
// fewer than the targets, and apply and verify still succeed.
#include "integration/copy/split_fixture.hpp"

#include <pgsplit/pg/quote.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace pgsplit;
using namespace pgsplit::testing;

namespace {

constexpr int target_count = 24;
constexpr int jobs = 2;
// -j worker sessions, one more for the coordinator (it reads each target's state before the
// copy), and room for a closed session's backend that has not exited yet.
constexpr int role_connection_limit = jobs + 4;

// A login role whose connections the server counts (CONNECTION LIMIT does not apply to
// superusers); dropped after the databases it owns.
class LimitedRole {
public:
  LimitedRole() : name_(unique_database_name("limited")) {
    auto admin = pg::Connection::open(sandbox_url());
    admin.exec(fmt::format("CREATE ROLE {} LOGIN PASSWORD 'limited-pw' CONNECTION LIMIT {}",
                           pg::quote_ident(name_), role_connection_limit));
  }
  LimitedRole(const LimitedRole&) = delete;
  LimitedRole& operator=(const LimitedRole&) = delete;
  ~LimitedRole() {
    try {
      auto admin = pg::Connection::open(sandbox_url());
      admin.exec(fmt::format("DROP ROLE IF EXISTS {}", pg::quote_ident(name_)));
    } catch (const std::exception& error) {
      fmt::print(stderr, "warning: could not drop role {}: {}\n", name_, error.what());
    }
  }
  const std::string& name() const { return name_; }

private:
  std::string name_;
};

std::string target_name(int index) { return fmt::format("t{:02}", index); }

} // namespace

TEST_CASE("many targets at -j 2: target sessions stay within -j (plus the coordinator's)",
          "[copy][connections]") {
  LimitedRole role;
  std::vector<std::string> names;
  for (int index = 1; index <= target_count; ++index) {
    names.push_back(target_name(index));
  }
  SplitFixture split("many_targets", names);
  std::string source_sql;
  std::string yaml = "source: {url: \"${MONOLITH_URL}\"}\ntargets:\n";
  for (const auto& name : names) {
    source_sql +=
        fmt::format("CREATE TABLE table_{0} (id int PRIMARY KEY, label text); "
                    "INSERT INTO table_{0} SELECT i, '{0}' FROM generate_series(1, 50) i;",
                    name);
    const auto& database = split.target(name);
    database.run(fmt::format("ALTER DATABASE {} OWNER TO {}", pg::quote_ident(database.name()),
                             pg::quote_ident(role.name())));
    auto variable = name + "_LIMITED_URL";
    for (auto& character : variable) {
      character = static_cast<char>(std::toupper(static_cast<unsigned char>(character)));
    }
    split.set_variable(variable,
                       fmt::format("{} user={} password=limited-pw", database.url(), role.name()));
    yaml += fmt::format("  {}: {{url: \"${{{}}}\", tables: [table_{}]}}\n", name, variable, name);
  }
  split.source().run(source_sql);

  copy::ApplyOptions options;
  options.jobs = jobs;
  const auto report = split.apply(yaml, options);
  for (const auto& failure : report.failures) {
    FAIL(failure); // before the fix: "too many connections for role"
  }
  REQUIRE(report.complete());
  const auto verified = split.verify(yaml, true);
  CHECK(verified.ok());
  CHECK(verified.table_count() == target_count);
  for (const auto& name : {target_name(1), target_name(target_count)}) {
    CHECK(SplitFixture::digest(split.target(name), "table_" + name) ==
          SplitFixture::digest(split.source(), "table_" + name));
  }
}
