#include <pgsplit/copy/progress.hpp>
#include <pgsplit/copy/table_copy.hpp>

#include <catch2/catch.hpp>

#include <thread>

using namespace pgsplit;

namespace {

copy::TableCopy split_table() {
  copy::TableCopy copy;
  copy.target = "telemetry";
  copy.target_name = {"public", "events"};
  copy.estimated_bytes = 4096;
  copy.parts = {"id < 10", "id >= 10"};
  return copy;
}

} // namespace

TEST_CASE("a table's progress entry says what the copy is", "[copy][progress]") {
  copy::Progress progress;
  const auto& entry = progress.add(split_table());
  CHECK(entry.target == "telemetry");
  CHECK(entry.table == "public.events");
  CHECK(entry.parts == 2);
  CHECK(entry.status.load() == copy::CopyStatus::waiting);
}

// Two parts of one split table can fail at once: each finishes the shared entry. Its time was
// a plain double written from both threads (a data race that the TSan tree runs this test for).
TEST_CASE("the parts of a split table may finish its entry at the same time", "[copy][progress]") {
  copy::Progress progress;
  auto& entry = progress.add(split_table());
  progress.start(entry);
  std::thread first([&] { progress.finish(entry, copy::CopyStatus::failed); });
  std::thread second([&] { progress.finish(entry, copy::CopyStatus::failed); });
  first.join();
  second.join();
  CHECK(entry.status.load() == copy::CopyStatus::failed);
  CHECK(entry.seconds.load() >= 0);
}
