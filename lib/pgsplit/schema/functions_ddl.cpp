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

std::string_view modify_word(char modify) {
  switch (modify) {
  case 's':
    return "SHAREABLE";
  case 'w':
    return "READ_WRITE";
  default:
    return "READ_ONLY";
  }
}

// The list in parentheses after CREATE AGGREGATE name(arguments), from pg_aggregate's columns.
// Every modify setting is written, so no version's default matters.
std::vector<std::string> aggregate_options(const catalog::Aggregate& aggregate) {
  std::vector<std::string> items{"SFUNC = " + aggregate.transition,
                                 "STYPE = " + aggregate.state_type};
  const auto add = [&items](std::string_view key, const std::optional<std::string>& value) {
    if (value) {
      items.push_back(fmt::format("{} = {}", key, *value));
    }
  };
  if (aggregate.state_space != 0) {
    items.push_back(fmt::format("SSPACE = {}", aggregate.state_space));
  }
  add("FINALFUNC", aggregate.final_function);
  if (aggregate.final_extra) {
    items.emplace_back("FINALFUNC_EXTRA");
  }
  items.push_back(fmt::format("FINALFUNC_MODIFY = {}", modify_word(aggregate.final_modify)));
  add("COMBINEFUNC", aggregate.combine_function);
  add("SERIALFUNC", aggregate.serial_function);
  add("DESERIALFUNC", aggregate.deserial_function);
  if (aggregate.initial_condition) {
    items.push_back("INITCOND = " + pg::quote_literal(*aggregate.initial_condition));
  }
  add("MSFUNC", aggregate.moving_transition);
  add("MINVFUNC", aggregate.moving_inverse);
  add("MSTYPE", aggregate.moving_state_type);
  if (aggregate.moving_state_space != 0) {
    items.push_back(fmt::format("MSSPACE = {}", aggregate.moving_state_space));
  }
  add("MFINALFUNC", aggregate.moving_final_function);
  if (aggregate.moving_final_extra) {
    items.emplace_back("MFINALFUNC_EXTRA");
  }
  if (aggregate.moving_transition) {
    items.push_back(
        fmt::format("MFINALFUNC_MODIFY = {}", modify_word(aggregate.moving_final_modify)));
  }
  if (aggregate.moving_initial_condition) {
    items.push_back("MINITCOND = " + pg::quote_literal(*aggregate.moving_initial_condition));
  }
  add("SORTOP", aggregate.sort_operator);
  if (aggregate.parallel == 's' || aggregate.parallel == 'r') {
    items.push_back(aggregate.parallel == 's' ? "PARALLEL = SAFE" : "PARALLEL = RESTRICTED");
  }
  if (aggregate.kind == 'h') {
    items.emplace_back("HYPOTHETICAL");
  }
  return items;
}

// An aggregate's arguments as CREATE/COMMENT ON AGGREGATE write them: "*" when it has none.
std::string aggregate_arguments(const std::string& arguments) {
  return arguments.empty() ? "*" : arguments;
}

void add_aggregate(std::vector<Statement>& out, const catalog::Function& function,
                   const std::string& readable) {
  const auto& aggregate = *function.aggregate;
  const std::string name = pg::quote_qualified(function.name.schema, function.name.name);
  out.push_back(statement(fmt::format("CREATE AGGREGATE {}({}) (\n  {}\n)", name,
                                      aggregate_arguments(aggregate.arguments),
                                      fmt::join(aggregate_options(aggregate), ",\n  ")),
                          "aggregate " + readable));
  add_comment(
      out, fmt::format("AGGREGATE {}({})", name, aggregate_arguments(function.identity_arguments)),
      "aggregate " + readable, function.comment);
}

} // namespace

// pg_get_functiondef's text as is: CREATE OR REPLACE with every attribute (language,
// volatility, SET clauses, SECURITY DEFINER …). Its body is the source's text: names in it are
// not rewritten, so a function that names a renamed table must be fixed by hand (noted in
// docs/schema.md). Aggregates are built from pg_aggregate (CREATE AGGREGATE); one whose
// details were not read is left out with a note.
void add_function(std::vector<Statement>& out, Context& context,
                  const catalog::Function& function) {
  const std::string readable =
      fmt::format("{}({})", function.name.to_string(), function.identity_arguments);
  if (function.kind == 'a' && function.aggregate) {
    add_aggregate(out, function, readable);
    return;
  }
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
