#include <pgsplit/verify/access_descriptions.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace pgsplit::verify::detail {
namespace {

std::string_view default_object_word(char object_type) {
  switch (object_type) {
  case 'r':
    return "tables";
  case 'S':
    return "sequences";
  case 'f':
    return "functions";
  case 'T':
    return "types";
  default:
    return {};
  }
}

bool plain_identifier(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
  });
}

} // namespace

std::string describe(const catalog::Privilege& privilege) {
  const std::string who = privilege.to_owner  ? std::string("the owner")
                          : privilege.grantee ? *privilege.grantee
                                              : std::string("PUBLIC");
  const std::string what = privilege.column
                               ? fmt::format("{} ({})", privilege.privilege, *privilege.column)
                               : privilege.privilege;
  return privilege.revoke ? fmt::format("{} revoked from {}", what, who)
                          : fmt::format("{} granted to {}{}", what, who,
                                        privilege.grantable ? " with grant option" : "");
}

Descriptions privileges_of(const catalog::Access& access) {
  Descriptions found;
  for (const auto& privilege : access.privileges) {
    found.insert(describe(privilege));
  }
  return found;
}

std::string describe(const catalog::DefaultPrivilege& entry) {
  const auto word = default_object_word(entry.object_type);
  if (word.empty()) {
    return {};
  }
  return fmt::format("of role {} on {}: {} granted to {}{}", entry.role, word, entry.privilege,
                     entry.grantee.value_or("PUBLIC"), entry.grantable ? " with grant option" : "");
}

std::string describe(const catalog::Policy& policy, const std::optional<std::string>& using_sql,
                     const std::optional<std::string>& check_sql) {
  std::string text =
      fmt::format("{} for {} to {}", policy.permissive ? "permissive" : "restrictive",
                  policy.command, fmt::join(policy.roles, ", "));
  if (using_sql) {
    text += fmt::format(" using ({})", without_needless_quotes(*using_sql));
  }
  if (check_sql) {
    text += fmt::format(" with check ({})", without_needless_quotes(*check_sql));
  }
  return text;
}

std::string without_needless_quotes(std::string_view sql) {
  std::string out;
  std::size_t at = 0;
  while (at < sql.size()) {
    const auto open = sql.find('"', at);
    const auto close = open == std::string_view::npos ? open : sql.find('"', open + 1);
    if (close == std::string_view::npos) {
      break;
    }
    const auto name = sql.substr(open + 1, close - open - 1);
    out.append(sql.substr(at, open - at));
    if (plain_identifier(name)) {
      out.append(name);
    } else {
      out.append(sql.substr(open, close - open + 1));
    }
    at = close + 1;
  }
  out.append(sql.substr(std::min(at, sql.size())));
  return out;
}

} // namespace pgsplit::verify::detail
