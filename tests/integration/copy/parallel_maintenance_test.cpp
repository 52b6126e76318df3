// Index builds borrow idle workers as the server's parallel maintenance workers: the setting
// a post-data job gives its target session (worker.hpp, set_parallel_maintenance_workers).
#include "support/sandbox.hpp"

#include <pgsplit/copy/worker.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("a target session builds indexes with as many parallel workers as are spare",
          "[copy][maintenance]") {
  TestDatabase target("parallel_maintenance");
  auto session = copy::open_target_session(target.url(), "pgsplit test", "64MB");
  copy::set_parallel_maintenance_workers(session, 3);
  CHECK(session.exec("SHOW max_parallel_maintenance_workers")
            .text(0, "max_parallel_maintenance_workers") == "3");
  // Every worker busy copying: the builds run serially.
  copy::set_parallel_maintenance_workers(session, 0);
  CHECK(session.exec("SHOW max_parallel_maintenance_workers")
            .text(0, "max_parallel_maintenance_workers") == "0");
  // The setting lasts for the session, across transactions (a post-data job is one).
  copy::set_parallel_maintenance_workers(session, 2);
  session.exec("BEGIN");
  session.exec("CREATE TABLE t (id int)");
  session.exec("COMMIT");
  CHECK(session.exec("SHOW max_parallel_maintenance_workers")
            .text(0, "max_parallel_maintenance_workers") == "2");
}
