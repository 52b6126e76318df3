#include <pgsplit/plan/projection.hpp>
#include <pgsplit/verify/sequence_checks.hpp>

#include <fmt/format.h>

#include <set>

namespace pgsplit::verify {
namespace {

// Columns fed by a sequence: a default that depends on it (serial, or nextval() of any
// sequence), or an identity column, whose sequence depends internally on the column.
// Partitions are left out: their partitioned table covers them.
constexpr const char* uses_sql = R"sql(
WITH uses AS (
  SELECT ad.adrelid AS table_oid, ad.adnum AS attnum, d.refobjid AS sequence_oid
  FROM pg_catalog.pg_attrdef ad
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
   AND d.objid = ad.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  UNION
  SELECT d.refobjid, d.refobjsubid, d.objid
  FROM pg_catalog.pg_depend d
  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
    AND d.deptype = 'i' AND d.refobjsubid > 0
)
SELECT tn.nspname AS table_schema, t.relname AS table_name, a.attname AS column_name,
       sn.nspname AS sequence_schema, s.relname AS sequence_name,
       q.seqincrement AS increment
FROM uses u
JOIN pg_catalog.pg_class s ON s.oid = u.sequence_oid AND s.relkind = 'S'
JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid
JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
JOIN pg_catalog.pg_class t ON t.oid = u.table_oid AND t.relkind IN ('r', 'p') AND NOT t.relispartition
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = u.attnum AND NOT a.attisdropped
WHERE a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
                     'pg_catalog.int8'::pg_catalog.regtype)
ORDER BY 4, 5, 1, 2, 3
)sql";

struct Use {
  catalog::QualifiedName table;
  std::string column;
  catalog::QualifiedName sequence;
  std::int64_t increment = 1;
};

std::string sequence_message(const Use& use, const SequenceState& state, std::int64_t min,
                             std::int64_t max) {
  const std::string column = fmt::format("{}.{}", use.table.to_string(), use.column);
  const bool ascending = use.increment > 0;
  const std::int64_t bound = ascending ? max : min;
  std::string message = fmt::format("last_value {} {} {}({}) {}", format_count(state.last_value),
                                    state.last_value == bound ? "=" : (ascending ? "<" : ">"),
                                    ascending ? "max" : "min", column, format_count(bound));
  if (!state.is_called) {
    message += " (never called)";
  }
  std::int64_t next = state.last_value;
  if (!state.is_called || !__builtin_add_overflow(state.last_value, state.increment, &next)) {
    message += fmt::format(": the next nextval() is {}, not {} {}", format_count(next),
                           ascending ? "above" : "below", format_count(bound));
  }
  return message;
}

const plan::PlacedTable* placed_as(const plan::TargetPlan& plan,
                                   const catalog::QualifiedName& target_name) {
  for (const auto& table : plan.tables) {
    if (table.target_name == target_name) {
      return &table;
    }
  }
  return nullptr;
}

// Whether the source's own sequence for the column (serial or identity) is where the target's
// is and lags behind the source's column the same way: then the target is as the source is,
// not broken by the split. The column is looked up under its source name.
bool lags_in_source(pg::Connection& source, const plan::PlacedTable& placed, const Use& use,
                    const SequenceState& target_state) {
  const auto table = source.quote_qualified(placed.source_name.schema, placed.source_name.name);
  const auto source_column = plan::source_column_name(placed, use.column);
  const auto found = source.exec("SELECT pg_catalog.pg_get_serial_sequence($1, $2) AS sequence",
                                 {table, source_column});
  if (found.is_null(0, 0)) {
    return false; // a nextval() default of a sequence the column does not own: not followed
  }
  // pg_get_serial_sequence returns the name quoted as needed by the server itself.
  const auto sequence =
      source.exec(fmt::format("SELECT last_value, is_called FROM {}", found.text(0, "sequence")));
  const SequenceState state{sequence.int64(0, "last_value"), sequence.boolean(0, "is_called"),
                            use.increment};
  if (state.last_value != target_state.last_value || state.is_called != target_state.is_called) {
    return false; // the split did not carry the source's value: the target's lag is its own
  }
  const auto column = source.quote_ident(source_column);
  const auto range =
      source.exec(fmt::format("SELECT min({0}) AS low, max({0}) AS high FROM {1}", column, table));
  if (range.is_null(0, 0)) {
    return false;
  }
  return !hands_out_new_values(state, range.int64(0, "low"), range.int64(0, "high"));
}

} // namespace

bool hands_out_new_values(const SequenceState& state, std::int64_t column_min,
                          std::int64_t column_max) {
  const auto last = static_cast<std::uint64_t>(state.last_value);
  if (state.increment > 0) {
    if (state.last_value > column_max) {
      return true;
    }
    // last <= max: the next value is last + increment, beyond max when the gap is smaller
    // than the increment (the gap fits in 64 unsigned bits).
    const std::uint64_t gap = static_cast<std::uint64_t>(column_max) - last;
    return state.is_called && gap < static_cast<std::uint64_t>(state.increment);
  }
  if (state.last_value < column_min) {
    return true;
  }
  const std::uint64_t gap = last - static_cast<std::uint64_t>(column_min);
  const std::uint64_t step = std::uint64_t{0} - static_cast<std::uint64_t>(state.increment);
  return state.is_called && gap < step;
}

void check_sequences(pg::Connection& source, pg::Connection& target, const plan::TargetPlan& plan,
                     VerifyReport& report) {
  std::set<catalog::QualifiedName> placed;
  for (const auto& table : plan.tables) {
    placed.insert(table.target_name);
  }
  const auto uses = target.exec(uses_sql);
  for (int row = 0; row < uses.rows(); ++row) {
    const Use use{{uses.text(row, "table_schema"), uses.text(row, "table_name")},
                  uses.text(row, "column_name"),
                  {uses.text(row, "sequence_schema"), uses.text(row, "sequence_name")},
                  uses.int64(row, "increment")};
    if (placed.count(use.table) == 0) {
      continue;
    }
    ++report.counted.sequences;
    const auto sequence =
        target.exec(fmt::format("SELECT last_value, is_called FROM {}",
                                target.quote_qualified(use.sequence.schema, use.sequence.name)));
    const SequenceState state{sequence.int64(0, "last_value"), sequence.boolean(0, "is_called"),
                              use.increment};
    const auto column = target.quote_ident(use.column);
    const auto range =
        target.exec(fmt::format("SELECT min({0}) AS low, max({0}) AS high FROM {1}", column,
                                target.quote_qualified(use.table.schema, use.table.name)));
    if (range.is_null(0, 0)) {
      continue; // no rows: any value is new
    }
    const std::int64_t min = range.int64(0, "low");
    const std::int64_t max = range.int64(0, "high");
    if (hands_out_new_values(state, min, max)) {
      continue;
    }
    const auto* placement = placed_as(plan, use.table);
    if (placement != nullptr && lags_in_source(source, *placement, use, state)) {
      report.findings.push_back(
          {CheckKind::sequence, Outcome::not_checked, plan.name, use.sequence.to_string(),
           sequence_message(use, state, min, max) +
               "; the source's sequence lags behind its column too: copied as it is"});
    } else {
      report.findings.push_back({CheckKind::sequence, Outcome::mismatch, plan.name,
                                 use.sequence.to_string(), sequence_message(use, state, min, max)});
    }
  }
}

} // namespace pgsplit::verify
