#include <pgsplit/core/run_record.hpp>

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

using namespace pgsplit::core;

TEST_CASE("the run record remembers that something was written, and what first", "[core]") {
  reset_run_record();
  CHECK_FALSE(anything_written());
  CHECK(first_write().empty());
  record_write("database vault (target vault)");
  record_write("target auth");
  CHECK(anything_written());
  CHECK(first_write() == "database vault (target vault)");
  reset_run_record();
  CHECK_FALSE(anything_written());
}

TEST_CASE("the run record takes writes from several threads", "[core]") {
  reset_run_record();
  std::vector<std::thread> threads;
  for (int worker = 0; worker < 4; ++worker) {
    threads.emplace_back([worker] { record_write("target " + std::to_string(worker)); });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  CHECK(anything_written());
  CHECK(first_write().starts_with("target "));
  reset_run_record();
}
