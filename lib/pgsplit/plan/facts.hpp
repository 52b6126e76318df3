#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/core/diagnostic.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What the probes (lib/pgsplit/probe) found on the servers, read-only, for the preflight rules
// of the plan (check_preflight). Plain values so the rules are unit-tested without servers.
namespace pgsplit::plan {

struct ExistingColumn {
  std::string name;
  std::string type; // format_type
};

// A table that already exists in a target under a name the plan will use.
struct ExistingTable {
  catalog::QualifiedName name;
  bool has_rows = false;
  std::vector<ExistingColumn> columns;
};

// A role of the target server, and whether pgsplit's role may make it an object's owner
// (superuser, or member of it: ALTER … OWNER TO needs that).
struct TargetRole {
  std::string name;
  bool can_assign = false;
  bool can_create_schemas = false; // CREATE on the target database (it may own a schema)
};

struct TargetFacts {
  std::string target;
  bool reachable = false;
  std::string connection_error; // server/libpq message, without password
  std::string connection_hint;
  bool database_exists = true; // false: the server answered "database does not exist"
  int server_version = 0;
  std::string encoding;
  bool can_create = false; // CREATE on the database (or CREATEDB when it is missing)
  bool is_source_database = false;
  std::vector<std::string> available_extensions;
  std::vector<ExistingTable> existing_tables;
  bool roles_known = false;  // false: the server was not asked (unreachable)
  bool is_superuser = false; // pgsplit's role there
  std::vector<TargetRole> roles;
};

// A row filter that the source refused (EXPLAIN failed), or how well several filters cover a
// table mapped to several targets.
struct FilterCheck {
  catalog::Oid table = 0;
  std::string target; // for a refused filter
  std::string error;  // the server's message; empty when the filter is valid
};

struct FilterCoverage {
  catalog::Oid table = 0;
  std::int64_t unclaimed_rows = 0;        // rows no filter selects: they would be lost
  std::int64_t multiply_claimed_rows = 0; // rows several filters select: copied several times
};

// A foreign key kept inside one target whose parent is filtered there and whose child is not
// (or differently): child rows whose parent row the filter leaves out would make the key fail
// after the copy.
struct FilteredReference {
  std::string target;
  catalog::Oid constraint = 0;
  catalog::Oid child_table = 0;
  catalog::Oid parent_table = 0;
  std::int64_t orphan_rows = 0; // child rows selected, key not NULL, parent row filtered out
  std::string error;            // the source's message when counting failed
};

struct SourceFacts {
  std::int64_t other_sessions = 0; // client sessions on the source database besides ours
  std::vector<std::string> other_applications;
  std::vector<FilterCheck> filter_checks;
  std::vector<FilterCoverage> filter_coverage;
  std::vector<FilteredReference> filtered_references;
  // The converted columns of reshaped tables, computed on every row (probe/reshape_checks):
  // `error` is the source's message when one failed.
  std::vector<FilterCheck> reshape_checks;
};

// Stamps computed from the migration folders: what will be written, or what is wrong.
struct StampFacts {
  std::string target;
  std::vector<std::string> summaries; // "alembic public.alembic_version_auth → 4f1e2d3c5b6a"
  std::vector<core::Diagnostic> problems;
};

struct Facts {
  SourceFacts source;
  std::vector<TargetFacts> targets;
  std::vector<StampFacts> stamps;
};

} // namespace pgsplit::plan
