#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>

#include <string>
#include <vector>

namespace pgsplit::copy {

// The foreign keys to and from `table` are dropped (on resume, when the table is copied again);
// the key jobs add them back once both ends are in.
void drop_foreign_keys_touching(pg::Connection& target, const catalog::QualifiedName& table);

// A table copied again on resume (its fingerprint changed, or an online target restarted) may
// hold its post-data already: TRUNCATE keeps its triggers and checks, which must not act on
// the copied rows. In the copy's transaction, before the COPY, the guard
// - drops the foreign keys to and from the table (the key jobs add them back once both ends
//   are in);
// - disables the table's user triggers (an audit trigger would log every copied row, a BEFORE
//   INSERT trigger rewrite it);
// - drops its NOT VALID checks, which the source's old rows may break.
// restore(), after the COPY and in the same transaction, adds the checks back NOT VALID and
// enables each trigger in its former mode (ENABLE, REPLICA or ALWAYS). A table without them is
// left alone. Used on resume only: a first copy runs before the post-data exists. The parts
// of a table copied in parts each take one in their own transaction (they then wait on each
// other's lock: a resume path only).
class RecopyGuard {
public:
  RecopyGuard(pg::Connection& target, const catalog::QualifiedName& table);
  void restore();

private:
  struct Trigger {
    std::string name;
    std::string mode; // pg_trigger.tgenabled: O, R or A
  };
  struct Check {
    std::string name;
    std::string definition; // pg_get_constraintdef: "CHECK (…) NOT VALID"
  };

  pg::Connection& target_;
  std::string table_; // quoted
  std::vector<Trigger> triggers_;
  std::vector<Check> checks_;
};

} // namespace pgsplit::copy
