#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::schema::detail {
namespace {

// The first table or view the rule's actions name that this target does not create, if any.
const catalog::QualifiedName* missing_relation(const Context& context, const catalog::Rule& rule) {
  const auto& views = context.target().views;
  for (const catalog::Oid oid : rule.relations) {
    if (const auto* table = context.catalog().find_table(oid)) {
      if (!context.is_placed(oid)) {
        return &table->name;
      }
    } else if (const auto* view = context.catalog().find_view(oid)) {
      if (std::find(views.begin(), views.end(), oid) == views.end()) {
        return &view->name;
      }
    }
  }
  return nullptr;
}

std::string rule_text(std::string text) {
  while (!text.empty() && (text.back() == ';' || text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

} // namespace

// pg_get_ruledef's text, renamed, once every table and view exists (a rule's actions may
// name any); then its mode (DISABLE, ENABLE REPLICA, ENABLE ALWAYS) and comment. A rule whose
// actions name a relation this target lacks is left out with a note.
void add_rules(std::vector<Statement>& out, Context& context) {
  for (const auto& table : context.tables()) {
    for (const auto& rule : table.source->rules) {
      const std::string what =
          fmt::format("rule {} on {}", rule.name, table.placed->target_name.to_string());
      if (const auto* missing = missing_relation(context, rule)) {
        context.note(fmt::format("{} is not created: its actions use {}, which this target "
                                 "does not have",
                                 what, missing->to_string()));
        continue;
      }
      out.push_back(statement(context.rewrite(table, rule_text(rule.definition)), what));
      const std::string_view mode = rule.enabled == 'D'   ? "DISABLE"
                                    : rule.enabled == 'R' ? "ENABLE REPLICA"
                                    : rule.enabled == 'A' ? "ENABLE ALWAYS"
                                                          : "";
      if (!mode.empty()) {
        out.push_back(statement(fmt::format("ALTER TABLE {} {} RULE {}", context.quoted(table),
                                            mode, pg::quote_ident(rule.name)),
                                "set mode of " + what));
      }
      add_comment(out,
                  fmt::format("RULE {} ON {}", pg::quote_ident(rule.name), context.quoted(table)),
                  what, rule.comment);
    }
  }
}

} // namespace pgsplit::schema::detail
