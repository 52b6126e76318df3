#include <pgsplit/core/error.hpp>
#include <pgsplit/core/run_record.hpp>
#include <pgsplit/pg/transaction.hpp>
#include <pgsplit/stamp/stamp_facts.hpp>
#include <pgsplit/stamp/stamp_keep.hpp>
#include <pgsplit/stamp/stamp_target.hpp>

#include <fmt/format.h>

#include <map>
#include <set>

namespace pgsplit::stamp {
namespace {

std::string shortened(const std::string& sql) {
  constexpr std::size_t limit = 70;
  std::string line = sql.substr(0, limit);
  for (char& character : line) {
    character = character == '\n' || character == '\t' ? ' ' : character;
  }
  return sql.size() > limit ? line + " …" : line;
}

PlannedStamp plan_entry(const config::StampEntry& entry, const QuoteIdent& quote_ident) {
  PlannedStamp planned;
  planned.origin = entry.location;
  if (entry.tool == config::StampTool::sql) {
    planned.sql = entry.sql;
    planned.summary = fmt::format("sql: {}", shortened(entry.sql));
    return planned;
  }
  planned.plan = plan_stamp(request_for(entry), quote_ident);
  planned.summary = planned.plan->summary;
  if (entry.schema && !entry.schema->empty()) {
    planned.schema = *entry.schema;
    planned.create_schema =
        fmt::format("CREATE SCHEMA IF NOT EXISTS {}", quote_ident(*entry.schema));
  }
  return planned;
}

// Two entries writing one table would silently overwrite each other's rows.
void check_distinct_tables(const TargetStamps& stamps, core::Diagnostics& problems) {
  std::map<std::string, const PlannedStamp*> first_by_table;
  for (const auto& entry : stamps.entries) {
    if (!entry.plan) {
      continue;
    }
    const auto [found, inserted] = first_by_table.emplace(entry.plan->qualified_table, &entry);
    if (!inserted) {
      auto where = entry.origin;
      where.target = stamps.target;
      problems.push_back(
          {where,
           fmt::format("two stamp entries write the version table {} (the first at line {})",
                       entry.plan->qualified_table, found->second->origin.line),
           "give each service its own table, e.g. table: alembic_version_<service>"});
    }
  }
}

// Runs before any table of the entry: CREATE SCHEMA needs the CREATE privilege on the database
// even with IF NOT EXISTS, so an existing schema is left alone.
void ensure_schema(pg::Connection& target, const PlannedStamp& entry) {
  if (entry.create_schema.empty()) {
    return;
  }
  const auto found =
      target.exec("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", {entry.schema});
  if (found.rows() == 0) {
    target.exec(entry.create_schema);
  }
}

void insert_rows(pg::Connection& target, const StampPlan& plan) {
  for (const auto& row : plan.rows) {
    target.exec(plan.insert_statement, row);
  }
}

std::vector<std::string> read_contents(pg::Connection& target, const StampPlan& plan) {
  const auto result = target.exec(table_contents_query(plan));
  std::vector<std::string> lines;
  for (int row = 0; row < result.rows(); ++row) {
    lines.emplace_back(result.value(row, 0));
  }
  return lines;
}

// alembic, flyway, golang-migrate and part A: rewrite; undo the rewrite when it changed
// nothing, so that the rows (and their times of writing) stay as they were.
StampWritten rewrite_table(pg::Connection& target, const StampPlan& plan,
                           const std::string& summary) {
  target.exec("SAVEPOINT pgsplit_stamp");
  const auto before = read_contents(target, plan);
  target.exec(plan.clear_statement);
  insert_rows(target, plan);
  const auto rows = static_cast<std::int64_t>(plan.rows.size());
  if (read_contents(target, plan) == before) {
    target.exec("ROLLBACK TO SAVEPOINT pgsplit_stamp");
    target.exec("RELEASE SAVEPOINT pgsplit_stamp");
    return {summary, 0, rows};
  }
  target.exec("RELEASE SAVEPOINT pgsplit_stamp");
  return {summary, rows, 0};
}

// part A: a tool's further tables (stamp_plan.hpp), counted with the entry's rows.
void write_companions(pg::Connection& target, const StampPlan& plan, StampWritten& written) {
  for (const auto& companion : plan.companions) {
    for (const auto& statement : companion.create_statements) {
      target.exec(statement);
    }
    if (!companion.clear_statement.empty()) {
      const auto more = rewrite_table(target, companion, written.summary);
      written.rows_written += more.rows_written;
      written.rows_kept += more.rows_kept;
    }
  }
}

// prisma: keep the rows that already record a planned migration, insert the others.
StampWritten reconcile_prisma(pg::Connection& target, const PlannedStamp& entry) {
  const auto& plan = *entry.plan;
  const auto unmatched = prisma_delete_unmatched(plan);
  target.exec(unmatched.sql, unmatched.params);
  target.exec(prisma_delete_duplicates(plan));
  const auto recorded = target.exec(prisma_recorded_names(plan));
  std::set<std::string, std::less<>> names;
  for (int row = 0; row < recorded.rows(); ++row) {
    names.emplace(recorded.value(row, 0));
  }
  StampWritten written{entry.summary, 0, 0};
  for (const auto& row : plan.rows) {
    if (names.contains(row.at(prisma_row_migration_name).value_or(""))) {
      ++written.rows_kept;
    } else {
      target.exec(plan.insert_statement, row);
      ++written.rows_written;
    }
  }
  return written;
}

StampWritten write_entry(pg::Connection& target, const PlannedStamp& entry) {
  if (!entry.plan) {
    // The extended protocol runs exactly one statement: a `sql:` entry cannot smuggle in more.
    const auto result = target.exec(entry.sql, {});
    return {entry.summary, result.affected_rows(), 0};
  }
  ensure_schema(target, entry);
  for (const auto& statement : entry.plan->create_statements) {
    target.exec(statement);
  }
  auto written = entry.plan->tool == StampTool::prisma
                     ? reconcile_prisma(target, entry)
                     : rewrite_table(target, *entry.plan, entry.summary);
  write_companions(target, *entry.plan, written);
  return written;
}

} // namespace

TargetStamps plan_target_stamps(const config::Target& target, const QuoteIdent& quote_ident) {
  TargetStamps stamps{target.name, {}};
  core::Diagnostics problems;
  for (const auto& entry : target.stamps) {
    try {
      stamps.entries.push_back(plan_entry(entry, quote_ident));
    } catch (const core::ConfigError& error) {
      for (auto problem : error.diagnostics()) {
        problem.where.target = target.name;
        problems.push_back(std::move(problem));
      }
    }
  }
  check_distinct_tables(stamps, problems);
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return stamps;
}

StampOutcome write_target_stamps(pg::Connection& target, const TargetStamps& stamps) {
  StampOutcome outcome{stamps.target, {}};
  core::record_write(fmt::format("target {} (stamps)", stamps.target));
  core::with_context(fmt::format("stamping target {}", stamps.target), [&] {
    pg::Transaction transaction(target);
    for (const auto& entry : stamps.entries) {
      outcome.entries.push_back(write_entry(target, entry));
    }
    transaction.commit();
  });
  return outcome;
}

StampOutcome stamp_target(pg::Connection& target, const config::Target& target_config) {
  const auto stamps = plan_target_stamps(
      target_config, [&target](std::string_view name) { return target.quote_ident(name); });
  return write_target_stamps(target, stamps);
}

} // namespace pgsplit::stamp
