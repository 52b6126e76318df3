#pragma once

#include <pgsplit/pg/connection.hpp>

#include <string>

// Integration tests run against the throwaway cluster started by scripts/test.sh, whose URL is
// in PGSPLIT_TEST_URL. Without it every integration test fails loudly: they never pass (or
// skip) silently.
namespace pgsplit::testing {

// The superuser URL of the sandbox; throws when PGSPLIT_TEST_URL is not set.
std::string sandbox_url();

// A database with a unique name, created on construction and dropped (with FORCE) on
// destruction. Move-only.
class TestDatabase {
public:
  explicit TestDatabase(std::string purpose);
  TestDatabase(TestDatabase&&) noexcept;
  TestDatabase& operator=(TestDatabase&&) = delete;
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase();

  const std::string& name() const { return name_; }
  // A key=value conninfo for this database (superuser).
  const std::string& url() const { return url_; }
  pg::Connection connect() const;
  // Runs SQL as the superuser on this database.
  void run(const std::string& sql) const;

private:
  std::string name_;
  std::string url_;
};

// A fresh unique database name with a readable prefix, e.g. "pgsplit_t_copy_1a2b3c4d".
std::string unique_database_name(const std::string& purpose);

} // namespace pgsplit::testing
