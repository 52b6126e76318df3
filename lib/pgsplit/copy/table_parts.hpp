#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/copy/table_copy.hpp>
#include <pgsplit/pg/connection.hpp>

#include <cstdint>
#include <string>
#include <vector>

// A table larger than `--split-larger-than` is copied in several concurrent parts, each a range
// of its rows in the shared snapshot: ranges of its integer primary key when it has one (an
// index serves each range), else ranges of pages (`ctid`, a TID range scan). The first and last
// ranges are open-ended, so the parts cover every row whatever the bounds read.
namespace pgsplit::copy {

// How many parts a table of `bytes` is copied in: one per `larger_than` bytes, at least two,
// at most `jobs` (more parts than workers only adds transactions). 1 when it is not split:
// `larger_than` 0 (never), one worker, or a table not larger than the threshold.
int part_count(std::int64_t bytes, std::int64_t larger_than, int jobs);

// The size above which a table is split. `configured` is --split-larger-than (0: never, not
// even by auto-split: every table is then one transaction, with COPY FREEZE). With
// auto-split (`auto_minimum` set), a table whose size exceeds its fair share of the run,
// `total_bytes / jobs`, is split too, so that no single COPY stream outlasts the others while
// workers sit idle; tables up to `auto_minimum` are never split that way (a part costs a
// transaction and a range scan, which only pays off on large tables). With one worker: no
// split (`configured` is returned, and part_count gives 1).
std::int64_t split_threshold(std::int64_t configured, std::int64_t total_bytes, int jobs,
                             std::optional<std::int64_t> auto_minimum);

// `parts` conditions on an integer key spanning [low, high]: `k < b1`, `k >= b1 AND k < b2`,
// …, `k >= bn-1`, with equal widths. `quoted_column` is already an identifier.
std::vector<std::string> key_range_conditions(const std::string& quoted_column, std::int64_t low,
                                              std::int64_t high, int parts);

// `parts` conditions on the tuple id over `pages` pages: `ctid < '(p1,0)'`, ….
std::vector<std::string> page_range_conditions(std::int64_t pages, int parts);

// The single-column integer primary key of `table`, if it has one.
std::optional<std::string> integer_key_column(const catalog::Table& table);

// Reads the key bounds (or the page count) of each copy to split, in `source`'s snapshot, and
// fills its `parts`. Copies not larger than the threshold are left whole.
void plan_parts(pg::Connection& source, const catalog::Catalog& catalog,
                std::vector<TableCopy>& copies, std::int64_t larger_than, int jobs);

} // namespace pgsplit::copy
