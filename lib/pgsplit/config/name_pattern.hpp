#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pgsplit::config {

// A table name or glob from the mapping file, optionally schema-qualified. Names are exact and
// case-sensitive (no SQL case folding); `*` and `?` are globs in both parts.
struct NamePattern {
  std::optional<std::string> schema; // unset: any schema the source includes
  std::string name;

  bool has_glob() const;
  // Whether the table `schema`.`table` is selected by this pattern.
  bool matches(std::string_view table_schema, std::string_view table_name) const;
  // The short form, quoting the parts that need it; parses back to the same pattern.
  std::string to_string() const;

  friend bool operator==(const NamePattern&, const NamePattern&) = default;
};

// The outcome of parsing a short-form name: a pattern, or what is wrong with the text.
struct NamePatternParse {
  std::optional<NamePattern> pattern;
  std::string error; // e.g. "unbalanced quotes in '\"a.b'"; empty on success
  std::string hint;
};

// Parses `[schema.]name` where a part may be written in double quotes (`""` for a quote) so
// that it can contain dots: `users`, `public.tmp_*`, `"a.b"."c"`.
NamePatternParse try_parse_name_pattern(std::string_view text);
// The same, quoting `written` in the error instead of `text`: the value as written in the
// mapping file, before `${VAR}` expansion, so that no variable's value is ever shown.
NamePatternParse try_parse_name_pattern(std::string_view text, std::string_view written);

// The same, throwing core::ConfigError (without a location) when the text is not valid.
NamePattern parse_name_pattern(std::string_view text);

// One part as written in the short form: quoted when it contains a dot or a double quote.
std::string quote_name_part(std::string_view part);

} // namespace pgsplit::config
