#include <pgsplit/copy/recopy_guard.hpp>
#include <pgsplit/copy/target_constraints.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

namespace pgsplit::copy {
namespace {

void drop_keys_touching(pg::Connection& target, const std::string& table) {
  const auto keys = target.exec(
      "SELECT conrelid::regclass::text AS owner, conname FROM pg_constraint WHERE contype = 'f' "
      "AND (conrelid = $1::regclass OR confrelid = $1::regclass)",
      {table});
  for (int row = 0; row < keys.rows(); ++row) {
    target.exec(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", keys.text(row, "owner"),
                            pg::quote_ident(keys.text(row, "conname"))));
  }
}

} // namespace

void drop_foreign_keys_touching(pg::Connection& target, const catalog::QualifiedName& table) {
  drop_keys_touching(target, pg::quote_qualified(table.schema, table.name));
}

RecopyGuard::RecopyGuard(pg::Connection& target, const catalog::QualifiedName& table)
    : target_(target), table_(pg::quote_qualified(table.schema, table.name)) {
  drop_keys_touching(target_, table_);
  const auto triggers = target_.exec("SELECT tgname, tgenabled FROM pg_trigger "
                                     "WHERE tgrelid = $1::regclass AND NOT tgisinternal "
                                     "AND tgenabled <> 'D' ORDER BY tgname",
                                     {table_});
  for (int row = 0; row < triggers.rows(); ++row) {
    triggers_.push_back({triggers.text(row, "tgname"), triggers.text(row, "tgenabled")});
    target_.exec(fmt::format("ALTER TABLE {} DISABLE TRIGGER {}", table_,
                             pg::quote_ident(triggers_.back().name)));
  }
  const auto checks = target_.exec(
      "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint "
      "WHERE conrelid = $1::regclass AND contype = 'c' AND NOT convalidated ORDER BY conname",
      {table_});
  for (int row = 0; row < checks.rows(); ++row) {
    checks_.push_back({checks.text(row, "conname"), checks.text(row, "definition")});
    target_.exec(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", table_,
                             pg::quote_ident(checks_.back().name)));
  }
}

void RecopyGuard::restore() {
  for (const auto& check : checks_) {
    target_.exec(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", table_,
                             pg::quote_ident(check.name), check.definition));
  }
  for (const auto& trigger : triggers_) {
    target_.exec(fmt::format("ALTER TABLE {} {} TRIGGER {}", table_,
                             trigger_enable_clause(trigger.mode), pg::quote_ident(trigger.name)));
  }
}

} // namespace pgsplit::copy
