#pragma once

#include <pgsplit/stamp/flyway_versions.hpp>
#include <pgsplit/stamp/prisma_migrations.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/uuid.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// The parts every plan starts with: the tool, the quoted table and the statement that empties it.
StampPlan begin_plan(StampTool tool, const StampTable& table, const QuoteIdent& quote_ident);

// "a", "b", … quoted and joined with commas.
std::string quoted_list(const std::vector<std::string_view>& names, const QuoteIdent& quote_ident);

// The plans of each tool, from versions already resolved. Each table is created exactly as the
// tool itself creates it, so the tool finds nothing to change on its next run.

// One row per revision: `alembic stamp head` (one head) or `alembic stamp heads`.
StampPlan alembic_stamp_plan(const StampTable& table, const std::vector<std::string>& revisions,
                             const QuoteIdent& quote_ident);

// The single row of `flyway baseline` at `baseline.version`; a null installed_by records the
// connected role.
StampPlan flyway_stamp_plan(const StampTable& table, const FlywayMigration& baseline,
                            const std::optional<std::string>& installed_by,
                            const QuoteIdent& quote_ident);

// The single row (version, dirty = false) that `migrate force <version>` leaves.
StampPlan golang_migrate_stamp_plan(const StampTable& table, std::uint64_t version,
                                    const QuoteIdent& quote_ident);

// One row per migration, as `prisma migrate resolve --applied` writes it: a random UUID id,
// the checksum, started_at = finished_at, applied_steps_count 0. `make_id` exists for tests.
StampPlan prisma_stamp_plan(const StampTable& table, const std::vector<PrismaMigration>& migrations,
                            const QuoteIdent& quote_ident,
                            const std::function<std::string()>& make_id = random_uuid_v4);

} // namespace pgsplit::stamp
