#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// One TypeORM migration: a class of a migration file. TypeORM records the class's `name`
// property when it sets one (generated migrations do: name = 'Init1700000000000'), else the class
// name; the timestamp is the last 13 characters of that name.
struct TypeormMigration {
  std::string version; // the timestamp, as digits
  std::string name;
  std::filesystem::path file;
};

// The migration classes of one file's text, in file order. Throws core::ConfigError at `file`
// when a name does not end with a 13-digit JavaScript timestamp, as TypeORM refuses it.
std::vector<TypeormMigration> parse_typeorm_classes(std::string_view text,
                                                    const std::filesystem::path& file);

// The classes of every .js, .cjs, .mjs and .ts file directly in `dir` (not .d.ts), sorted by
// timestamp as TypeORM runs them. A name used twice is an error, as in TypeORM.
std::vector<TypeormMigration> read_typeorm_migrations(const std::filesystem::path& dir);

// migrations (or `table`, TypeORM's migrationsTableName): one row (timestamp, name) per
// migration up to the version, in timestamp order.
StampPlan typeorm_stamp_plan(const StampRequest& request, const StampTable& table,
                             const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
