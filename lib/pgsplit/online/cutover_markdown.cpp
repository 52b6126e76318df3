#include <pgsplit/core/markdown_table.hpp>
#include <pgsplit/online/cutover.hpp>
#include <pgsplit/verify/render_markdown.hpp>

#include <fmt/format.h>

namespace pgsplit::online {

std::string render_cutover_markdown(const CutoverReport& report) {
  std::string text;
  if (!report.ok()) {
    text += fmt::format("### pgsplit cutover: abandoned, nothing switched\n\nWrites were frozen "
                        "for {:.2f} s at {}, then released; replication goes on.\n\n",
                        report.write_freeze_seconds, core::markdown_code(report.lsn));
    return report.verify ? text + verify::render_markdown(*report.verify) : text;
  }
  text += fmt::format("### pgsplit cutover: done at {}, writes frozen for {:.2f} s\n\n",
                      core::markdown_code(report.lsn), report.write_freeze_seconds);
  text += fmt::format("- targets: {}\n",
                      core::markdown_text(fmt::format("{}", fmt::join(report.targets, ", "))));
  text += fmt::format("- write fence: {}\n", report.fenced
                                                 ? "on (the moved source tables refuse writes)"
                                                 : "off (--no-fence)");
  text += fmt::format("- sequences set: {}\n", report.sequences.size());
  for (const auto& stamp : report.stamps) {
    text += fmt::format("- stamped {}\n", core::markdown_text(stamp));
  }
  for (const auto& dropped : report.dropped) {
    text += fmt::format("- dropped {}\n", core::markdown_text(dropped));
  }
  return report.verify ? text + "\n" + verify::render_markdown(*report.verify) : text;
}

} // namespace pgsplit::online
