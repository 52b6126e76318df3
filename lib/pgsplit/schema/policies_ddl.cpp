#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgsplit::schema::detail {
namespace {

std::string policy_roles(const catalog::Policy& policy) {
  std::vector<std::string> roles;
  for (const auto& role : policy.roles) {
    roles.push_back(role == "public" ? std::string("PUBLIC") : pg::quote_ident(role));
  }
  return roles.empty() ? std::string("PUBLIC") : fmt::format("{}", fmt::join(roles, ", "));
}

std::string policy_sql(const Context& context, const TargetTable& table,
                       const catalog::Policy& policy) {
  std::string sql =
      fmt::format("CREATE POLICY {} ON {} AS {} FOR {} TO {}", pg::quote_ident(policy.name),
                  context.quoted(table), policy.permissive ? "PERMISSIVE" : "RESTRICTIVE",
                  policy.command, policy_roles(policy));
  if (policy.using_expression) {
    sql += fmt::format(" USING ({})", context.rewrite(table, *policy.using_expression));
  }
  if (policy.check_expression) {
    sql += fmt::format(" WITH CHECK ({})", context.rewrite(table, *policy.check_expression));
  }
  return sql;
}

void add_table_security(std::vector<Statement>& out, const Context& context,
                        const TargetTable& table) {
  const auto name = context.quoted(table);
  const auto readable = table.placed->target_name.to_string();
  for (const auto& policy : table.source->policies) {
    const auto what = fmt::format("policy {} on {}", policy.name, readable);
    out.push_back(statement(policy_sql(context, table, policy), what));
    add_comment(out, fmt::format("POLICY {} ON {}", pg::quote_ident(policy.name), name), what,
                policy.comment);
  }
  if (table.source->row_security) {
    out.push_back(statement(fmt::format("ALTER TABLE {} ENABLE ROW LEVEL SECURITY", name),
                            "row-level security of " + readable));
  }
  if (table.source->force_row_security) {
    out.push_back(statement(fmt::format("ALTER TABLE {} FORCE ROW LEVEL SECURITY", name),
                            "row-level security of " + readable));
  }
}

} // namespace

// Policies and ENABLE/FORCE ROW LEVEL SECURITY, once every table holds its data: COPY into a
// table whose policies apply to the copying role is refused, and a policy may read other
// tables (and views).
void add_row_security(std::vector<Statement>& out, const Context& context) {
  for (const auto& table : context.tables()) {
    add_table_security(out, context, table);
  }
}

} // namespace pgsplit::schema::detail
