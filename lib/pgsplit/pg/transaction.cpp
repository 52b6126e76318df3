#include <pgsplit/pg/transaction.hpp>

namespace pgsplit::pg {

Transaction::Transaction(Connection& connection, std::string_view begin) : connection_(connection) {
  connection_.exec(begin);
}

Transaction::~Transaction() {
  if (open_) {
    connection_.rollback_quietly();
  }
}

void Transaction::commit() {
  open_ = false; // a failed COMMIT has ended the transaction too
  connection_.exec("COMMIT");
}

} // namespace pgsplit::pg
