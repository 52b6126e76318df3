#include <pgsplit/schema/ddl_steps.hpp>
#include <pgsplit/schema/target_ddl.hpp>

namespace pgsplit::schema {
namespace {

using catalog::ObjectKind;

void add_routine(std::vector<Statement>& out, detail::Context& context,
                 const catalog::ObjectRef& object) {
  if (object.kind == ObjectKind::type) {
    if (const auto* type = context.catalog().find_type(object.oid)) {
      detail::add_type(out, *type);
    }
  } else if (object.kind != ObjectKind::function) {
    if (const auto* found = context.catalog().find_object(object)) {
      detail::add_object(out, *found);
    }
  } else if (const auto* function = context.catalog().find_function(object.oid)) {
    detail::add_function(out, context, *function);
  }
}

void add_functions(std::vector<Statement>& out, detail::Context& context,
                   const std::vector<catalog::Oid>& functions) {
  for (const catalog::Oid oid : functions) {
    add_routine(out, context, {ObjectKind::function, oid});
  }
}

// Schemas and extensions first; then sequences (they need nothing of the target), types and
// functions in dependency order, the tables (parents first), functions that take a table's row
// type, and the sequences' OWNED BY.
std::vector<Statement> pre_data(detail::Context& context, const detail::RoutineOrder& order) {
  std::vector<Statement> out;
  detail::add_schemas(out, context);
  detail::add_extensions(out, context);
  if (!context.target().functions.empty()) {
    // As pg_dump does: a LANGUAGE sql body may read tables created later.
    out.push_back(detail::statement("SET check_function_bodies = false", "session setting"));
  }
  for (const catalog::Oid oid : context.target().sequences) {
    if (const auto* sequence = context.catalog().find_sequence(oid)) {
      detail::add_sequence(out, *sequence);
    }
  }
  for (const auto& object : order.before_tables) {
    add_routine(out, context, object);
  }
  for (const auto& table : context.tables()) {
    detail::add_table(out, context, table);
  }
  add_functions(out, context, order.after_tables);
  detail::add_sequence_ownership(out, context);
  return out;
}

std::vector<TablePostData> post_data(detail::Context& context) {
  std::vector<TablePostData> tables;
  for (const auto& table : context.tables()) {
    TablePostData post{table.source->oid, table.placed->target_name, {}};
    detail::add_keys_and_indexes(post.statements, context, table);
    detail::add_checks_and_exclusions(post.statements, context, table);
    detail::add_triggers(post.statements, context, table);
    detail::add_index_settings(post.statements, context, table);
    detail::add_extended_statistics(post.statements, context, table);
    if (!post.statements.empty()) {
      tables.push_back(std::move(post));
    }
  }
  return tables;
}

std::vector<Statement> views(detail::Context& context, const detail::RoutineOrder& order) {
  std::vector<Statement> out;
  detail::add_unvalidated_domain_checks(out, context);
  detail::add_views(out, context);
  detail::add_rules(out, context);
  add_functions(out, context, order.after_views);
  detail::add_refreshes(out, context);
  return out;
}

} // namespace

TargetDdl generate_target_ddl(const catalog::Catalog& catalog, const plan::TargetPlan& target) {
  detail::Context context(catalog, target);
  const auto order = detail::order_types_and_functions(context);
  TargetDdl ddl;
  ddl.target = target.name;
  ddl.pre_data = pre_data(context, order);
  ddl.post_data = post_data(context);
  detail::add_foreign_keys(ddl.foreign_keys, context);
  ddl.views = views(context, order);
  detail::add_row_security(ddl.access, context);
  detail::add_access(ddl.access, context);
  ddl.notes = context.notes();
  return ddl;
}

} // namespace pgsplit::schema
