#include <pgsplit/copy/job_graph.hpp>
#include <pgsplit/copy/job_rank.hpp>
#include <pgsplit/copy/recopy_guard.hpp>
#include <pgsplit/copy/target_constraints.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/quote.hpp>
#include <pgsplit/pg/transaction.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace pgsplit::copy {
namespace {

void execute(pg::Connection& connection, const std::vector<schema::Statement>& statements) {
  for (const auto& statement : statements) {
    core::with_context(statement.what, [&] { connection.exec(statement.sql); });
  }
}

// Runs one step of a table's copy: names the target and table in any error, and marks the
// table failed in the progress.
template <typename Body>
void copy_step(Progress& progress, const Worker& worker, const TableCopy& copy, CopyEntry& entry,
               Body&& body) {
  try {
    core::with_context(
        fmt::format("target {}, table {}", copy.target, copy.target_name.to_string()), body);
  } catch (...) {
    progress.finish(entry, worker.interrupted() ? CopyStatus::interrupted : CopyStatus::failed);
    throw;
  }
}

bool constraint_exists(pg::Connection& target, const catalog::QualifiedName& table,
                       const std::string& name) {
  return target
             .exec("SELECT count(*) AS n FROM pg_constraint WHERE conname = $1 AND conrelid = "
                   "$2::regclass",
                   {name, pg::quote_qualified(table.schema, table.name)})
             .int64(0, "n") > 0;
}

// Scheduling (job_rank.hpp): the longest chains first. A table's data is ranked by the size of
// its whole partition tree (a tree's indexes wait for all its partitions, so many small
// partitions are as urgent as one big table).
std::map<catalog::Oid, std::int64_t> tree_bytes(const TargetWork& work) {
  std::map<catalog::Oid, catalog::Oid> root_of;
  for (const auto& placed : work.plan->tables) {
    root_of[placed.table] = placed.root.value_or(placed.table);
  }
  std::map<catalog::Oid, std::int64_t> by_root;
  for (const auto& copy : work.copies) {
    by_root[root_of[copy.table]] += copy.estimated_bytes;
  }
  std::map<catalog::Oid, std::int64_t> by_table;
  for (const auto& [table, root] : root_of) {
    by_table[table] = by_root[root];
  }
  return by_table;
}

class GraphBuilder {
public:
  GraphBuilder(const catalog::Catalog& catalog, const GraphOptions& options, Progress& progress)
      : catalog_(catalog), options_(options), progress_(progress) {}

  std::vector<Job> build(std::vector<TargetWork>& targets) {
    for (auto& target : targets) {
      add_target(target);
    }
    return std::move(jobs_);
  }

private:
  std::size_t add(Job job) {
    jobs_.push_back(std::move(job));
    return jobs_.size() - 1;
  }

  void add_target(TargetWork& work);
  std::size_t add_pre_data(TargetWork& work);
  void add_copies(TargetWork& work, std::size_t pre_data,
                  std::map<catalog::Oid, std::vector<std::size_t>>& data_jobs);
  std::size_t add_whole_copy(const TableCopy& copy, CopyEntry& entry, bool done,
                             std::size_t pre_data, std::int64_t priority);
  std::size_t add_split_copy(const TableCopy& copy, CopyEntry& entry, bool done,
                             std::size_t pre_data, std::int64_t priority);

  std::map<catalog::Oid, std::size_t>
  add_post_data(TargetWork& work, std::size_t pre_data,
                const std::map<catalog::Oid, std::vector<std::size_t>>& data_jobs);
  std::vector<std::size_t> add_foreign_keys(TargetWork& work, std::size_t pre_data,
                                            const std::map<catalog::Oid, std::size_t>& post_jobs);
  void add_analyze(const TargetWork& work,
                   const std::map<catalog::Oid, std::vector<std::size_t>>& data_jobs,
                   const std::map<catalog::Oid, std::size_t>& post_jobs);

