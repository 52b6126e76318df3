#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/rename.hpp>
#include <pgsplit/schema/sql_tokens.hpp>

#include <array>
#include <optional>

namespace pgsplit::schema::detail {
namespace {

// Index of the nearest significant token before / after `index`, if any.
std::optional<std::size_t> previous_significant(const std::vector<Token>& tokens,
                                                std::size_t index) {
  while (index > 0) {
    --index;
    if (tokens[index].is_significant()) {
      return index;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> next_significant(const std::vector<Token>& tokens, std::size_t index) {
  for (++index; index < tokens.size(); ++index) {
    if (tokens[index].is_significant()) {
      return index;
    }
  }
  return std::nullopt;
}

bool is_dot(const std::vector<Token>& tokens, std::size_t index) {
  return index < tokens.size() && tokens[index].is_symbol('.');
}

// tokens[index] starts `identifier.identifier`, not preceded or followed by another dot.
bool starts_qualified_name(const std::vector<Token>& tokens, std::size_t index) {
  return index + 2 < tokens.size() && tokens[index].is_identifier() && is_dot(tokens, index + 1) &&
         tokens[index + 2].is_identifier() && (index == 0 || !is_dot(tokens, index - 1)) &&
         !is_dot(tokens, index + 3);
}

// `schema.name(`: a function call, unless it is the referenced table of a foreign key.
bool is_function_call(const std::vector<Token>& tokens, std::size_t index) {
  if (index + 3 >= tokens.size() || !tokens[index + 3].is_symbol('(')) {
    return false;
  }
  const auto before = previous_significant(tokens, index);
  return !before || !tokens[*before].is_keyword("references");
}

// A table reference in a FROM list: what ruleutils writes right before one.
bool in_from_list(const std::vector<Token>& tokens, std::size_t index) {
  const auto before = previous_significant(tokens, index);
  if (!before) {
    return false;
  }
  const Token& token = tokens[*before];
  return token.is_keyword("from") || token.is_keyword("join") || token.is_keyword("only") ||
         token.is_symbol(',') || token.is_symbol('(');
}

// Whether an alias follows the table reference ending at `last`. ruleutils writes an alias
// right after the name; every keyword that may follow a FROM item without an alias is reserved
// (quote_identifier quotes it when it is an alias), so a bare word not listed here is an alias.
bool alias_follows(const std::vector<Token>& tokens, std::size_t last) {
  static constexpr std::array<std::string_view, 24> clause_keywords = {
      "where", "group", "having",    "window", "order", "limit",       "offset",    "fetch",
      "for",   "union", "intersect", "except", "join",  "left",        "right",     "full",
      "inner", "cross", "natural",   "on",     "using", "tablesample", "returning", "with"};
  const auto after = next_significant(tokens, last);
  if (!after) {
    return false;
  }
  const Token& token = tokens[*after];
  if (token.kind == TokenKind::quoted) {
    return true;
  }
  if (token.kind != TokenKind::word) {
    return false;
  }
  for (const auto keyword : clause_keywords) {
    if (token.value == keyword) {
      return false;
    }
  }
  return true; // an alias, or AS before one
}

} // namespace

void Renames::set(const catalog::QualifiedName& from, const catalog::QualifiedName& to) {
  if (from == to) {
    names_.erase(from);
  } else {
    names_.insert_or_assign(from, to);
  }
}

const catalog::QualifiedName* Renames::find(const catalog::QualifiedName& source) const {
  const auto found = names_.find(source);
  return found == names_.end() ? nullptr : &found->second;
}

std::string Renames::rewrite(std::string_view sql) const { return rewrite_text(sql, false); }

std::string Renames::rewrite_view(std::string_view sql) const { return rewrite_text(sql, true); }

std::string Renames::rewrite_text(std::string_view sql, bool keep_aliases) const {
  if (names_.empty()) {
    return std::string(sql);
  }
  const auto tokens = tokenize(sql);
  std::string out;
  std::size_t copied = 0; // text before this offset is already in `out`
  for (std::size_t index = 0; index < tokens.size(); ++index) {
    if (!starts_qualified_name(tokens, index)) {
      continue;
    }
    const catalog::QualifiedName source{tokens[index].value, tokens[index + 2].value};
    const auto* target = find(source);
    if (target == nullptr || is_function_call(tokens, index)) {
      continue;
    }
    out.append(sql.substr(copied, tokens[index].begin - copied));
    out += pg::quote_qualified(target->schema, target->name);
    if (keep_aliases && target->name != source.name && in_from_list(tokens, index) &&
        !alias_follows(tokens, index + 2)) {
      out += " " + pg::quote_ident(source.name);
    }
    copied = tokens[index + 2].end;
    index += 2;
  }
  out.append(sql.substr(copied));
  return out;
}

} // namespace pgsplit::schema::detail
