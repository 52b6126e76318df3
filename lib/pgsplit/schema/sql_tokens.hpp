#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Internal to DDL generation: splitting definition text (pg_get_*def output) into tokens, far
// enough to tell identifiers from string literals, dollar-quoted bodies and comments. Used to
// rewrite the names of renamed tables without ever touching text inside a literal.
namespace pgsplit::schema::detail {

enum class TokenKind {
  space,   // whitespace
  comment, // -- … or /* … */ (nested)
  word,    // bare identifier or keyword
  quoted,  // "quoted identifier"
  literal, // '…', E'…', B'…', X'…', U&'…', $tag$…$tag$, and U&"…" (not decoded)
  number,  // 42, 1.5e3, $1
  symbol,  // any other single character
};

struct Token {
  TokenKind kind = TokenKind::symbol;
  std::size_t begin = 0; // offsets into the text: [begin, end)
  std::size_t end = 0;
  // word: folded to lower case as PostgreSQL does; quoted: the name with "" undone;
  // symbol: the character; otherwise empty.
  std::string value;

  bool is_identifier() const { return kind == TokenKind::word || kind == TokenKind::quoted; }
  bool is_symbol(char character) const {
    return kind == TokenKind::symbol && value.size() == 1 && value[0] == character;
  }
  // A bare keyword, compared in lower case ("from"); a quoted identifier never is one.
  bool is_keyword(std::string_view keyword) const {
    return kind == TokenKind::word && value == keyword;
  }
  bool is_significant() const { return kind != TokenKind::space && kind != TokenKind::comment; }
};

// Every token of `sql`, covering it without gaps. Unterminated quotes or comments run to the
// end of the text (the server rejects such text anyway; here it only must not be rewritten).
std::vector<Token> tokenize(std::string_view sql);

} // namespace pgsplit::schema::detail
