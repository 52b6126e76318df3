#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

namespace pgsplit::schema::detail {
namespace {

std::string trim_end(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t' ||
                           text.back() == '\r' || text.back() == ';')) {
    text.pop_back();
  }
  return text;
}

} // namespace

// pg_get_functiondef's text as is: CREATE OR REPLACE with every attribute (language,
// volatility, SET clauses, SECURITY DEFINER …). Its body is the source's text: names in it are
// not rewritten, so a function that names a renamed table must be fixed by hand (noted in
// docs/schema.md). Aggregates have no definition in the catalog model: they are left out.
void add_function(std::vector<Statement>& out, Context& context,
                  const catalog::Function& function) {
  const std::string readable =
      fmt::format("{}({})", function.name.to_string(), function.identity_arguments);
  if (function.kind == 'a' || function.definition.empty()) {
    context.note(fmt::format("aggregate {} is not created: create it by hand before the views "
                             "that use it",
                             readable));
    return;
  }
  const bool procedure = function.kind == 'p';
  out.push_back(statement(trim_end(function.definition),
                          fmt::format("{} {}", procedure ? "procedure" : "function", readable)));
  add_comment(out,
              fmt::format("{} {}({})", procedure ? "PROCEDURE" : "FUNCTION",
                          pg::quote_qualified(function.name.schema, function.name.name),
                          function.identity_arguments),
              "function " + readable, function.comment);
}

} // namespace pgsplit::schema::detail
