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

using ColumnNames = std::map<std::string, std::string>;

const std::string* renamed(const ColumnNames* columns, const Token& token) {
  if (columns == nullptr || !token.is_identifier()) {
    return nullptr;
  }
  const auto found = columns->find(token.value);
  return found == columns->end() ? nullptr : &found->second;
}

// tokens[index] is a column reference: not a function name, not the qualifier of a dotted name.
bool is_column_position(const std::vector<Token>& tokens, std::size_t index) {
  const auto after = next_significant(tokens, index);
  return !after || !(tokens[*after].is_symbol('(') || tokens[*after].is_symbol('.'));
}

// tokens[index] follows `::`: a type name, not a column ("date >= '2000-01-01'::date").
bool after_cast(const std::vector<Token>& tokens, std::size_t index) {
  const auto colon = previous_significant(tokens, index);
  return colon && *colon > 0 && tokens[*colon].is_symbol(':') && tokens[*colon - 1].is_symbol(':');
}

// Replaces tokens by new text, in order.
std::string replace_tokens(std::string_view sql, const std::vector<Token>& tokens,
                           const std::vector<std::pair<std::size_t, std::string>>& replacements) {
  std::string out;
  std::size_t copied = 0;
  for (const auto& [index, text] : replacements) {
    out.append(sql.substr(copied, tokens[index].begin - copied));
    out += text;
    copied = tokens[index].end;
  }
  out.append(sql.substr(copied));
  return out;
}

} // namespace

void Renames::set_columns(const catalog::QualifiedName& table, ColumnNames columns) {
  if (columns.empty()) {
    columns_.erase(table);
  } else {
    columns_.insert_or_assign(table, std::move(columns));
  }
}

std::string Renames::rename_columns(const catalog::QualifiedName& table,
                                    std::string_view sql) const {
  const auto own_entry = columns_.find(table);
  if (columns_.empty()) {
    return std::string(sql);
  }
  const ColumnNames* own = own_entry == columns_.end() ? nullptr : &own_entry->second;
  const auto tokens = tokenize(sql);
  std::vector<std::pair<std::size_t, std::string>> replacements;
  // Inside REFERENCES t( … ) the columns are t's: renamed by t's renames only (none when t
  // keeps its columns), never by this table's.
  bool in_references = false;
  const ColumnNames* referenced = nullptr;
  int depth = 0;
  for (std::size_t index = 0; index < tokens.size(); ++index) {
    const Token& token = tokens[index];
    if (token.is_keyword("references")) {
      const auto name = next_significant(tokens, index);
      if (name && starts_qualified_name(tokens, *name)) {
        const auto found = columns_.find({tokens[*name].value, tokens[*name + 2].value});
        referenced = found == columns_.end() ? nullptr : &found->second;
        const auto list = next_significant(tokens, *name + 2);
        in_references = list && tokens[*list].is_symbol('(');
        index = *name + 2;
        depth = 0;
      }
      continue;
    }
    if (in_references && token.is_symbol('(')) {
      ++depth;
    } else if (in_references && token.is_symbol(')') && --depth <= 0) {
      in_references = false;
    } else if (in_references && depth > 0) {
      if (const auto* name = renamed(referenced, token)) {
        replacements.emplace_back(index, pg::quote_ident(*name));
      }
    } else if (const auto* name = renamed(own, token);
               name && is_column_position(tokens, index) && !after_cast(tokens, index)) {
      const auto before = previous_significant(tokens, index);
      bool own_column = !before || !tokens[*before].is_symbol('.');
      if (!own_column) { // x.column: only NEW, OLD or the table itself
        const auto qualifier = previous_significant(tokens, *before);
        own_column =
            qualifier &&
            (tokens[*qualifier].is_keyword("new") || tokens[*qualifier].is_keyword("old") ||
             (tokens[*qualifier].is_identifier() && tokens[*qualifier].value == table.name &&
              !(*qualifier > 0 && is_dot(tokens, *qualifier - 1))));
      }
      if (own_column) {
        replacements.emplace_back(index, pg::quote_ident(*name));
      }
    }
  }
  return replace_tokens(sql, tokens, replacements);
}

std::string Renames::rename_view_columns(std::string_view sql) const {
  if (columns_.empty()) {
    return std::string(sql);
  }
  const auto tokens = tokenize(sql);
  std::map<std::string, const ColumnNames*> aliases;
  for (std::size_t index = 0; index < tokens.size(); ++index) {
    if (!starts_qualified_name(tokens, index) || !in_from_list(tokens, index)) {
      continue;
    }
    const auto found = columns_.find({tokens[index].value, tokens[index + 2].value});
    if (found == columns_.end()) {
      continue;
    }
    std::string alias = tokens[index + 2].value;
    if (alias_follows(tokens, index + 2)) {
      auto after = next_significant(tokens, index + 2);
      if (tokens[*after].is_keyword("as")) {
        after = next_significant(tokens, *after);
      }
      if (after && tokens[*after].is_identifier()) {
        alias = tokens[*after].value;
      }
    }
    aliases[alias] = &found->second;
  }
  std::vector<std::pair<std::size_t, std::string>> replacements;
  for (std::size_t index = 2; index < tokens.size(); ++index) {
    if (!tokens[index].is_identifier() || !is_dot(tokens, index - 1) ||
        !tokens[index - 2].is_identifier() || (index > 2 && is_dot(tokens, index - 3))) {
      continue;
    }
    const auto alias = aliases.find(tokens[index - 2].value);
    if (alias == aliases.end() || !is_column_position(tokens, index)) {
      continue;
    }
    if (const auto* name = renamed(alias->second, tokens[index])) {
      replacements.emplace_back(index, pg::quote_ident(*name));
    }
  }
  return replace_tokens(sql, tokens, replacements);
}

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

std::string Renames::rewrite_view(std::string_view sql) const {
  return rewrite_text(rename_view_columns(sql), true);
}

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
