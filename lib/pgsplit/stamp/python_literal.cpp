#include <pgsplit/stamp/python_literal.hpp>

namespace pgsplit::stamp {
namespace {

class LiteralParser {
public:
  explicit LiteralParser(std::string_view text) : text_(text) {
    while (!text_.empty() &&
           (text_.back() == ' ' || text_.back() == '\t' || text_.back() == '\r')) {
      text_.remove_suffix(1);
    }
  }
  std::optional<PythonLiteral> parse();

private:
  void skip_spaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  std::optional<std::string> string();
  std::optional<std::string> string_piece();

  std::string_view text_;
  std::size_t pos_ = 0;
};

// One quoted piece with its optional prefix. Escapes matter little for revision ids, but a
// backslash must never end the string early.
std::optional<std::string> LiteralParser::string_piece() {
  bool raw = false;
  for (; pos_ < text_.size() && text_[pos_] != '\'' && text_[pos_] != '"'; ++pos_) {
    const char c = text_[pos_];
    if (c != 'r' && c != 'R' && c != 'u' && c != 'U') {
      return std::nullopt; // b'' (bytes), f'' (computed) or not a string at all
    }
    raw = raw || c == 'r' || c == 'R';
  }
  if (pos_ >= text_.size()) {
    return std::nullopt;
  }
  const char quote = text_[pos_];
  const std::string closing(text_.substr(pos_, 3) == std::string(3, quote) ? 3 : 1, quote);
  pos_ += closing.size();
  std::string value;
  while (pos_ < text_.size() && text_.substr(pos_, closing.size()) != closing) {
    if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
      const char next = text_[pos_ + 1];
      const bool simple_escape = !raw && (next == '\\' || next == '\'' || next == '"');
      if (!simple_escape) {
        value.push_back('\\');
      }
      value.push_back(next);
      pos_ += 2;
      continue;
    }
    value.push_back(text_[pos_++]);
  }
  if (pos_ >= text_.size()) {
    return std::nullopt; // unterminated
  }
  pos_ += closing.size();
  return value;
}

std::optional<std::string> LiteralParser::string() {
  std::optional<std::string> value = string_piece();
  skip_spaces();
  while (value && pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ')' &&
         text_[pos_] != ']') {
    auto piece = string_piece(); // 'a' 'b' is one string in Python
    if (!piece) {
      return std::nullopt;
    }
    value->append(*piece);
    skip_spaces();
  }
  return value;
}

std::optional<PythonLiteral> LiteralParser::parse() {
  skip_spaces();
  if (text_.substr(pos_) == "None") {
    return PythonLiteral{};
  }
  const char open = at('(') ? '(' : at('[') ? '[' : '\0';
  const char close = open == '(' ? ')' : ']';
  pos_ += open != '\0' ? 1 : 0;
  std::vector<std::string> items;
  bool comma = false;
  for (skip_spaces(); pos_ < text_.size() && !at(close); skip_spaces()) {
    auto item = string();
    if (!item) {
      return std::nullopt;
    }
    items.push_back(std::move(*item));
    if (!at(',')) {
      break;
    }
    comma = true;
    ++pos_;
  }
  if (open != '\0' && !at(close)) {
    return std::nullopt;
  }
  pos_ += open != '\0' ? 1 : 0;
  skip_spaces();
  if (pos_ != text_.size() || (open == '\0' && items.empty())) {
    return std::nullopt;
  }
  // ('a') is a string in parentheses; ('a',), ['a'] and 'a', are sequences.
  if (items.size() == 1 && !comma && open != '[') {
    return PythonLiteral{PythonLiteral::Kind::string, std::move(items)};
  }
  return PythonLiteral{PythonLiteral::Kind::sequence, std::move(items)};
}

} // namespace

std::optional<PythonLiteral> parse_python_literal(std::string_view expression) {
  return LiteralParser(expression).parse();
}

} // namespace pgsplit::stamp
