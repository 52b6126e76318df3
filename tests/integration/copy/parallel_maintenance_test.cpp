// Index builds borrow idle workers as the server's parallel maintenance workers: the setting
// a post-data job gives its transaction (worker.hpp, set_parallel_maintenance_workers).
#include "support/sandbox.hpp"

#include <pgsplit/copy/worker.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("a target session builds indexes with as many parallel workers as are spare",
          "[copy][maintenance]") {
  TestDatabase target("parallel_maintenance");
  auto session = copy::open_target_session(target.url(), "pgsplit test", "64MB");
  const auto setting = [&] {
    return session.exec("SHOW max_parallel_maintenance_workers")
        .text(0, "max_parallel_maintenance_workers");
  };
  const auto server_default = setting();
  session.exec("BEGIN");
  copy::set_parallel_maintenance_workers(session, 3);
  CHECK(setting() == "3");
  // Every worker busy copying: the builds run serially.
  copy::set_parallel_maintenance_workers(session, 0);
  CHECK(setting() == "0");
  session.exec("COMMIT");
  // Only for the job's transaction: the next job of the session starts from the server's value
  // (the count of idle workers was true when that job ran, not later).
  CHECK(setting() == server_default);
}
