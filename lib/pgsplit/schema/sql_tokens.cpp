#include <pgsplit/schema/sql_tokens.hpp>

#include <algorithm>

namespace pgsplit::schema::detail {
namespace {

bool is_word_start(char character) {
  const auto byte = static_cast<unsigned char>(character);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || byte == '_' ||
         byte >= 0x80;
}

bool is_word_part(char character) {
  const auto byte = static_cast<unsigned char>(character);
  return is_word_start(character) || (byte >= '0' && byte <= '9') || byte == '$';
}

bool is_digit(char character) { return character >= '0' && character <= '9'; }

bool is_space(char character) {
  return character == ' ' || character == '\t' || character == '\n' || character == '\r' ||
         character == '\f' || character == '\v';
}

// PostgreSQL folds only ASCII letters of bare identifiers (multi-byte text is left alone).
std::string fold_lower(std::string_view word) {
  std::string folded(word);
  for (char& character : folded) {
    if (character >= 'A' && character <= 'Z') {
      character = static_cast<char>(character - 'A' + 'a');
    }
  }
  return folded;
}

class Scanner {
public:
  explicit Scanner(std::string_view sql) : sql_(sql) {}

  std::vector<Token> run() {
    while (position_ < sql_.size()) {
      tokens_.push_back(next());
    }
    return std::move(tokens_);
  }

private:
  char at(std::size_t offset) const {
    return position_ + offset < sql_.size() ? sql_[position_ + offset] : '\0';
  }

  Token make(TokenKind kind, std::size_t begin, std::string value = {}) const {
    return {kind, begin, position_, std::move(value)};
  }

  Token next() {
    const std::size_t begin = position_;
    const char first = at(0);
    if (is_space(first)) {
      while (position_ < sql_.size() && is_space(sql_[position_])) {
        ++position_;
      }
      return make(TokenKind::space, begin);
    }
    if (first == '-' && at(1) == '-') {
      const auto end = sql_.find('\n', position_);
      position_ = end == std::string_view::npos ? sql_.size() : end;
      return make(TokenKind::comment, begin);
    }
    if (first == '/' && at(1) == '*') {
      skip_block_comment();
      return make(TokenKind::comment, begin);
    }
    if (first == '"') {
      return make(TokenKind::quoted, begin, skip_quoted('"'));
    }
    if (first == '\'') {
      skip_quoted('\'');
      return make(TokenKind::literal, begin);
    }
    if (first == '$') {
      return dollar(begin);
    }
    if (is_digit(first)) {
      while (position_ < sql_.size() && (is_word_part(sql_[position_]) || sql_[position_] == '.')) {
        ++position_;
      }
      return make(TokenKind::number, begin);
    }
    if (is_word_start(first)) {
      return word(begin);
    }
    ++position_;
    return make(TokenKind::symbol, begin, std::string(1, first));
  }

  // A word, or the prefix of a literal: E'…' (backslash escapes), B'…', X'…', N'…', U&'…'.
  Token word(std::size_t begin) {
    const char first = at(0);
    const bool one_letter = !is_word_part(at(1));
    if (one_letter && at(1) == '\'') {
      ++position_;
      const bool escapes = first == 'e' || first == 'E';
      escapes ? skip_escape_string() : static_cast<void>(skip_quoted('\''));
      return make(TokenKind::literal, begin);
    }
    if ((first == 'u' || first == 'U') && at(1) == '&' && (at(2) == '\'' || at(2) == '"')) {
      position_ += 2;
      skip_quoted(at(0)); // Unicode escapes are not decoded: such a name is never matched
      return make(TokenKind::literal, begin);
    }
    while (position_ < sql_.size() && is_word_part(sql_[position_])) {
      ++position_;
    }
    return make(TokenKind::word, begin, fold_lower(sql_.substr(begin, position_ - begin)));
  }

  // $1 (a parameter), $tag$…$tag$ (a dollar-quoted literal), or a lone $.
  Token dollar(std::size_t begin) {
    if (is_digit(at(1))) {
      ++position_;
      while (position_ < sql_.size() && is_digit(sql_[position_])) {
        ++position_;
      }
      return make(TokenKind::number, begin);
    }
    std::size_t tag_end = position_ + 1;
    if (tag_end < sql_.size() && is_word_start(sql_[tag_end])) {
      while (tag_end < sql_.size() && is_word_part(sql_[tag_end]) && sql_[tag_end] != '$') {
        ++tag_end;
      }
    }
    if (tag_end >= sql_.size() || sql_[tag_end] != '$') {
      ++position_;
      return make(TokenKind::symbol, begin, "$");
    }
    const std::string_view tag = sql_.substr(position_, tag_end - position_ + 1);
    const auto close = sql_.find(tag, tag_end + 1);
    position_ = close == std::string_view::npos ? sql_.size() : close + tag.size();
    return make(TokenKind::literal, begin);
  }

  // From an opening quote to its closing one, a doubled quote standing for itself; returns
  // the text in between with the doubling undone.
  std::string skip_quoted(char quote) {
    std::string value;
    ++position_;
    while (position_ < sql_.size()) {
      const char character = sql_[position_++];
      if (character != quote) {
        value.push_back(character);
      } else if (at(0) == quote) {
        value.push_back(quote);
        ++position_;
      } else {
        break;
      }
    }
    return value;
  }

  void skip_escape_string() {
    ++position_; // the opening quote
    while (position_ < sql_.size()) {
      const char character = sql_[position_++];
      if (character == '\\') {
        ++position_;
      } else if (character == '\'') {
        if (at(0) != '\'') {
          break;
        }
        ++position_;
      }
    }
    position_ = std::min(position_, sql_.size());
  }

  void skip_block_comment() {
    int depth = 0;
    while (position_ < sql_.size()) {
      if (at(0) == '/' && at(1) == '*') {
        ++depth;
        position_ += 2;
      } else if (at(0) == '*' && at(1) == '/') {
        position_ += 2;
        if (--depth == 0) {
          return;
        }
      } else {
        ++position_;
      }
    }
  }

  std::string_view sql_;
  std::size_t position_ = 0;
  std::vector<Token> tokens_;
};

} // namespace

std::vector<Token> tokenize(std::string_view sql) { return Scanner(sql).run(); }

} // namespace pgsplit::schema::detail
