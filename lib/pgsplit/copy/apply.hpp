#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/copy/progress.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

// `pgsplit apply`: recreate each target's schema and stream every table from one consistent
// snapshot of the source, in parallel, atomically per table, resumable.
namespace pgsplit::copy {

struct ApplyOptions {
  int jobs = 4;
  bool resume = false;
  ProgressStyle progress = ProgressStyle::log;
  std::string maintenance_work_mem = "256MB";
  // Tables larger than this (main fork and TOAST, pg_relation_size) are copied in concurrent
  // parts; 0: never.
  std::int64_t split_larger_than = 1LL << 30;
  // Auto-split (table_parts.hpp split_threshold): a table larger than the run's mapped bytes
  // divided by `jobs`, and than this, is split whatever split_larger_than says; unset: off.
  std::optional<std::int64_t> auto_split_minimum = 64LL << 20;
  // ANALYZE each table once its data and indexes are in (job_graph.hpp).
  bool analyze = true;
  // Online mode: target name → the snapshot its replication slot exported (kept valid by the
  // caller for the whole call). Targets not listed read the planning session's snapshot.
  std::map<std::string, std::string> target_snapshots;
};

struct TableReport {
  std::string target;
  std::string table;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  double seconds = 0;
  CopyStatus status = CopyStatus::waiting;
  int parts = 1;           // > 1: copied in that many concurrent parts
  int parts_committed = 0; // of those, committed (a failed split table may hold some)
  // Rows the source's COPY statements of this run sent (command tags, summed over parts).
  std::int64_t source_rows = 0;
};

struct TargetReport {
  std::string name;
  int tables = 0; // copied by this run
  int kept = 0;   // already done by an earlier run (--resume)
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  double seconds = 0; // the longest of its tables
};

struct ApplyReport {
  std::vector<TableReport> tables;
  std::vector<TargetReport> targets;
  double seconds = 0;
  double data_seconds = 0;           // until the last table's data was in
  std::vector<std::string> failures; // "target auth, table public.users: …"
  std::vector<std::string> not_done; // jobs that did not run
  bool interrupted = false;
  int signal_number = 0;
  bool complete() const { return failures.empty() && not_done.empty() && !interrupted; }
};

// `source` is the planning session's connection, inside BEGIN ISOLATION LEVEL REPEATABLE READ
// READ ONLY, where the catalog was read: its snapshot is exported to every worker. The plan must
// be free of errors. Never throws for a failed table: the report says what is done and not.
ApplyReport apply_split(pg::Connection& source, const std::string& source_url,
                        const config::Mapping& mapping, const catalog::Catalog& catalog,
                        const plan::Plan& plan, const ApplyOptions& options);

// Text and JSON forms of the report (per target: tables, rows, bytes, time; slowest tables).
std::string render_report_text(const ApplyReport& report);
std::string render_report_json(const ApplyReport& report);
// Markdown for an issue or a chat (report_markdown.cpp): the verdict as a heading, what failed or
// was not copied first, then per target tables, rows, size and time, and the slowest tables.
std::string render_report_markdown(const ApplyReport& report);

} // namespace pgsplit::copy
