#pragma once

#include <pgsplit/catalog/model.hpp>

#include <string>

namespace pgsplit::plan {

struct InitOptions {
  // The variable `source.url` refers to: `url: ${MONOLITH_URL}`.
  std::string source_url_variable = "MONOLITH_URL";
};

// A starter mapping file (YAML, format of docs/mapping.md) for `pgsplit init`: the root tables
// of the catalog (partitions and inheritance children follow them) grouped by the connected
// components of the foreign-key graph, one target per group named after its largest table
// (sanitized to [a-z0-9_], `_2`, `_3` … on clashes) with `url: ${<NAME>_URL}`. Migration
// version tables (version_tables.hpp) are left out and listed in a comment. Commented for a
// person to review; the same catalog always gives the same text.
// Throws core::Error when the catalog has no table to place.
std::string init_mapping(const catalog::Catalog& catalog, const InitOptions& options = {});

} // namespace pgsplit::plan
