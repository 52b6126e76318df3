#pragma once

#include <pgsplit/pg/connection.hpp>

#include <string_view>

// The one way pgsplit opens a transaction: a guard that rolls back, quietly, unless commit()
// was reached. Quietly, because the error that made the guard unwind is the one to report: a
// ROLLBACK on a broken connection must neither throw nor replace it.
namespace pgsplit::pg {

class Transaction {
public:
  // `begin` is the statement that opens it: "BEGIN", or "BEGIN ISOLATION LEVEL REPEATABLE READ
  // READ ONLY" for a consistent read.
  explicit Transaction(Connection& connection, std::string_view begin = "BEGIN");
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

private:
  Connection& connection_;
  bool open_ = true;
};

// Runs `body` in a transaction on `connection`: committed when it returns, rolled back when it
// throws.
template <typename Body> void in_transaction(Connection& connection, Body&& body) {
  Transaction transaction(connection);
  body();
  transaction.commit();
}

} // namespace pgsplit::pg
