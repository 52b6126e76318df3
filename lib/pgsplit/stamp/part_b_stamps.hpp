#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

namespace pgsplit::stamp {

// The plan of a knex, node-pg-migrate, sequelize, typeorm, sqlx, dbmate, goose, ecto, diesel or
// liquibase entry: each tool's own file reads its migrations and builds it.
StampPlan plan_part_b_stamp(const StampRequest& request, const StampTable& table,
                            const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
