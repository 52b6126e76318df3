#include "support/sandbox.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

namespace pgsplit::testing {

std::string sandbox_url() {
  const char* url = std::getenv("PGSPLIT_TEST_URL");
  if (url == nullptr || *url == '\0') {
    throw core::Error(
        "PGSPLIT_TEST_URL is not set: integration tests need the throwaway cluster "
        "(run scripts/test.sh, or export PGSPLIT_TEST_URL=$(scripts/pg-sandbox start))");
  }
  return url;
}

std::string unique_database_name(const std::string& purpose) {
  static std::atomic<unsigned> counter{0};
  static const unsigned seed = std::random_device{}();
  return fmt::format("pgsplit_t_{}_{}_{:x}_{}", purpose, ::getpid(), seed & 0xffffu,
                     counter.fetch_add(1));
}

TestDatabase::TestDatabase(std::string purpose)
    : name_(unique_database_name(purpose)), url_(pg::conninfo_with_database(sandbox_url(), name_)) {
  auto admin = pg::Connection::open(sandbox_url());
  admin.exec(fmt::format("CREATE DATABASE {}", pg::quote_ident(name_)));
}

TestDatabase::TestDatabase(TestDatabase&& other) noexcept
    : name_(std::move(other.name_)), url_(std::move(other.url_)) {
  other.name_.clear();
}

TestDatabase::~TestDatabase() {
  if (name_.empty()) {
    return;
  }
  try {
    auto admin = pg::Connection::open(sandbox_url());
    admin.exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", pg::quote_ident(name_)));
  } catch (const std::exception& error) {
    fmt::print(stderr, "warning: could not drop test database {}: {}\n", name_, error.what());
  }
}

pg::Connection TestDatabase::connect() const { return pg::Connection::open(url_); }

void TestDatabase::run(const std::string& sql) const {
  auto connection = connect();
  connection.exec(sql);
}

} // namespace pgsplit::testing
