#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/catalog/normalise.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog {
namespace {

// Session settings for the duration of the load, restored afterwards (also on failure):
// - an empty search_path, so that pg_get_*def, defaults and format_type name every user object
//   with its schema;
// - no nested loops: the catalogs' statistics can be stale (right after a restore or a burst of
//   DDL, before autovacuum analyzes them), and a nested loop planned on an estimate of one row
//   turns a join of two catalogs quadratic. Hash joins stay linear whatever the estimates;
// - no JIT: compiling these short queries costs more than running them (and the penalty cost
//   of disabled nested loops would trigger it).
class LoadSettings {
public:
  explicit LoadSettings(pg::Connection& connection) : connection_(connection) {
    const auto current = connection_.exec(R"(
      SELECT pg_catalog.current_setting('search_path') AS search_path,
             pg_catalog.current_setting('enable_nestloop') AS enable_nestloop,
             pg_catalog.current_setting('jit') AS jit)");
    previous_ = {current.text(0, "search_path"), current.text(0, "enable_nestloop"),
                 current.text(0, "jit")};
    apply({"", "off", "off"});
  }
  LoadSettings(const LoadSettings&) = delete;
  LoadSettings& operator=(const LoadSettings&) = delete;
  ~LoadSettings() {
    try {
      apply(previous_);
    } catch (...) {
      // The transaction failed: its rollback restores the settings anyway.
    }
  }

private:
  void apply(const pg::Params& values) {
    connection_.exec(R"(
      SELECT pg_catalog.set_config('search_path', $1, false),
             pg_catalog.set_config('enable_nestloop', $2, false),
             pg_catalog.set_config('jit', $3, false))",
                     values);
  }

  pg::Connection& connection_;
  pg::Params previous_;
};

void read_server(pg::Connection& source, Catalog& catalog) {
  const auto result = source.exec(R"(
    SELECT current_database() AS database,
           current_setting('server_encoding') AS encoding,
           current_setting('server_version_num') AS version,
           (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata) AS large_objects,
           pg_catalog.pg_relation_size('pg_catalog.pg_largeobject') AS large_objects_bytes)");
  catalog.database = result.text(0, "database");
  catalog.server_encoding = result.text(0, "encoding");
  catalog.server_version = static_cast<int>(result.int64(0, "version"));
  catalog.large_objects = result.int64(0, "large_objects");
  catalog.large_objects_bytes = result.int64(0, "large_objects_bytes");
}

pg::Params schema_parameter(const std::vector<Schema>& schemas) {
  std::vector<Oid> oids;
  oids.reserve(schemas.size());
  for (const auto& schema : schemas) {
    oids.push_back(schema.oid);
  }
  return {detail::oid_array_literal(oids)};
}

std::vector<Type> read_types(const detail::Scope& scope) {
  auto types = detail::load_types(scope);
  detail::load_enum_labels(scope, types);
  detail::load_domain_constraints(scope, types);
  detail::load_composite_attributes(scope, types);
  detail::load_ranges(scope, types);
  return types;
}

void read_relation_parts(const detail::Scope& scope, const LoadOptions& options, Catalog& catalog) {
  const detail::Relations relations{detail::ByOid<Table>(catalog.tables),
                                    detail::ByOid<View>(catalog.views)};
  detail::load_columns(scope, relations);
  detail::load_constraints(scope, relations);
  detail::load_indexes(scope, relations);
  detail::load_triggers(scope, relations);
  detail::load_policies(scope, relations);
  detail::load_statistics(scope, relations);
  if (options.column_uses) {
    detail::load_column_uses(scope, relations);
  }
  detail::load_rules(scope, relations);
}

} // namespace

Catalog load_catalog(pg::Connection& source, const LoadOptions& options) {
  const LoadSettings settings(source);
  Catalog catalog;
  read_server(source, catalog);
  catalog.schemas = detail::load_schemas(source, options.schemas);
  catalog.extensions = detail::load_extensions(source);
  const detail::Scope scope{source, schema_parameter(catalog.schemas)};
  catalog.types = read_types(scope);
  catalog.functions = detail::load_functions(scope);
  detail::load_aggregates(scope, catalog.functions);
  catalog.objects = detail::load_objects(scope);
  catalog.sequences = detail::load_sequences(scope);
  catalog.tables = detail::load_tables(scope);
  catalog.views = detail::load_views(scope);
  read_relation_parts(scope, options, catalog);
  detail::load_access(scope, catalog);
  catalog.dependencies = detail::normalise_dependencies(detail::load_dependencies(source), catalog);
  detail::sort_catalog(catalog);
  return catalog;
}

} // namespace pgsplit::catalog
