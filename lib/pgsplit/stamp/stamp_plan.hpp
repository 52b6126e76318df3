#pragma once

#include <pgsplit/config/mapping.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// The migration tools are the mapping's (config::StampTool, named by config::to_string): one enum
// from the file to the stamp.
using config::StampTool;

// The table each tool uses unless configured otherwise (none for `sql`, which runs the
// mapping's own statements).
std::string_view default_stamp_table(StampTool tool);

// Quotes one identifier for SQL (the caller's, e.g. built on PQescapeIdentifier). Every table,
// column, constraint and index name of a plan goes through it.
using QuoteIdent = std::function<std::string(std::string_view)>;

// Where a version table lives in a target; an empty schema leaves the name unqualified, so the
// target's search_path decides (as each tool does by default).
struct StampTable {
  std::string schema;
  std::string name;
};

// A parameter of an insert; std::nullopt is SQL NULL.
using StampValue = std::optional<std::string>;

// What one stamp writes into one target, meant to run in one transaction:
//   every create_statement; clear_statement; insert_statement once per row.
// The statements hold no values: each row is sent as text parameters $1, $2… of
// insert_statement, and the server converts them to the column types. Times come from now() on
// the server, so they follow the target's clock.
struct StampPlan {
  StampTool tool = StampTool::alembic;
  std::string qualified_table;                // as quoted for SQL
  std::vector<std::string> create_statements; // create the table (and index) if missing
  std::string clear_statement;                // empties it: a stamp replaces the history
  std::string insert_statement;
  std::vector<std::vector<StampValue>> rows;
  std::string summary; // one line for the plan and the log, e.g. "alembic: … at revision 3f2a"
  // Columns filled at the time of writing (now(), serial ids): set aside when a restamp compares
  // the table with what it held before, so that an unchanged history is left as it was.
  std::vector<std::string> volatile_columns;
  // part B: the columns `verify` compares (as text), holding the first values of each row.
  std::vector<std::string> key_columns;
};

} // namespace pgsplit::stamp
