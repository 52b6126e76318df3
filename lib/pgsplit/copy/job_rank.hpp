#pragma once

#include <cstdint>

// The priorities (Job::priority) the job graph gives its jobs. Among the jobs that are ready,
// the scheduler starts the highest rank first; a job's rank never makes it start before the
// jobs it comes after.
namespace pgsplit::copy::rank {

// A target's pre-data (schemas, types, tables): everything else of the target waits for it.
inline constexpr std::int64_t pre_data = 1LL << 60;

// Indexes, constraints, foreign keys and ANALYZE whose tables are in, and the mark of a table
// copied in parts once its last part is in: before any data still waiting, so
// that they overlap with the copies instead of queueing after the last one. Above any table
// size (a copy's rank is its estimated bytes, at most a pebibyte here).
inline constexpr std::int64_t ready_ddl = 1LL << 50;

// Data: a copy ranks by the estimated bytes of its table's whole partition tree (between
// `last` and `ready_ddl`).

// Sequences and views: they finish work whose order is already fixed by what they come after.
inline constexpr std::int64_t last = 0;

} // namespace pgsplit::copy::rank
