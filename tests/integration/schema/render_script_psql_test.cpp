#include "integration/schema/split_run.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

// The script of `pgsplit plan --sql` must run as is through psql with ON_ERROR_STOP.
using namespace pgsplit;
using namespace pgsplit::testing;
using namespace pgsplit::testing::schema_split;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `script` with psql against `database`; returns psql's exit status and output.
std::pair<int, std::string> run_psql(const TestDatabase& database, const std::string& script) {
  const auto directory = std::filesystem::temp_directory_path() / unique_database_name("script");
  std::filesystem::create_directories(directory);
  const auto script_path = directory / "target.sql";
  const auto log_path = directory / "psql.log";
  std::ofstream(script_path) << script;
  // The conninfo is key=value text of our own making: no single quote in it.
  const std::string command =
      fmt::format("psql -X -q -v ON_ERROR_STOP=1 -d '{}' -f '{}' > '{}' 2>&1", database.url(),
                  script_path.string(), log_path.string());
  const int status = std::system(command.c_str());
  auto output = read_file(log_path);
  std::filesystem::remove_all(directory);
  return {status, output};
}

} // namespace

TEST_CASE("the rendered script of a target runs through psql with ON_ERROR_STOP", "[schema]") {
  const auto& run = split_run();
  const TestDatabase database("schema_psql");
  const auto [status, output] = run_psql(database, schema::render_script(run.ddl.at("crm")));
  INFO(output);
  REQUIRE(status == 0);
  const auto created = load_snapshot(database);
  CHECK(created.tables.size() == run.target_catalogs.at("crm").tables.size());
  CHECK(created.views.size() == 3);
  CHECK(created.find_table(catalog::QualifiedName{"crm", "clients"}) != nullptr);
}
