#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <set>

namespace pgsplit::schema::detail {
namespace {

using catalog::ObjectKind;
using catalog::SchemaObject;

std::string quoted_name(const SchemaObject& object) {
  return pg::quote_qualified(object.name.schema, object.name.name);
}

std::string setting_or(const SchemaObject& object, std::string_view key, std::string fallback) {
  const auto* value = object.setting(key);
  return value != nullptr ? *value : std::move(fallback);
}

// "(key = value, …)": values of `literals` as string literals, an empty value as the bare key
// (HASHES), names and types as the catalog wrote them; `skip` keys are not listed.
std::string definition_list(const SchemaObject& object, const std::set<std::string>& literals,
                            const std::set<std::string>& skip = {}) {
  std::vector<std::string> items;
  for (const auto& [key, value] : object.settings) {
    if (skip.contains(key)) {
      continue;
    }
    if (value.empty()) {
      items.push_back(key);
    } else if (key == "COMMUTATOR" || key == "NEGATOR") {
      items.push_back(fmt::format("{} = OPERATOR({})", key, value));
    } else {
      items.push_back(
          fmt::format("{} = {}", key, literals.contains(key) ? pg::quote_literal(value) : value));
    }
  }
  return fmt::format("({})", fmt::join(items, ", "));
}

std::string operator_arguments(const SchemaObject& object) {
  return fmt::format("({}, {})", setting_or(object, "LEFTARG", "NONE"),
                     setting_or(object, "RIGHTARG", "NONE"));
}

std::string cast_sql(const SchemaObject& object) {
  const std::string method = setting_or(object, "method", "f");
  const std::string how = method == "b"   ? "WITHOUT FUNCTION"
                          : method == "i" ? "WITH INOUT"
                                          : "WITH FUNCTION " + setting_or(object, "function", "");
  const std::string context = setting_or(object, "context", "e");
  return fmt::format("CREATE CAST ({}) {}{}", object.name.name, how,
                     context == "a"   ? " AS ASSIGNMENT"
                     : context == "i" ? " AS IMPLICIT"
                                      : "");
}

std::string conversion_sql(const SchemaObject& object) {
  return fmt::format("CREATE {}CONVERSION {} FOR {} TO {} FROM {}",
                     object.setting("DEFAULT") != nullptr ? "DEFAULT " : "", quoted_name(object),
                     pg::quote_literal(setting_or(object, "FOR", "")),
                     pg::quote_literal(setting_or(object, "TO", "")),
                     setting_or(object, "FROM", ""));
}

// CREATE OPERATOR CLASS with every member CREATE OPERATOR CLASS gave it; always in its family
// (created before it), which is what an implicit family amounts to. A class whose members all
// belong to its family loosely (GiST, GIN and cross-type members since PostgreSQL 13) has
// nothing of its own to list: `STORAGE <its type>` says nothing new, and lets it be created
// (as pg_dump writes it).
std::string operator_class_sql(const SchemaObject& object) {
  std::vector<std::string> items = object.members;
  if (const auto* storage = object.setting("STORAGE")) {
    items.push_back("STORAGE " + *storage);
  } else if (items.empty()) {
    items.push_back("STORAGE " + setting_or(object, "FOR TYPE", ""));
  }
  return fmt::format("CREATE OPERATOR CLASS {}{} FOR TYPE {} USING {} FAMILY {} AS\n  {}",
                     quoted_name(object), object.setting("DEFAULT") != nullptr ? " DEFAULT" : "",
                     setting_or(object, "FOR TYPE", ""), setting_or(object, "USING", ""),
                     setting_or(object, "FAMILY", ""), fmt::join(items, ",\n  "));
}

std::string dictionary_sql(const SchemaObject& object) {
  std::string list = "TEMPLATE = " + setting_or(object, "TEMPLATE", "");
  if (const auto* options = object.setting("options")) {
    list += ", " + *options; // pg_ts_dict's text: "language = 'english', stopwords = …"
  }
  return fmt::format("CREATE TEXT SEARCH DICTIONARY {} ({})", quoted_name(object), list);
}

// The statement that creates `object` (the first of several for a family with loose members
// and a configuration with mappings: see add_object).
std::string create_sql(const SchemaObject& object) {
  switch (object.kind) {
  case ObjectKind::collation:
    return fmt::format("CREATE COLLATION {} {}", quoted_name(object),
                       definition_list(object, {"locale", "lc_collate", "lc_ctype", "rules"}));
  case ObjectKind::operator_:
    return fmt::format("CREATE OPERATOR {}.{} {}", pg::quote_ident(object.name.schema),
                       object.name.name, definition_list(object, {}));
  case ObjectKind::operator_family:
    return fmt::format("CREATE OPERATOR FAMILY {} USING {}", quoted_name(object),
                       setting_or(object, "USING", ""));
  case ObjectKind::operator_class:
    return operator_class_sql(object);
  case ObjectKind::cast:
    return cast_sql(object);
  case ObjectKind::text_search_parser:
    return fmt::format("CREATE TEXT SEARCH PARSER {} {}", quoted_name(object),
                       definition_list(object, {}));
  case ObjectKind::text_search_template:
    return fmt::format("CREATE TEXT SEARCH TEMPLATE {} {}", quoted_name(object),
                       definition_list(object, {}));
  case ObjectKind::text_search_dictionary:
    return dictionary_sql(object);
  case ObjectKind::text_search_configuration:
    return fmt::format("CREATE TEXT SEARCH CONFIGURATION {} {}", quoted_name(object),
                       definition_list(object, {}));
  case ObjectKind::conversion:
    return conversion_sql(object);
  default:
    return {};
  }
}

} // namespace

// How ALTER … OWNER TO and COMMENT ON name the object.
std::string object_sql(const SchemaObject& object) {
  const std::string kind = fmt::format("{}", catalog::to_string(object.kind));
  std::string upper;
  for (const char character : kind) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(character)));
  }
  switch (object.kind) {
  case ObjectKind::operator_:
    return fmt::format("OPERATOR {}.{} {}", pg::quote_ident(object.name.schema), object.name.name,
                       operator_arguments(object));
  case ObjectKind::operator_family:
  case ObjectKind::operator_class:
    return fmt::format("{} {} USING {}", upper, quoted_name(object),
                       setting_or(object, "USING", ""));
  case ObjectKind::cast:
    return fmt::format("CAST ({})", object.name.name);
  default:
    return fmt::format("{} {}", upper, quoted_name(object));
  }
}

// The CREATE statement built from the catalog's columns, then what completes it (a family's
// loose members, a configuration's mappings) and its comment. Owners come with the access
// phase (access_ddl.cpp).
void add_object(std::vector<Statement>& out, const SchemaObject& object) {
  const std::string what = fmt::format("{} {}", catalog::to_string(object.kind), object.readable());
  out.push_back(statement(create_sql(object), what));
  if (object.kind == ObjectKind::operator_family && !object.members.empty()) {
    out.push_back(
        statement(fmt::format("ALTER OPERATOR FAMILY {} USING {} ADD\n  {}", quoted_name(object),
                              setting_or(object, "USING", ""), fmt::join(object.members, ",\n  ")),
                  "members of " + what));
  }
  if (object.kind == ObjectKind::text_search_configuration) {
    for (const auto& mapping : object.members) {
      out.push_back(statement(fmt::format("ALTER TEXT SEARCH CONFIGURATION {} ADD MAPPING {}",
                                          quoted_name(object), mapping),
                              "mapping of " + what));
    }
  }
  add_comment(out, object_sql(object), what, object.comment);
}

} // namespace pgsplit::schema::detail
