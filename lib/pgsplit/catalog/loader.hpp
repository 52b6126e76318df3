#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>

#include <string>
#include <vector>

// Reading the source database into the catalog model.
namespace pgsplit::catalog {

struct LoadOptions {
  std::vector<std::string> schemas; // empty = every user schema
  // Read Column::used_by (who uses each column). Only a mapping that reshapes columns needs it,
  // and it is one of the slower queries of a large catalog.
  bool column_uses = true;
};

// Reads every user object of the selected schemas (plus every installed extension) from
// `source`, one set-based query per object kind.
//
// Runs inside the caller's transaction (BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY), so
// every query sees one snapshot, and never writes. While it runs, the session's search_path is
// empty, so definitions (pg_get_*def, defaults, format_type) name user objects schema-qualified,
// nested loops are off, so stale catalog statistics cannot make a query quadratic, and so is
// JIT; the settings are restored before it returns.
//
// Left out: pg_catalog, information_schema, pg_toast and temporary schemas; objects that belong
// to an extension (the extension is listed instead); the constructor functions of range types.
// Aggregates are listed with an empty definition (pg_get_functiondef does not render them).
//
// Dependencies are normalised (see model.hpp): the dependent is always an object of this
// catalog; the referenced object may lie in a schema that was not selected. A sequence owned by
// a column (serial, identity, OWNED BY) gives the edge table → sequence.
//
// Throws core::Error when a requested schema does not exist (or is not a user schema), and
// core::SqlError when a query fails.
Catalog load_catalog(pg::Connection& source, const LoadOptions& options);

} // namespace pgsplit::catalog
