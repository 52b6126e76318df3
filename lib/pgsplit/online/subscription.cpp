#include <pgsplit/online/subscription.hpp>
#include <pgsplit/pg/transaction.hpp>

namespace pgsplit::online {

void create_subscription(pg::Connection& target, const std::string& name,
                         const std::string& source_conninfo) {
  // Without create_slot, CREATE SUBSCRIPTION may run in a transaction block, so in a DO block
  // that reads the connection string from a setting local to this transaction.
  pg::in_transaction(target, [&] {
    target.exec("SELECT set_config('pgsplit.subscription_conninfo', $1, true), "
                "set_config('pgsplit.subscription_name', $2, true)",
                {source_conninfo, name});
    target.exec(R"sql(DO $create$
BEGIN
  EXECUTE format('CREATE SUBSCRIPTION %I CONNECTION %L PUBLICATION %I WITH (create_slot = false, '
                 'slot_name = %L, copy_data = false, enabled = true)',
                 current_setting('pgsplit.subscription_name'),
                 current_setting('pgsplit.subscription_conninfo'),
                 current_setting('pgsplit.subscription_name'),
                 current_setting('pgsplit.subscription_name'));
END
$create$)sql");
  });
}

bool drop_subscription(pg::Connection& target, const std::string& name) {
  const auto found = target.exec(
      "SELECT s.subenabled FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid "
      "WHERE s.subname = $1 AND d.datname = current_database()",
      {name});
  if (found.rows() == 0) {
    return false;
  }
  const auto quoted = target.quote_ident(name);
  if (found.text(0, "subenabled") == "t") {
    target.exec("ALTER SUBSCRIPTION " + quoted + " DISABLE");
  }
  target.exec("ALTER SUBSCRIPTION " + quoted + " SET (slot_name = NONE)");
  target.exec("DROP SUBSCRIPTION " + quoted);
  return true;
}

} // namespace pgsplit::online
