#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

namespace pgsplit::schema::detail {

// pg_get_triggerdef's text, renamed. A partition's clone of its partitioned table's trigger is
// created by the parent's CREATE TRIGGER. A disabled trigger is created, then disabled, so the
// target behaves as the source does (ENABLE REPLICA / ALWAYS are not distinguished by the
// catalog model: they come out enabled).
void add_triggers(std::vector<Statement>& out, const Context& context, const TargetTable& table) {
  const std::string readable = table.placed->target_name.to_string();
  for (const auto& trigger : table.source->triggers) {
    if (trigger.is_clone) {
      continue;
    }
    const std::string what = fmt::format("trigger {} on {}", trigger.name, readable);
    out.push_back(statement(context.rewrite(table, trigger.definition), what));
    if (!trigger.enabled) {
      out.push_back(statement(fmt::format("ALTER TABLE {} DISABLE TRIGGER {}",
                                          context.quoted(table), pg::quote_ident(trigger.name)),
                              "disable " + what));
    }
  }
}

} // namespace pgsplit::schema::detail
