#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/markdown_table.hpp>
#include <pgsplit/plan/render_common.hpp>
#include <pgsplit/plan/render_markdown.hpp>

#include <fmt/format.h>

namespace pgsplit::plan {
namespace {

using core::Align;
using core::markdown_code;
using core::markdown_text;
using render::count_of;
using render::format_count;

std::string verdict(const Plan& plan) {
  const auto errors = static_cast<std::int64_t>(render::error_count(plan));
  if (errors > 0) {
    return fmt::format("plan has {} (nothing was written)", count_of(errors, "error", "errors"));
  }
  return fmt::format(
      "plan OK: {}, {}, {}", count_of(std::ssize(plan.targets), "target", "targets"),
      count_of(static_cast<std::int64_t>(render::placed_table_count(plan)), "table", "tables"),
      count_of(static_cast<std::int64_t>(render::warning_count(plan)), "warning", "warnings"));
}

// One list item per finding; a diagnostic's further lines (its hint) continue the item.
void append_findings(std::string& out, const Plan& plan, Severity severity) {
  std::string items;
  std::size_t count = 0;
  for (const Finding& finding : plan.findings) {
    if (finding.severity != severity) {
      continue;
    }
    ++count;
    const std::string text = finding.diagnostic.to_string();
    std::size_t start = 0;
    std::string prefix = "- ";
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      items += prefix + markdown_text(text.substr(start, end - start)) + "\n";
      prefix = "  ";
      start = end + 1;
    }
  }
  if (count > 0) {
    out += fmt::format("\n**{}** ({}):\n\n{}", severity == Severity::error ? "Errors" : "Warnings",
                       count, items);
  }
}

void append_targets(std::string& out, const Plan& plan) {
  core::MarkdownTable table({{"target"},
                             {"database"},
                             {"tables", Align::right},
                             {"rows (estimated)", Align::right},
                             {"size", Align::right},
                             {"foreign keys dropped", Align::right}});
  for (const TargetPlan& target : plan.targets) {
    table.add_row(
        {markdown_text(target.name),
         markdown_code(target.url_description) + (target.create_database ? " (created)" : ""),
         format_count(std::ssize(target.tables)), format_count(target.estimated_rows),
         core::format_bytes(target.size_bytes),
         format_count(std::ssize(target.dropped_foreign_keys))});
  }
  table.add_row(
      {"**total**", "", format_count(static_cast<std::int64_t>(render::placed_table_count(plan))),
       format_count(render::total_rows(plan)), core::format_bytes(render::total_bytes(plan)),
       format_count(std::ssize(plan.cross_target_foreign_keys))});
  out += "\n" + table.render();
}

void append_foreign_keys(std::string& out, const Plan& plan) {
  if (plan.cross_target_foreign_keys.empty()) {
    return;
  }
  core::MarkdownTable table({{"constraint"}, {"child"}, {"parent"}});
  for (const CrossTargetForeignKey& key : plan.cross_target_foreign_keys) {
    const std::string parent_target = key.parent_target.empty() ? "not copied" : key.parent_target;
    table.add_row({markdown_code(key.name),
                   fmt::format("{} in {}", markdown_code(key.child.to_string()),
                               markdown_text(key.child_target)),
                   fmt::format("{} in {}", markdown_code(key.parent.to_string()),
                               markdown_text(parent_target))});
  }
  out += "\n**Cross-target foreign keys** (not created in the targets):\n\n" + table.render();
}

void append_left_behind(std::string& out, const Plan& plan) {
  std::string items;
  for (const ExcludedTable& table : plan.excluded) {
    items += fmt::format("- {}{}\n", markdown_code(table.name.to_string()),
                         table.why.empty() ? "" : ": " + markdown_text(table.why));
  }
  for (const LeftBehindView& view : plan.views_left_behind) {
    items += fmt::format("- {} {}{}\n", view.materialized ? "materialized view" : "view",
                         markdown_code(view.name.to_string()),
                         view.reason.empty() ? "" : ": " + markdown_text(view.reason));
  }
  if (!items.empty()) {
    out += "\n**Left behind in the source**:\n\n" + items;
  }
}

} // namespace

std::string render_markdown(const Plan& plan, const catalog::Catalog& /*catalog*/) {
  std::string out = fmt::format("### pgsplit plan: {}\n\nSource {}", markdown_text(verdict(plan)),
                                markdown_code(plan.source_description));
  if (!plan.source_database.empty()) {
    out += fmt::format(" (database {})", markdown_code(plan.source_database));
  }
  out += "\n";
  append_findings(out, plan, Severity::error);
  append_findings(out, plan, Severity::warning);
  append_targets(out, plan);
  append_foreign_keys(out, plan);
  append_left_behind(out, plan);
  return out;
}

} // namespace pgsplit::plan
