#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/quote.hpp>

namespace pgsplit::pg {
namespace {

std::string quote_with(std::string_view text, char quote) {
  if (text.find('\0') != std::string_view::npos) {
    throw core::Error("a name or value contains a NUL byte, which PostgreSQL does not allow");
  }
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted.push_back(quote);
  for (const char character : text) {
    if (character == quote) {
      quoted.push_back(quote);
    }
    quoted.push_back(character);
  }
  quoted.push_back(quote);
  return quoted;
}

} // namespace

std::string quote_ident(std::string_view name) { return quote_with(name, '"'); }

std::string quote_qualified(std::string_view schema, std::string_view name) {
  return quote_ident(schema) + "." + quote_ident(name);
}

std::string quote_literal(std::string_view text) { return quote_with(text, '\''); }

} // namespace pgsplit::pg
