#pragma once

// Shared by the unit tests of the part B stamps (knex … liquibase): the data folder, a quoting
// function like the server's, and a request for a tool's folder.
#include <pgsplit/stamp/stamp_request.hpp>

#include <string>

namespace pgsplit::testing {

inline const std::string stamp_data = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

inline std::string quote_test_ident(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return out + "\"";
}

inline stamp::StampRequest part_b_request(stamp::StampTool tool, const std::string& folder,
                                          const std::string& version = "latest") {
  stamp::StampRequest request;
  request.tool = tool;
  request.migrations_dir =
      folder.empty() ? std::filesystem::path() : std::filesystem::path(stamp_data + folder);
  request.version = version;
  request.origin.file = "pgsplit.yaml";
  request.origin.line = 7;
  request.origin.column = 9;
  return request;
}

} // namespace pgsplit::testing
