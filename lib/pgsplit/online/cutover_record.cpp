#include <pgsplit/online/cutover_record.hpp>

namespace pgsplit::online {

void record_cutover(pg::Connection& target, const std::string& lsn, double write_freeze_seconds) {
  target.exec("CREATE SCHEMA IF NOT EXISTS _pgsplit; "
              "CREATE TABLE IF NOT EXISTS _pgsplit.cutover (lsn pg_lsn NOT NULL, "
              "write_freeze_seconds float8 NOT NULL, finished_at timestamptz NOT NULL)");
  target.exec("INSERT INTO _pgsplit.cutover VALUES ($1::pg_lsn, $2::float8, now())",
              {lsn, std::to_string(write_freeze_seconds)});
}

std::optional<std::string> read_cutover_lsn(pg::Connection& target) {
  if (target.exec("SELECT to_regclass('_pgsplit.cutover') IS NULL AS missing").text(0, "missing") ==
      "t") {
    return std::nullopt;
  }
  const auto last = target.exec(
      "SELECT lsn::text AS lsn FROM _pgsplit.cutover ORDER BY finished_at DESC LIMIT 1");
  return last.rows() > 0 ? std::optional(last.text(0, "lsn")) : std::nullopt;
}

} // namespace pgsplit::online
