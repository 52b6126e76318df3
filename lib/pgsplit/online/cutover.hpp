#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/verify/report.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

// `pgsplit cutover`: the switch from the monolith to the services. Every target must be
// streaming. The moved source tables are locked against writes (reads go on), every target
// catches up to that point, sequences are set, every table is verified against the frozen
// source, the write fence goes in, the locks go: the write freeze lasts from the lock to that
// commit. Then the replication objects are dropped and the stamps written.
namespace pgsplit::online {

struct CutoverOptions {
  bool checksums = false; // verify checksums too, not only counts (longer freeze)
  bool fence = true;
  int jobs = 4; // verify workers
  std::chrono::milliseconds lock_timeout{10000};
  std::chrono::milliseconds catch_up_timeout{60000};
};

struct CutoverReport {
  std::string lsn;                 // the source's position once writes were frozen
  double write_freeze_seconds = 0; // lock granted → fence committed (or locks released)
  std::vector<std::string> targets;
  std::optional<verify::VerifyReport> verify;
  bool fenced = false;
  std::vector<std::string> sequences; // "target: public.users_id_seq = 42"
  std::vector<std::string> dropped;   // replication objects
  std::vector<std::string> stamps;    // "target: summary"
  bool ok() const { return verify && verify->ok(); }
};

// `catalog` and `plan` come from a planning session opened just before (its plan free of
// errors). Throws core::UsageError (nothing written) when a target is not streaming or a table
// changed shape; core::Error when the locks or the catch-up time out (the locks are released,
// nothing changed). A verification mismatch releases the locks, leaves replication running and
// returns a report that is not ok().
CutoverReport cutover(const config::Mapping& mapping, const catalog::Catalog& catalog,
                      const plan::Plan& plan, const CutoverOptions& options);

std::string render_cutover_text(const CutoverReport& report);
std::string render_cutover_json(const CutoverReport& report);
std::string render_cutover_markdown(const CutoverReport& report);

} // namespace pgsplit::online
