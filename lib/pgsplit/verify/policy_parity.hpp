#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/schema/rename.hpp>

#include <string>
#include <vector>

// Row-level security parity of one table and its copy.
namespace pgsplit::verify::detail {

// How the copy `actual` differs from the source table `expected` in ENABLE and FORCE ROW LEVEL
// SECURITY and in its policies, matched by name: command, permissive or restrictive, roles,
// USING and WITH CHECK, the source's expressions rewritten with `renames` (tables, and the
// columns of `expected` by its source name) as the DDL does. One
// sentence per difference; empty when they agree. Pure.
std::vector<std::string> row_security_differences(const catalog::Table& expected,
                                                  const catalog::Table& actual,
                                                  const schema::detail::Renames& renames);

} // namespace pgsplit::verify::detail
