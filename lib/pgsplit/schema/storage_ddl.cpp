#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace pgsplit::schema::detail {
namespace {

std::string_view storage_word(char storage) {
  switch (storage) {
  case 'p':
    return "PLAIN";
  case 'e':
    return "EXTERNAL";
  case 'm':
    return "MAIN";
  case 'x':
    return "EXTENDED";
  default:
    return {};
  }
}

std::string_view compression_word(char compression) {
  switch (compression) {
  case 'p':
    return "pglz";
  case 'l':
    return "lz4";
  default:
    return {};
  }
}

void add_column_setting(std::vector<Statement>& out, const std::string& table,
                        const std::string& readable, const catalog::Column& column,
                        const std::string& setting) {
  out.push_back(statement(fmt::format("ALTER TABLE ONLY {} ALTER COLUMN {} {}", table,
                                      pg::quote_ident(column.name), setting),
                          fmt::format("{} of column {}.{}", setting, readable, column.name)));
}

} // namespace

// WITH (…) of CREATE TABLE: the table's reloptions (fillfactor, autovacuum_* …) and its TOAST
// table's, as "toast.name=value". Empty when there are none. The values come from the source's
// catalog, where PostgreSQL validated them; names and values are words and numbers.
std::string storage_parameters(const catalog::Table& table) {
  std::vector<std::string> options = table.options;
  for (const auto& option : table.toast_options) {
    options.push_back("toast." + option);
  }
  return options.empty() ? std::string() : fmt::format(" WITH ({})", fmt::join(options, ", "));
}

// Per-column statistics targets, STORAGE and COMPRESSION, as the source sets them.
void add_column_storage(std::vector<Statement>& out, const Context& context,
                        const TargetTable& table) {
  const std::string name = context.quoted(table);
  const std::string readable = table.placed->target_name.to_string();
  for (const auto& column : table.source->columns) {
    if (column.statistics_target >= 0) {
      add_column_setting(out, name, readable, column,
                         fmt::format("SET STATISTICS {}", column.statistics_target));
    }
    if (const auto storage = storage_word(column.storage); !storage.empty()) {
      add_column_setting(out, name, readable, column, fmt::format("SET STORAGE {}", storage));
    }
    if (const auto compression = compression_word(column.compression); !compression.empty()) {
      add_column_setting(out, name, readable, column,
                         fmt::format("SET COMPRESSION {}", compression));
    }
  }
}

// CLUSTER ON and REPLICA IDENTITY, once the table's indexes exist.
void add_index_settings(std::vector<Statement>& out, const Context& context,
                        const TargetTable& table) {
  const std::string name = context.quoted(table);
  const std::string readable = table.placed->target_name.to_string();
  const auto& source = *table.source;
  if (source.clustered_index) {
    out.push_back(statement(
        fmt::format("ALTER TABLE {} CLUSTER ON {}", name, pg::quote_ident(*source.clustered_index)),
        "CLUSTER ON of " + readable));
  }
  std::string identity;
  if (source.replica_identity == 'f') {
    identity = "FULL";
  } else if (source.replica_identity == 'n') {
    identity = "NOTHING";
  } else if (source.replica_identity == 'i' && source.replica_identity_index) {
    identity = "USING INDEX " + pg::quote_ident(*source.replica_identity_index);
  }
  if (!identity.empty()) {
    out.push_back(statement(fmt::format("ALTER TABLE {} REPLICA IDENTITY {}", name, identity),
                            "replica identity of " + readable));
  }
}

// CREATE STATISTICS (pg_get_statisticsobjdef, renamed), its statistics target, comment and
// owner when it is the table's (the plan checks that role). An object in a schema the target
// does not create is left out with a note.
void add_extended_statistics(std::vector<Statement>& out, Context& context,
                             const TargetTable& table) {
  const auto& schemas = context.target().schemas;
  for (const auto& statistics : table.source->extended_statistics) {
    const std::string readable = "statistics " + statistics.name.to_string();
    if (std::find(schemas.begin(), schemas.end(), statistics.name.schema) == schemas.end()) {
      context.note(fmt::format("{} is not created: its schema {} is not created in this target",
                               readable, statistics.name.schema));
      continue;
    }
    const std::string name = pg::quote_qualified(statistics.name.schema, statistics.name.name);
    out.push_back(statement(context.rewrite(table, statistics.definition), readable));
    if (statistics.target >= 0) {
      out.push_back(
          statement(fmt::format("ALTER STATISTICS {} SET STATISTICS {}", name, statistics.target),
                    "target of " + readable));
    }
    add_comment(out, "STATISTICS " + name, readable, statistics.comment);
  }
}

} // namespace pgsplit::schema::detail
