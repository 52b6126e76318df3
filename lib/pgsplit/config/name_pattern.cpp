#include <pgsplit/config/glob.hpp>
#include <pgsplit/config/name_pattern.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <vector>

namespace pgsplit::config {
namespace {

struct Part {
  std::string text;
  bool quoted = false;
};

NamePatternParse failure(std::string error, std::string hint = {}) {
  return NamePatternParse{std::nullopt, std::move(error), std::move(hint)};
}

// Reads a quoted part starting at text[at] == '"'; on success leaves `at` after the closing
// quote. Returns false when the closing quote is missing.
bool read_quoted(std::string_view text, std::size_t& at, std::string& out) {
  for (++at; at < text.size(); ++at) {
    if (text[at] != '"') {
      out += text[at];
    } else if (at + 1 < text.size() && text[at + 1] == '"') {
      out += '"';
      ++at;
    } else {
      ++at;
      return true;
    }
  }
  return false;
}

// Splits the text on unquoted dots. Fills `error` (and `hint`) when the quoting is broken;
// the error quotes `written`.
std::vector<Part> split_parts(std::string_view text, std::string_view written, std::string& error,
                              std::string& hint) {
  std::vector<Part> parts;
  std::size_t at = 0;
  while (true) {
    Part part;
    if (at < text.size() && text[at] == '"') {
      part.quoted = true;
      if (!read_quoted(text, at, part.text)) {
        error = fmt::format("unbalanced quotes in '{}'", written);
        hint = "close the quoted part with \" (write \"\" for a quote inside it)";
        return {};
      }
      if (at < text.size() && text[at] != '.') {
        error = fmt::format("unexpected text after a closing quote in '{}'", written);
        hint = "a quoted part must be followed by a dot or the end of the name";
        return {};
      }
    } else {
      const std::size_t end = std::min(text.find('.', at), text.size());
      part.text = std::string(text.substr(at, end - at));
      at = end;
      if (part.text.find('"') != std::string::npos) {
        error = fmt::format("unbalanced quotes in '{}'", written);
        hint = "quote a whole part, doubling the quotes inside it: \"it\"\"s\"";
        return {};
      }
    }
    parts.push_back(std::move(part));
    if (at >= text.size()) {
      return parts;
    }
    ++at; // the dot
  }
}

} // namespace

bool NamePattern::has_glob() const {
  return has_glob_characters(name) || (schema && has_glob_characters(*schema));
}

bool NamePattern::matches(std::string_view table_schema, std::string_view table_name) const {
  return (!schema || glob_match(*schema, table_schema)) && glob_match(name, table_name);
}

std::string NamePattern::to_string() const {
  if (!schema) {
    return quote_name_part(name);
  }
  return fmt::format("{}.{}", quote_name_part(*schema), quote_name_part(name));
}

std::string quote_name_part(std::string_view part) {
  if (part.find_first_of(".\"") == std::string_view::npos) {
    return std::string(part);
  }
  std::string quoted = "\"";
  for (const char c : part) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + '"';
}

NamePatternParse try_parse_name_pattern(std::string_view text) {
  return try_parse_name_pattern(text, text);
}

NamePatternParse try_parse_name_pattern(std::string_view text, std::string_view written) {
  if (text.empty()) {
    return failure("empty table name");
  }
  std::string error;
  std::string hint;
  std::vector<Part> parts = split_parts(text, written, error, hint);
  if (!error.empty()) {
    return failure(std::move(error), std::move(hint));
  }
  if (parts.size() > 2) {
    return failure(fmt::format("more than one unquoted dot in '{}'", written),
                   "write [schema.]table, quoting a part that contains dots: \"a.b\".c");
  }
  if (parts.size() == 2 && parts[0].text.empty()) {
    return failure(fmt::format("empty schema name in '{}'", written));
  }
  if (parts.back().text.empty()) {
    return failure(fmt::format("empty table name in '{}'", written));
  }
  NamePattern pattern;
  pattern.name = std::move(parts.back().text);
  if (parts.size() == 2) {
    pattern.schema = std::move(parts[0].text);
  }
  return NamePatternParse{std::move(pattern), {}, {}};
}

NamePattern parse_name_pattern(std::string_view text) {
  NamePatternParse parsed = try_parse_name_pattern(text);
  if (!parsed.pattern) {
    throw core::ConfigError(core::Diagnostic{{}, std::move(parsed.error), std::move(parsed.hint)});
  }
  return std::move(*parsed.pattern);
}

} // namespace pgsplit::config
