#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgsplit::schema::detail {
namespace {

bool is_materialized(const catalog::View& view) {
  return view.kind == catalog::ViewKind::materialized_view;
}

// pg_get_viewdef ends its SELECT with a semicolon; the statement must not.
std::string select_text(const std::string& definition) {
  std::string text = definition;
  while (!text.empty() && (text.back() == ';' || text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

void add_view(std::vector<Statement>& out, Context& context, const catalog::View& view) {
  const std::string name = pg::quote_qualified(view.name.schema, view.name.name);
  const std::string readable = view.name.to_string();
  const std::string select = select_text(view.definition);
  const std::string renamed = context.renames().rewrite_view(select);
  if (renamed != select) {
    context.note(fmt::format("view {} reads renamed tables: created with its references "
                             "rewritten to their new names",
                             readable));
  }
  const bool materialized = is_materialized(view);
  const std::string kind = materialized ? "MATERIALIZED VIEW" : "VIEW";
  // reloptions: security_barrier, security_invoker, check_option; fillfactor … of a
  // materialized view. Values from the source's catalog, where PostgreSQL validated them.
  const std::string options = view.options.empty()
                                  ? std::string()
                                  : fmt::format(" WITH ({})", fmt::join(view.options, ", "));
  out.push_back(statement(fmt::format("CREATE {} {}{} AS\n{}{}", kind, name, options, renamed,
                                      materialized ? "\nWITH NO DATA" : ""),
                          (materialized ? "materialized view " : "view ") + readable));
  add_comment(out, kind + " " + name, "view " + readable, view.comment);
  for (const auto& [column, comment] : view.column_comments) {
    add_comment(out, fmt::format("COLUMN {}.{}", name, pg::quote_ident(column)),
                fmt::format("column {}.{}", readable, column), comment);
  }
  for (const auto& index : view.indexes) {
    out.push_back(statement(context.renames().rewrite(index.definition), "index " + index.name));
    add_comment(out, "INDEX " + pg::quote_qualified(view.name.schema, index.name),
                "index " + index.name, index.comment);
  }
}

} // namespace

// Views and materialized views in the plan's (dependency) order. A view that reads a renamed
// table is created with its references rewritten (rename.hpp): the table gets its old name as
// alias, so the rest of the view text stays valid. Materialized views are created empty and
// indexed here; add_refreshes fills them once everything else exists.
void add_views(std::vector<Statement>& out, Context& context) {
  for (const catalog::Oid oid : context.target().views) {
    if (const auto* view = context.catalog().find_view(oid)) {
      add_view(out, context, *view);
    }
  }
}

void add_refreshes(std::vector<Statement>& out, const Context& context) {
  for (const catalog::Oid oid : context.target().views) {
    const auto* view = context.catalog().find_view(oid);
    // One the source keeps unpopulated (WITH NO DATA, never refreshed) stays so.
    if (view != nullptr && is_materialized(*view) && view->populated) {
      out.push_back(statement("REFRESH MATERIALIZED VIEW " +
                                  pg::quote_qualified(view->name.schema, view->name.name),
                              "refresh of materialized view " + view->name.to_string()));
    }
  }
}

} // namespace pgsplit::schema::detail
