#include <pgsplit/verify/access_descriptions.hpp>
#include <pgsplit/verify/policy_parity.hpp>

#include <fmt/format.h>

#include <map>
#include <set>

namespace pgsplit::verify::detail {
namespace {

void flag_differences(const catalog::Table& expected, const catalog::Table& actual,
                      std::vector<std::string>& differences) {
  const auto state = [](bool on) { return on ? "on" : "off"; };
  if (expected.row_security != actual.row_security) {
    differences.push_back(fmt::format("row-level security is {} in the target, {} in the source",
                                      state(actual.row_security), state(expected.row_security)));
  }
  if (expected.force_row_security != actual.force_row_security) {
    differences.push_back(
        fmt::format("FORCE ROW LEVEL SECURITY is {} in the target, {} in the source",
                    state(actual.force_row_security), state(expected.force_row_security)));
  }
}

void policy_differences(const catalog::Table& expected, const catalog::Table& actual,
                        const schema::detail::Renames& renames,
                        std::vector<std::string>& differences) {
  const auto rewrite = [&](const std::optional<std::string>& sql) -> std::optional<std::string> {
    return sql ? std::optional(renames.rewrite(renames.rename_columns(expected.name, *sql)))
               : std::nullopt;
  };
  std::map<std::string, std::string> wanted;
  for (const auto& policy : expected.policies) {
    wanted.emplace(policy.name, describe(policy, rewrite(policy.using_expression),
                                         rewrite(policy.check_expression)));
  }
  std::set<std::string> present;
  for (const auto& policy : actual.policies) {
    present.insert(policy.name);
    const auto description = describe(policy, policy.using_expression, policy.check_expression);
    const auto found = wanted.find(policy.name);
    if (found == wanted.end()) {
      differences.push_back(fmt::format("policy {} ({}) is in the target, not in the source",
                                        policy.name, description));
    } else if (found->second != description) {
      differences.push_back(fmt::format("policy {} is {} in the target, {} in the source",
                                        policy.name, description, found->second));
    }
  }
  for (const auto& [name, description] : wanted) {
    if (present.count(name) == 0) {
      differences.push_back(
          fmt::format("policy {} ({}) is missing in the target", name, description));
    }
  }
}

} // namespace

std::vector<std::string> row_security_differences(const catalog::Table& expected,
                                                  const catalog::Table& actual,
                                                  const schema::detail::Renames& renames) {
  std::vector<std::string> differences;
  flag_differences(expected, actual, differences);
  policy_differences(expected, actual, renames, differences);
  return differences;
}

} // namespace pgsplit::verify::detail
