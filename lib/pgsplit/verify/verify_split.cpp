#include <pgsplit/plan/rules.hpp>
#include <pgsplit/probe/target_probe.hpp>
#include <pgsplit/verify/access_parity.hpp>
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

// What apply carried of owners and privileges depends on the roles of the target server: the
// plan's role rules run again on what the target holds now (verify runs no preflight), from a
// copy of the target's plan. With options.schema: existing the target's objects are its own.
void check_access(pg::Connection& connection, const config::Mapping& mapping,
                  const catalog::Catalog& catalog, const plan::TargetPlan& target,
                  const catalog::Catalog& target_catalog, VerifyReport& report) {
  if (mapping.options.schema != config::SchemaMode::create) {
    return;
  }
  auto expected = target;
  expected.unassignable_owners.clear();
  expected.missing_roles.clear();
  expected.roles_without_database_create.clear();
  plan::Plan scratch; // the warnings were the plan's to give
  plan::detail::check_target_roles(scratch, expected, {}, catalog,
                                   probe::read_target_roles(connection));
  const auto role = connection.exec("SELECT current_user AS name", {}).text(0, "name");
  compare_access(catalog, expected, target_catalog, role, report.findings);
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
      check_sequences(source_in_snapshot, connection, target, report);
    }
    if (const auto* settings = configured(mapping, target.name); settings && options.stamps) {
      check_stamps(connection, *settings, report);
    }
    if (options.schema) {
      const auto target_catalog = load_target_catalog(connection);
      auto schema = compare_schema(catalog, target, target_catalog);
      report.counted.schema_tables += schema.tables;
      report.findings.insert(report.findings.end(), schema.findings.begin(), schema.findings.end());
      if (options.access) {
        check_access(connection, mapping, catalog, target, target_catalog, report);
      }
    }
  }
  sort_findings(report);
  return report;
}

} // namespace pgsplit::verify
