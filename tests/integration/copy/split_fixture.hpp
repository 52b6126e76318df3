#pragma once

// A monolith and its targets in the sandbox, split with the library exactly as `pgsplit apply`
// does (mapping → catalog → plan → apply), for the copy engine's integration tests.
#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/copy/apply.hpp>
#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/verify/verify_split.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>

namespace pgsplit::testing {

class SplitFixture {
public:
  // `targets`: names; each gets a TestDatabase and the variable <NAME>_URL.
  SplitFixture(const std::string& purpose, const std::vector<std::string>& targets)
      : source_(purpose + "_src") {
    variables_["MONOLITH_URL"] = source_.url();
    for (const auto& name : targets) {
      auto database = std::make_unique<TestDatabase>(purpose + "_" + name);
      std::string variable = name + "_URL";
      for (auto& character : variable) {
        character = static_cast<char>(std::toupper(static_cast<unsigned char>(character)));
      }
      variables_[variable] = database->url();
      targets_.emplace(name, std::move(database));
    }
  }

  const TestDatabase& source() const { return source_; }
  const TestDatabase& target(const std::string& name) const { return *targets_.at(name); }

  // Plans and applies `yaml`; the plan must be free of errors.
  copy::ApplyReport apply(const std::string& yaml, copy::ApplyOptions options = {}) {
    options.progress = copy::ProgressStyle::quiet;
    const auto mapping = config::parse_mapping(yaml, "/tmp/pgsplit-test.yaml",
                                               config::fixed_environment(variables_));
    auto connection = pg::Connection::open(source_.url(), {.read_only = true});
    connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (before_snapshot_) {
      before_snapshot_();
    }
    const auto catalog = catalog::load_catalog(connection, {});
    if (after_snapshot_) {
      after_snapshot_();
    }
    const auto plan = plan::build_plan(mapping, catalog);
    for (const auto& error : plan.errors()) {
      FAIL("plan error: " << error.to_string());
    }
    return copy::apply_split(connection, source_.url(), mapping, catalog, plan, options);
  }

  // Verifies the split of `yaml` as `pgsplit verify` does (counts, or checksums too).
  verify::VerifyReport verify(const std::string& yaml, bool checksums) {
    const auto mapping = config::parse_mapping(yaml, "/tmp/pgsplit-test.yaml",
                                               config::fixed_environment(variables_));
    auto connection = pg::Connection::open(source_.url(), {.read_only = true});
    connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const auto catalog = catalog::load_catalog(connection, {});
    const auto plan = plan::build_plan(mapping, catalog);
    return verify::verify_split(connection, mapping, catalog, plan,
                                {.checksums = checksums, .jobs = 2, .stamps = false});
  }

  // Sets (or overrides) a variable the mappings can use, e.g. a target URL with another role.
  void set_variable(const std::string& name, const std::string& value) { variables_[name] = value; }

  // Runs between the snapshot being taken (catalog read) and the copy starting.
  void after_snapshot(std::function<void()> action) { after_snapshot_ = std::move(action); }
  void before_snapshot(std::function<void()> action) { before_snapshot_ = std::move(action); }

  // count and md5 of every row's text, in key order, of `table` in `database`.
  static std::string digest(const TestDatabase& database, const std::string& table,
                            const std::string& order = "1") {
    auto connection = database.connect();
    const auto result =
        connection.exec("SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, "
                        "'|' ORDER BY " +
                        order + ")), '') AS digest FROM " + table + " t");
    return result.text(0, "digest");
  }

private:
  TestDatabase source_;
  std::map<std::string, std::unique_ptr<TestDatabase>> targets_;
  std::map<std::string, std::string> variables_;
  std::function<void()> before_snapshot_;
  std::function<void()> after_snapshot_;
};

} // namespace pgsplit::testing