  const catalog::Catalog& catalog_;
  const GraphOptions& options_;
  Progress& progress_;
  std::vector<Job> jobs_;
};

// Under options.schema: existing, every run lifts the target's own keys and triggers (a
// --resume finds what the earlier run lifted still recorded), and a job restores them once the
// data is in (target_constraints.hpp).
std::vector<catalog::QualifiedName> target_tables(const TargetWork& work) {
  std::vector<catalog::QualifiedName> tables;
  for (const auto& placed : work.plan->tables) {
    tables.push_back(placed.target_name);
  }
  return tables;
}

std::size_t GraphBuilder::add_pre_data(TargetWork& work) {
  const std::string target = work.plan->name;
  const bool already = options_.resume && work.state.pre_data_done;
  const bool lift = !work.create_schema;
  return add({fmt::format("{}: pre-data", target),
              rank::pre_data,
              {},
              [&work, target, already, lift](Worker& worker) {
                if (already && !lift) {
                  return;
                }
                core::with_context(fmt::format("target {}: pre-data", target), [&] {
                  auto& connection = worker.target(target);
                  pg::in_transaction(connection, [&] {
                    create_state_tables(connection);
                    if (lift) {
                      lift_target_constraints(connection, target_tables(work));
                    }
                    execute(connection, work.ddl.pre_data);
                    mark_pre_data_done(connection);
                  });
                });
              }});
}

void GraphBuilder::add_copies(TargetWork& work, std::size_t pre_data,
                              std::map<catalog::Oid, std::vector<std::size_t>>& data_jobs) {
  const auto ranks = tree_bytes(work);
  for (const auto& copy : work.copies) {
    auto& entry = progress_.add(copy);
    const auto state = work.state.tables.find(state_key(copy.target_name));
    const bool done = options_.resume && state != work.state.tables.end() &&
                      state->second.fingerprint == copy.fingerprint;
    const auto priority = std::max(copy.estimated_bytes, ranks.at(copy.table));
    if (copy.parts.empty()) {
      data_jobs[copy.table].push_back(add_whole_copy(copy, entry, done, pre_data, priority));
    } else {
      data_jobs[copy.table].push_back(add_split_copy(copy, entry, done, pre_data, priority));
    }
  }
}

// One job, one transaction: TRUNCATE, COPY … FREEZE, the state row.
std::size_t GraphBuilder::add_whole_copy(const TableCopy& copy, CopyEntry& entry, bool done,
                                         std::size_t pre_data, std::int64_t priority) {
  const bool resume = options_.resume;
  return add({copy.label() + " (data)",
              priority,
              {pre_data},
              [&copy, &entry, done, resume, &progress = progress_](Worker& worker) {
                if (done) {
                  progress.finish(entry, CopyStatus::skipped);
                  return;
                }
                progress.start(entry);
                std::int64_t source_rows = 0;
                copy_step(progress, worker, copy, entry, [&] {
                  auto& target = worker.target(copy.target);
                  auto& source = worker.source(copy.target);
                  pg::in_transaction(target, [&] {
                    std::optional<RecopyGuard> guard;
                    if (resume) {
                      guard.emplace(target, copy.target_name);
                    }
                    const auto result = copy_table(source, target, copy, entry.counters);
                    if (guard) {
                      guard->restore();
                    }
                    mark_data_done(target, copy, result);
                    source_rows = result.source_rows;
                  });
                });
                entry.source_rows.store(source_rows);
                entry.parts_committed.store(1);
                progress.finish(entry, CopyStatus::done);
              }});
}

// A table in parts: one job empties it (and forgets earlier parts), one job per part copies
// its range in its own transaction, the last job marks the table done once every part has
// committed. The parts run concurrently; their priority is the whole table's size so that
// they start first.
std::size_t GraphBuilder::add_split_copy(const TableCopy& copy, CopyEntry& entry, bool done,
                                         std::size_t pre_data, std::int64_t priority) {
  const bool resume = options_.resume;
  const auto prepare =
      add({copy.label() + " (empty before parts)",
           priority,
           {pre_data},
           [&copy, &entry, done, resume, &progress = progress_](Worker& worker) {
             if (done) {
               return;
             }
             progress.start(entry);
             copy_step(progress, worker, copy, entry, [&] {
               auto& target = worker.target(copy.target);
               pg::in_transaction(target, [&] {
                 if (resume) {
                   drop_foreign_keys_touching(target, copy.target_name);
                 }
                 create_part_table(target);
                 clear_parts(target, copy.target_name);
                 target.exec(
                     fmt::format("TRUNCATE ONLY {}", pg::quote_qualified(copy.target_name.schema,
                                                                         copy.target_name.name)));
               });
             });
           }});
  std::vector<std::size_t> part_jobs;
  for (std::size_t index = 0; index < copy.parts.size(); ++index) {
    auto part = copy.part_copy(static_cast<int>(index));
    const auto name = part.label() + " (data)";
    part_jobs.push_back(
        add({name,
             priority,
             {prepare},
             [part = std::move(part), &entry, done, resume, &progress = progress_](Worker& worker) {
               if (done) {
                 return;
               }
               std::int64_t source_rows = 0;
               copy_step(progress, worker, part, entry, [&] {
                 auto& target = worker.target(part.target);
                 auto& source = worker.source(part.target);
                 pg::in_transaction(target, [&] {
                   std::optional<RecopyGuard> guard;
                   if (resume) {
                     guard.emplace(target, part.target_name);
                   }
                   const auto result = copy_table(source, target, part, entry.counters);
                   if (guard) {
                     guard->restore();
                   }
                   record_part_done(target, part, result);
                   source_rows = result.source_rows;
                 });
               });
               entry.source_rows.fetch_add(source_rows);
               entry.parts_committed.fetch_add(1);
             }}));
  }
  // Ranked as ready DDL: the table's indexes wait for this mark, and must not queue behind
  // copies still waiting.
  return add({copy.label() + " (parts done)", rank::ready_ddl, part_jobs,
              [&copy, &entry, done, &progress = progress_](Worker& worker) {
                if (done) {
                  progress.finish(entry, CopyStatus::skipped);
                  return;
                }
                copy_step(progress, worker, copy, entry, [&] {
                  auto& target = worker.target(copy.target);
                  pg::in_transaction(target, [&] {
                    const auto committed = parts_done(target, copy.target_name);
                    if (committed.parts != static_cast<int>(copy.parts.size())) {
                      throw core::Error(fmt::format("{} of {} parts recorded as copied",
                                                    committed.parts, copy.parts.size()),
                                        "copy the table again with `pgsplit apply --resume`");
                    }
                    mark_data_done(target, copy, committed.totals);
                    clear_parts(target, copy.target_name);
                  });
                });
                progress.finish(entry, CopyStatus::done);
              }});
}

std::map<catalog::Oid, std::size_t>
GraphBuilder::add_post_data(TargetWork& work, std::size_t pre_data,
                            const std::map<catalog::Oid, std::vector<std::size_t>>& data_jobs) {
  std::map<catalog::Oid, std::size_t> post_jobs;
  for (const auto& post : work.ddl.post_data) {
    std::vector<std::size_t> after{pre_data};
    // A parent's indexes and constraints cascade to its partitions and children: they wait for
    // the data of the whole tree the table belongs to (a NOT VALID check must see old rows).
    catalog::Oid tree = post.table;
    for (const auto& placed : work.plan->tables) {
      if (placed.table == post.table && placed.root) {
        tree = *placed.root;
      }
    }
    for (const auto& placed : work.plan->tables) {
      if (placed.table == tree || placed.root == tree) {
        if (const auto found = data_jobs.find(placed.table); found != data_jobs.end()) {
          after.insert(after.end(), found->second.begin(), found->second.end());
        }
      }
    }
    const auto state = work.state.tables.find(state_key(post.target_name));
    const bool done = options_.resume && state != work.state.tables.end() &&
                      state->second.post_data_done && work.state.pre_data_done;
    const std::string target = work.plan->name;
    post_jobs[post.table] =
        add({fmt::format("{}: {} (indexes, constraints, triggers)", target,
                         post.target_name.to_string()),
             rank::ready_ddl, after, [&post, target, done](Worker& worker) {
               if (done) {
                 return;
               }
               core::with_context(
                   fmt::format("target {}, table {}", target, post.target_name.to_string()), [&] {
                     auto& connection = worker.target(target);
                     pg::in_transaction(connection, [&] {
                       // Idle workers' CPU goes to the index builds (none while all copy).
                       set_parallel_maintenance_workers(connection, worker.spare_workers());
                       execute(connection, post.statements);
                       mark_post_data_done(connection, post.target_name);
                     });
                   });
             }});
  }
  return post_jobs;
}

std::vector<std::size_t>
GraphBuilder::add_foreign_keys(TargetWork& work, std::size_t pre_data,
                               const std::map<catalog::Oid, std::size_t>& post_jobs) {
  std::vector<std::size_t> key_jobs;
  const std::string target = work.plan->name;
  for (const auto& key : work.ddl.foreign_keys) {
    std::vector<std::size_t> after{pre_data};
    if (key.constraint_name.empty() && !key_jobs.empty()) {
      after.push_back(key_jobs.back()); // a key's comment waits for the key
    }
    for (const auto table : {key.child_table, key.parent_table}) {
      if (const auto found = post_jobs.find(table); found != post_jobs.end()) {
        after.push_back(found->second);
      }
    }
    const auto child = std::find_if(
        work.plan->tables.begin(), work.plan->tables.end(),
        [&](const plan::PlacedTable& placed) { return placed.table == key.child_table; });
    const auto child_name = child->target_name;
    key_jobs.push_back(add({fmt::format("{}: {}", target, key.statement.what), rank::ready_ddl,
                            after, [&key, target, child_name](Worker& worker) {
                              core::with_context(fmt::format("target {}, table {}: {}", target,
                                                             child_name.to_string(),
                                                             key.statement.what),
                                                 [&] {
                                                   auto& connection = worker.target(target);
                                                   if (key.constraint_name.empty() ||
                                                       !constraint_exists(connection, child_name,
                                                                          key.constraint_name)) {
                                                     connection.exec(key.statement.sql);
                                                   }
                                                 });
                            }}));
  }
  return key_jobs;
}

// One ANALYZE per copied table, once its data is in and its indexes are built (its own, and
// those its partitioned root cascades to it): statistics for expression indexes need the
// index, and the sample then sees every row. Partitioned parents are left out: on the
// servers we support, ANALYZE of a parent samples every partition again.
void GraphBuilder::add_analyze(const TargetWork& work,
                               const std::map<catalog::Oid, std::vector<std::size_t>>& data_jobs,
                               const std::map<catalog::Oid, std::size_t>& post_jobs) {
  const std::string target = work.plan->name;
  std::set<std::string> analyzed; // several claims of a table fill one target table
  for (const auto& placed : work.plan->tables) {
    const auto data = data_jobs.find(placed.table);
    if (data == data_jobs.end() || !analyzed.insert(state_key(placed.target_name)).second) {
      continue; // a partitioned parent (no rows of its own), or analyzed already
    }
    std::vector<std::size_t> after = data->second;
    std::vector<catalog::Oid> indexed_by{placed.table};
    if (placed.root) {
      indexed_by.push_back(*placed.root); // a partitioned root's indexes cascade to it
    }
    for (const auto table : indexed_by) {
      if (const auto post = post_jobs.find(table); post != post_jobs.end()) {
        after.push_back(post->second);
      }
    }
    const auto name = placed.target_name;
    add({fmt::format("{}: {} (analyze)", target, name.to_string()), rank::ready_ddl, after,
         [target, name](Worker& worker) {
           core::with_context(fmt::format("target {}, table {}: ANALYZE", target, name.to_string()),
                              [&] {
                                worker.target(target).exec(
                                    "ANALYZE " + pg::quote_qualified(name.schema, name.name));
                              });
         }});
  }
}

void GraphBuilder::add_target(TargetWork& work) {
  const auto pre_data = add_pre_data(work);
  std::map<catalog::Oid, std::vector<std::size_t>> data_jobs;
  add_copies(work, pre_data, data_jobs);
  const auto post_jobs = add_post_data(work, pre_data, data_jobs);
  if (options_.analyze) {
    add_analyze(work, data_jobs, post_jobs);
  }
  auto last = add_foreign_keys(work, pre_data, post_jobs);
  for (const auto& [table, jobs] : data_jobs) {
    last.insert(last.end(), jobs.begin(), jobs.end());
  }
  for (const auto& [table, job] : post_jobs) {
    last.push_back(job);
  }
  last.push_back(pre_data);
  const std::string target = work.plan->name;
  if (!work.create_schema) {
    last.push_back(add({fmt::format("{}: the target's own keys and triggers", target),
                        rank::ready_ddl, last, [target](Worker& worker) {
                          core::with_context(fmt::format("target {}", target), [&] {
                            auto& connection = worker.target(target);
                            pg::in_transaction(connection,
                                               [&] { restore_target_constraints(connection); });
                          });
                        }}));
  }
  add({fmt::format("{}: sequences and views", target), rank::last, last,
       [&work, target](Worker& worker) {
         core::with_context(fmt::format("target {}", target), [&] {
           auto& connection = worker.target(target);
           for (const auto& sequence : work.sequences) {
             core::with_context("sequence " + sequence.what,
                                [&] { connection.exec(sequence.sql); });
           }
           const bool views_done =
               connection.exec("SELECT count(*) AS n FROM _pgsplit.phases WHERE phase = 'views'")
                   .int64(0, "n") > 0;
           if (!views_done) {
             pg::in_transaction(connection, [&] {
               execute(connection, work.ddl.views);
               connection.exec("INSERT INTO _pgsplit.phases (phase) VALUES ('views')");
             });
           }
         });
       }});
}

} // namespace

std::vector<Job> build_job_graph(std::vector<TargetWork>& targets, const catalog::Catalog& catalog,
                                 const GraphOptions& options, Progress& progress) {
  return GraphBuilder(catalog, options, progress).build(targets);
}

} // namespace pgsplit::copy
