#include <pgsplit/online/cutover.hpp>
#include <pgsplit/verify/render_json.hpp>
#include <pgsplit/verify/render_text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pgsplit::online {

std::string render_cutover_text(const CutoverReport& report) {
  std::string text;
  if (report.verify) {
    text += verify::render_text(*report.verify) + "\n";
  }
  if (!report.ok()) {
    return text + fmt::format("cut-over abandoned: writes were frozen for {:.2f} s at {}, then "
                              "released; replication goes on, nothing else changed\n",
                              report.write_freeze_seconds, report.lsn);
  }
  for (const auto& sequence : report.sequences) {
    text += fmt::format("sequence {}\n", sequence);
  }
  for (const auto& stamp : report.stamps) {
    text += fmt::format("stamped {}\n", stamp);
  }
  for (const auto& dropped : report.dropped) {
    text += fmt::format("dropped {}\n", dropped);
  }
  text += fmt::format("cut over at source position {}: writes were frozen for {:.2f} s; {}\n",
                      report.lsn, report.write_freeze_seconds,
                      report.fenced ? "the moved source tables now refuse writes (the fence)"
                                    : "no write fence (--no-fence)");
  return text;
}

std::string render_cutover_json(const CutoverReport& report) {
  nlohmann::ordered_json json;
  json["ok"] = report.ok();
  json["lsn"] = report.lsn;
  json["write_freeze_seconds"] = report.write_freeze_seconds;
  json["targets"] = report.targets;
  json["fenced"] = report.fenced;
  json["sequences"] = report.sequences;
  json["stamps"] = report.stamps;
  json["dropped"] = report.dropped;
  json["verify"] = report.verify
                       ? nlohmann::ordered_json::parse(verify::render_json(*report.verify))
                       : nlohmann::ordered_json(nullptr);
  return json.dump(2) + "\n";
}

} // namespace pgsplit::online
