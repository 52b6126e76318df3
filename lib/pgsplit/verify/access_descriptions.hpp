#pragma once

#include <pgsplit/catalog/model.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>

// Access entries as sentences, so that access parity compares the source's and a target's by
// text and names each difference the way a user reads it.
namespace pgsplit::verify::detail {

using Descriptions = std::set<std::string>;

// "SELECT (email) granted to reader with grant option", "EXECUTE revoked from PUBLIC": the
// owner's own entries are named "the owner" on both sides, whoever owns the object.
std::string describe(const catalog::Privilege& privilege);
Descriptions privileges_of(const catalog::Access& access);

// "of role app_owner on tables: SELECT granted to reader"; empty for kinds pgsplit does not set.
std::string describe(const catalog::DefaultPrivilege& entry);

// "permissive for SELECT to reader using (tenant = current_user)", with the expressions given
// (the source's are rewritten for renamed tables first) and needless quotes dropped.
std::string describe(const catalog::Policy& policy, const std::optional<std::string>& using_sql,
                     const std::optional<std::string>& check_sql);

// pg_get_expr quotes an identifier only when it must; the DDL writes renamed tables always
// quoted. Both sides drop the quotes around identifiers that need none, so that they spell a
// name alike (a keyword or a quoted word inside a literal loses them on both sides too).
std::string without_needless_quotes(std::string_view sql);

} // namespace pgsplit::verify::detail
