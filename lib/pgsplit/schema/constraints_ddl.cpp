#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

#include <set>
#include <string_view>

namespace pgsplit::schema::detail {
namespace {

using catalog::ConstraintKind;

constexpr std::string_view not_valid_suffix = " NOT VALID";

// pg_get_constraintdef already ends unvalidated constraints with NOT VALID; kept (or added)
// so that the source's old rows that violate the constraint can still be copied.
std::string constraint_text(const Context& context, const TargetTable& table,
                            const catalog::Constraint& constraint) {
  std::string text = context.rewrite(table, constraint.definition);
  if (!constraint.validated && !text.ends_with(not_valid_suffix)) {
    text += not_valid_suffix;
  }
  return text;
}

Statement add_constraint(const Context& context, const TargetTable& table,
                         const catalog::Constraint& constraint, std::string_view kind) {
  return statement(
      fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", context.quoted(table),
                  pg::quote_ident(constraint.name), constraint_text(context, table, constraint)),
      fmt::format("{} {} on {}", kind, constraint.name, table.placed->target_name.to_string()));
}

void add_constraint_comment(std::vector<Statement>& out, const Context& context,
                            const TargetTable& table, const catalog::Constraint& constraint) {
  add_comment(
      out,
      fmt::format("CONSTRAINT {} ON {}", pg::quote_ident(constraint.name), context.quoted(table)),
      fmt::format("constraint {} on {}", constraint.name, table.placed->target_name.to_string()),
      constraint.comment);
}

std::set<catalog::Oid> dropped_keys(const plan::TargetPlan& target) {
  std::set<catalog::Oid> dropped;
  for (const auto& key : target.dropped_foreign_keys) {
    dropped.insert(key.constraint);
  }
  return dropped;
}

} // namespace

// Only the table's own constraints: inherited ones (a partition's copy of its parent's check)
// are created by the parent's.
void add_checks_and_exclusions(std::vector<Statement>& out, const Context& context,
                               const TargetTable& table) {
  for (const auto& constraint : table.source->constraints) {
    if (!constraint.is_local) {
      continue;
    }
    if (constraint.kind == ConstraintKind::check || constraint.kind == ConstraintKind::exclusion) {
      out.push_back(add_constraint(
          context, table, constraint,
          constraint.kind == ConstraintKind::check ? "check" : "exclusion constraint"));
      add_constraint_comment(out, context, table, constraint);
    }
  }
}

// Foreign keys whose both ends the target holds, as the source defines them (ON DELETE,
// DEFERRABLE, NOT VALID …); those the plan dropped as crossing targets are left out, and so
// are a partition's copies of its parent's key. A key's comment follows it.
void add_foreign_keys(std::vector<ForeignKeyStatement>& out, const Context& context) {
  const auto dropped = dropped_keys(context.target());
  for (const auto& table : context.tables()) {
    for (const auto& constraint : table.source->constraints) {
      if (constraint.kind != ConstraintKind::foreign_key || !constraint.is_local ||
          !constraint.referenced_table || dropped.count(constraint.oid) != 0 ||
          !context.is_placed(*constraint.referenced_table)) {
        continue;
      }
      const catalog::Oid child = table.source->oid;
      const catalog::Oid parent = *constraint.referenced_table;
      out.push_back({child, parent, add_constraint(context, table, constraint, "foreign key"),
                     constraint.name});
      std::vector<Statement> comment;
      add_constraint_comment(comment, context, table, constraint);
      for (auto& comment_statement : comment) {
        out.push_back({child, parent, std::move(comment_statement)});
      }
    }
  }
}

} // namespace pgsplit::schema::detail
