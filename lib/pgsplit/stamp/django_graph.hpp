#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/stamp/django_migration_file.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>

#include <vector>

namespace pgsplit::stamp {

// The migrations of the apps of one django entry, and the rows its stamp writes.
struct DjangoHistory {
  std::vector<config::DjangoApp> apps;     // as in the mapping, in its order
  std::vector<DjangoMigration> migrations; // every file of every app
};

// Reads each app's folder: every `*.py` not starting with `_` or `~` (as Django's loader).
// Throws core::ConfigError with every problem (missing folder, unreadable file).
DjangoHistory read_django_history(const std::vector<config::DjangoApp>& apps);

// The (app, name) rows to record, in an order Django could have applied them (dependencies
// first). Per app: "latest" records every migration; an explicit name records it and what it
// depends on. Dependencies on apps not listed are not followed. Errors point at the migration
// file (unknown dependency, cycle) or at the app in the mapping (unknown version, conflicting
// leaves that need `makemigrations --merge`, an explicit version older than what another app's
// migrations need). A squashed migration (`replaces`) stands for the migrations it replaces;
// they are recorded with it.
std::vector<DjangoKey> django_rows(const DjangoHistory& history);

// django_migrations(id, app, name, applied) as Django creates it, one row per key.
StampPlan django_stamp_plan(const StampTable& table, const std::vector<DjangoKey>& rows,
                            const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
