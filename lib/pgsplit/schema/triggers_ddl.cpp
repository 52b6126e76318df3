#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

namespace pgsplit::schema::detail {

// pg_get_triggerdef's text, renamed. A partition's clone of its partitioned table's trigger is
// created by the parent's CREATE TRIGGER. A disabled trigger, or one that fires only on a
// replica or always, is created, then set so, as the source has it; then its comment.
void add_triggers(std::vector<Statement>& out, const Context& context, const TargetTable& table) {
  const std::string readable = table.placed->target_name.to_string();
  for (const auto& trigger : table.source->triggers) {
    if (trigger.is_clone) {
      continue;
    }
    const std::string what = fmt::format("trigger {} on {}", trigger.name, readable);
    out.push_back(statement(context.rewrite(table, trigger.definition), what));
    const std::string_view mode = !trigger.enabled      ? "DISABLE"
                                  : trigger.mode == 'R' ? "ENABLE REPLICA"
                                  : trigger.mode == 'A' ? "ENABLE ALWAYS"
                                                        : "";
    if (!mode.empty()) {
      out.push_back(
          statement(fmt::format("ALTER TABLE {} {} TRIGGER {}", context.quoted(table), mode,
                                pg::quote_ident(trigger.name)),
                    fmt::format("{} {}", !trigger.enabled ? "disable" : "set mode of", what)));
    }
    add_comment(
        out, fmt::format("TRIGGER {} ON {}", pg::quote_ident(trigger.name), context.quoted(table)),
        what, trigger.comment);
  }
}

} // namespace pgsplit::schema::detail
