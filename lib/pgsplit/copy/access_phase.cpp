#include <pgsplit/copy/access_phase.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/transaction.hpp>
#include <pgsplit/schema/target_ddl.hpp>

#include <fmt/format.h>

namespace pgsplit::copy {
namespace {

void apply_target(const config::Target& target, const schema::TargetDdl& ddl) {
  auto connection = pg::Connection::open(target.url, {.application_name = "pgsplit apply"});
  const bool done =
      connection.exec("SELECT count(*) AS n FROM _pgsplit.phases WHERE phase = 'access'")
          .int64(0, "n") > 0;
  if (done) {
    return;
  }
  pg::in_transaction(connection, [&] {
    for (const auto& statement : ddl.access) {
      core::with_context(statement.what, [&] { connection.exec(statement.sql); });
    }
    connection.exec("INSERT INTO _pgsplit.phases (phase) VALUES ('access')");
  });
}

} // namespace

void apply_access(const config::Mapping& mapping, const catalog::Catalog& catalog,
                  const plan::Plan& plan) {
  if (mapping.options.schema == config::SchemaMode::existing) {
    return;
  }
  for (const auto& target : mapping.targets) {
    const auto* planned = plan.find_target(target.name);
    if (planned == nullptr) {
      continue;
    }
    const auto ddl = schema::generate_target_ddl(catalog, *planned);
    if (!ddl.access.empty()) {
      core::with_context(
          fmt::format("target {}: row-level security, owners and privileges", target.name),
          [&] { apply_target(target, ddl); });
    }
  }
}

} // namespace pgsplit::copy
