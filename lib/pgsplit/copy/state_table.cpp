#include <pgsplit/copy/state_table.hpp>
#include <pgsplit/pg/quote.hpp>

namespace pgsplit::copy {

std::string state_key(const catalog::QualifiedName& table) {
  return pg::quote_qualified(table.schema, table.name);
}

void create_state_tables(pg::Connection& target) {
  target.exec(R"sql(
CREATE SCHEMA IF NOT EXISTS _pgsplit;
COMMENT ON SCHEMA _pgsplit IS 'pgsplit apply: what this database received (for --resume); drop it once the split is verified';
CREATE TABLE IF NOT EXISTS _pgsplit.phases (phase text PRIMARY KEY, done_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS _pgsplit.tables (
  target_table text PRIMARY KEY,
  fingerprint text NOT NULL,
  rows bigint NOT NULL,
  bytes bigint NOT NULL,
  data_done_at timestamptz NOT NULL DEFAULT now(),
  post_data_done_at timestamptz))sql");
  create_part_table(target);
}

void create_part_table(pg::Connection& target) {
  target.exec("CREATE TABLE IF NOT EXISTS _pgsplit.parts (target_table text NOT NULL, "
              "part int NOT NULL, rows bigint NOT NULL, bytes bigint NOT NULL, "
              "done_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (target_table, part))");
}

void clear_parts(pg::Connection& target, const catalog::QualifiedName& table) {
  target.exec("DELETE FROM _pgsplit.parts WHERE target_table = $1", {state_key(table)});
}

void record_part_done(pg::Connection& target, const TableCopy& part, const CopyResult& result) {
  target.exec(
      "INSERT INTO _pgsplit.parts (target_table, part, rows, bytes) VALUES ($1, $2, $3, $4)",
      {state_key(part.target_name), std::to_string(part.part.value().index),
       std::to_string(result.rows), std::to_string(result.bytes)});
}

PartsDone parts_done(pg::Connection& target, const catalog::QualifiedName& table) {
  const auto sums = target.exec("SELECT count(*) AS parts, coalesce(sum(rows), 0)::bigint AS rows, "
                                "coalesce(sum(bytes), 0)::bigint AS bytes FROM _pgsplit.parts "
                                "WHERE target_table = $1",
                                {state_key(table)});
  return {static_cast<int>(sums.int64(0, "parts")),
          {sums.int64(0, "rows"), sums.int64(0, "bytes")}};
}

TargetState read_state(pg::Connection& target) {
  TargetState state;
  const auto present =
      target.exec("SELECT to_regclass('_pgsplit.tables') IS NOT NULL AS tables, "
                  "EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '_pgsplit') AS schema");
  state.exists = present.boolean(0, "schema");
  if (!present.boolean(0, "tables")) {
    return state;
  }
  state.pre_data_done =
      target.exec("SELECT count(*) AS n FROM _pgsplit.phases WHERE phase = 'pre-data'")
          .int64(0, "n") > 0;
  const auto rows =
      target.exec("SELECT target_table, fingerprint, rows, "
                  "post_data_done_at IS NOT NULL AS post_data_done FROM _pgsplit.tables");
  for (int row = 0; row < rows.rows(); ++row) {
    state.tables[rows.text(row, "target_table")] = {rows.text(row, "fingerprint"), true,
                                                    rows.boolean(row, "post_data_done"),
                                                    rows.int64(row, "rows")};
  }
  return state;
}

void mark_pre_data_done(pg::Connection& target) {
  target.exec("INSERT INTO _pgsplit.phases (phase) VALUES ('pre-data') ON CONFLICT DO NOTHING");
}

// A table copied again keeps its post-data mark: TRUNCATE keeps its indexes, constraints and
// triggers (foreign keys are dropped and added back by their own jobs, which look for them).
void mark_data_done(pg::Connection& target, const TableCopy& copy, const CopyResult& result) {
  target.exec("INSERT INTO _pgsplit.tables (target_table, fingerprint, rows, bytes) "
              "VALUES ($1, $2, $3, $4) ON CONFLICT (target_table) DO UPDATE SET "
              "fingerprint = EXCLUDED.fingerprint, rows = EXCLUDED.rows, bytes = EXCLUDED.bytes, "
              "data_done_at = now()",
              {state_key(copy.target_name), copy.fingerprint, std::to_string(result.rows),
               std::to_string(result.bytes)});
}

void mark_post_data_done(pg::Connection& target, const catalog::QualifiedName& table) {
  target.exec("INSERT INTO _pgsplit.tables (target_table, fingerprint, rows, bytes, "
              "post_data_done_at) VALUES ($1, '', 0, 0, now()) ON CONFLICT (target_table) DO "
              "UPDATE SET post_data_done_at = now()",
              {state_key(table)});
}

void forget_copies(pg::Connection& target) {
  // An empty fingerprint matches no table's: the data jobs run again.
  if (target.exec("SELECT to_regclass('_pgsplit.tables') IS NOT NULL AS present")
          .boolean(0, "present")) {
    target.exec("UPDATE _pgsplit.tables SET fingerprint = ''");
  }
}

} // namespace pgsplit::copy
