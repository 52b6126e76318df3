#include <pgsplit/verify/reference_checks.hpp>
#include <pgsplit/verify/schema_parity.hpp>
#include <pgsplit/verify/sequence_checks.hpp>
#include <pgsplit/verify/sessions.hpp>
#include <pgsplit/verify/stamp_checks.hpp>
#include <pgsplit/verify/table_checks.hpp>
#include <pgsplit/verify/verify_split.hpp>
#include <pgsplit/verify/worker_pool.hpp>

#include <algorithm>

namespace pgsplit::verify {
namespace {

const config::Target* configured(const config::Mapping& mapping, const std::string& name) {
  const auto found =
      std::find_if(mapping.targets.begin(), mapping.targets.end(),
                   [&](const config::Target& target) { return target.name == name; });
  return found == mapping.targets.end() ? nullptr : &*found;
}

// Rows, checksums and references: the work that scans tables, shared by the workers. Each
// task writes its own result slot.
void run_scans(pg::Connection& source, const config::Mapping& mapping, const plan::Plan& plan,
               const catalog::Catalog& catalog, const VerifyOptions& options,
               VerifyReport& report) {
  const auto tables = plan_table_checks(plan, catalog, report);
  std::vector<ReferenceJob> references;
  if (options.references) {
    references = plan_reference_checks(plan, catalog, report.findings);
    report.counted.references = plan.cross_target_foreign_keys.size();
  }
  std::vector<std::optional<Finding>> reference_findings(references.size());

  std::vector<Task> tasks;
  for (const auto& job : tables) {
    auto& check = report.targets[job.target].tables[job.table];
    const auto& target = report.targets[job.target].name;
    std::optional<std::int64_t> known;
    if (const auto found = options.known_source_rows.find({target, check.target_name.to_string()});
        found != options.known_source_rows.end() && job.filters.size() == 1) {
      known = found->second;
    }
    tasks.emplace_back([&job, &check, &target, &options, known](Worker& worker) {
      check_table(worker.source, worker.targets.get(target), job, options.checksums, check, known);
    });
  }
  for (std::size_t i = 0; i < references.size(); ++i) {
    tasks.emplace_back([&references, &reference_findings, i](Worker& worker) {
      const auto& job = references[i];
      auto& child = worker.targets.get(job.key->child_target);
      auto& parent = worker.targets.get(job.key->parent_target, job.key->child_target);
      reference_findings[i] = check_reference(child, parent, job);
    });
  }
  run_tasks(source, mapping, options.jobs, tasks);

  add_table_findings(report);
  for (auto& finding : reference_findings) {
    if (finding) {
      report.findings.push_back(std::move(*finding));
    }
  }
}

} // namespace

VerifyReport verify_split(pg::Connection& source_in_snapshot, const config::Mapping& mapping,
                          const catalog::Catalog& catalog, const plan::Plan& plan,
                          const VerifyOptions& options) {
  VerifyReport report;
  report.source =
      plan.source_description.empty() ? source_in_snapshot.description() : plan.source_description;
  report.checksums = options.checksums;
  report.references = options.references;
  apply_output_settings(source_in_snapshot);

  if (options.rows) {
    run_scans(source_in_snapshot, mapping, plan, catalog, options, report);
  }

  TargetSessions targets(mapping);
  for (const auto& target : plan.targets) {
    auto& connection = targets.get(target.name);
    if (options.sequences) {
      check_sequences(connection, target, report);
    }
    if (const auto* settings = configured(mapping, target.name); settings && options.stamps) {
      check_stamps(connection, *settings, report);
    }
    if (options.schema) {
      auto schema = compare_schema(catalog, target, load_target_catalog(connection));
      report.counted.schema_tables += schema.tables;
      report.findings.insert(report.findings.end(), schema.findings.begin(), schema.findings.end());
    }
  }
  sort_findings(report);
  return report;
}

} // namespace pgsplit::verify
