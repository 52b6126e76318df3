#pragma once

#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/verify/report.hpp>

#include <cstdint>

// Sequences: after a split, each target's sequences must hand out values its tables do not
// hold yet, or the service's next INSERT fails on its primary key.
namespace pgsplit::verify {

// The state of a sequence and what nextval() would do with it.
struct SequenceState {
  std::int64_t last_value = 0;
  bool is_called = false;
  std::int64_t increment = 1;
};

// True when the next nextval() returns a value beyond every value of the column: above
// `column_max` for an ascending sequence, below `column_min` for a descending one. Never
// overflows, whatever the values.
bool hands_out_new_values(const SequenceState& state, std::int64_t column_min,
                          std::int64_t column_max);

// For every integer column of the target's tables (partitioned tables include their
// partitions) whose default calls nextval() on a sequence, or that is an identity column,
// reads the sequence and the column's range in `target` and records a mismatch when the
// sequence lags behind: "last_value N < max(column) M". When the source's own sequence of that
// column (serial or identity, read on `source`) lags behind the source's column too, the split
// copied the source as it is: the finding is `not checked` (the verdict does not fail), saying
// so. Columns of tables the plan did not place there (e.g. version tables) are left alone.
void check_sequences(pg::Connection& source, pg::Connection& target, const plan::TargetPlan& plan,
                     VerifyReport& report);

} // namespace pgsplit::verify
