#include <pgsplit/stamp/python_assignments.hpp>

#include <cctype>
#include <optional>

namespace pgsplit::stamp {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r'; }
bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// Splits a source into logical lines (Python's statements), the way its tokenizer does.
class LineSplitter {
public:
  explicit LineSplitter(std::string_view source) : src_(source) {}

  std::vector<PythonAssignment> assignments();
  std::vector<PythonAssignment> class_assignments(std::string_view class_name);

private:
  void split();

  struct Statement {
    int line = 0;
    bool at_column0 = false;
    std::string text;
  };

  void step();
  void copy_string(char quote);
  void finish_statement();

  std::string_view src_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int depth_ = 0; // open brackets: a newline inside them does not end the statement
  std::optional<Statement> current_;
  std::vector<Statement> statements_;
};

void LineSplitter::step() {
  const char c = src_[pos_];
  if (!current_) {
    current_ = Statement{line_, !is_space(c) && c != '\n', {}};
  }
  std::string& text = current_->text;
  if (c == '#') {
    while (pos_ < src_.size() && src_[pos_] != '\n') {
      ++pos_;
    }
  } else if (c == '"' || c == '\'') {
    copy_string(c);
  } else if (c == '\\' &&
             (src_.substr(pos_ + 1, 1) == "\n" || src_.substr(pos_ + 1, 2) == "\r\n")) {
    // A backslash line continuation: the statement goes on.
    pos_ = src_.find('\n', pos_) + 1;
    ++line_;
    text.push_back(' ');
  } else if (c == '\n') {
    ++pos_;
    ++line_;
    if (depth_ == 0) {
      finish_statement();
    } else {
      text.push_back(' ');
    }
  } else {
    if (c == '(' || c == '[' || c == '{') {
      ++depth_;
    } else if ((c == ')' || c == ']' || c == '}') && depth_ > 0) {
      --depth_;
    }
    if (c != '\r') {
      text.push_back(c);
    }
    ++pos_;
  }
}

// Copies a string literal verbatim, so that quotes, '#' and newlines inside it are not read
// as syntax. An unterminated one-line string ends at the end of its line.
void LineSplitter::copy_string(char quote) {
  const std::string closing(src_.substr(pos_, 3) == std::string(3, quote) ? 3 : 1, quote);
  std::string& text = current_->text;
  text.append(closing);
  pos_ += closing.size();
  while (pos_ < src_.size()) {
    const char c = src_[pos_];
    if (src_.substr(pos_, closing.size()) == closing) {
      text.append(closing);
      pos_ += closing.size();
      return;
    }
    if (c == '\n' && closing.size() == 1) {
      return;
    }
    const std::size_t width = (c == '\\' && pos_ + 1 < src_.size()) ? 2 : 1;
    for (std::size_t i = 0; i < width; ++i) {
      line_ += src_[pos_ + i] == '\n' ? 1 : 0;
    }
    text.append(src_.substr(pos_, width));
    pos_ += width;
  }
}

void LineSplitter::finish_statement() {
  if (current_ && !trim(current_->text).empty()) {
    statements_.push_back(std::move(*current_));
  }
  current_.reset();
}

std::optional<PythonAssignment> as_assignment(std::string_view text, int line) {
  std::size_t i = 0;
  while (i < text.size() && is_ident(text[i])) {
    ++i;
  }
  if (i == 0 || std::isdigit(static_cast<unsigned char>(text[0])) != 0) {
    return std::nullopt;
  }
  const std::string_view name = text.substr(0, i);
  while (i < text.size() && is_space(text[i])) {
    ++i;
  }
  if (i < text.size() && text[i] == ':') { // an annotation: skip to its '='
    int depth = 0;
    for (; i < text.size() && !(text[i] == '=' && depth == 0); ++i) {
      depth += (text[i] == '[' || text[i] == '(') ? 1 : (text[i] == ']' || text[i] == ')') ? -1 : 0;
    }
  }
  if (i >= text.size() || text[i] != '=' || text.substr(i + 1, 1) == "=") {
    return std::nullopt; // not an assignment: a comparison, a call, a bare annotation…
  }
  return PythonAssignment{std::string(name), std::string(trim(text.substr(i + 1))), line};
}

void LineSplitter::split() {
  while (pos_ < src_.size()) {
    step();
  }
  finish_statement();
}

std::size_t indent_of(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) {
    ++i;
  }
  return i;
}

bool opens_class(std::string_view text, std::string_view class_name) {
  const std::string head = "class " + std::string(class_name);
  if (!text.starts_with(head)) {
    return false;
  }
  const std::string_view rest = trim(text.substr(head.size()));
  return !rest.empty() && (rest.front() == '(' || rest.front() == ':');
}

// The statements of the class body at its own indentation: nested blocks are deeper.
std::vector<PythonAssignment> LineSplitter::class_assignments(std::string_view class_name) {
  split();
  std::vector<PythonAssignment> found;
  bool inside = false;
  std::size_t body_indent = 0;
  for (const auto& statement : statements_) {
    if (statement.at_column0) {
      if (inside) {
        break;
      }
      inside = opens_class(statement.text, class_name);
      body_indent = 0;
      continue;
    }
    if (!inside) {
      continue;
    }
    const std::size_t indent = indent_of(statement.text);
    body_indent = body_indent == 0 ? indent : body_indent;
    if (indent == body_indent) {
      if (auto assignment = as_assignment(statement.text.substr(indent), statement.line)) {
        found.push_back(std::move(*assignment));
      }
    }
  }
  return found;
}

std::vector<PythonAssignment> LineSplitter::assignments() {
  split();
  std::vector<PythonAssignment> found;
  for (const auto& statement : statements_) {
    if (!statement.at_column0) {
      continue; // inside a function, class or block: not a module variable
    }
    if (auto assignment = as_assignment(statement.text, statement.line)) {
      found.push_back(std::move(*assignment));
    }
  }
  return found;
}

} // namespace

std::vector<PythonAssignment> module_assignments(std::string_view source) {
  return LineSplitter(source).assignments();
}

std::vector<PythonAssignment> class_assignments(std::string_view source,
                                                std::string_view class_name) {
  return LineSplitter(source).class_assignments(class_name);
}

} // namespace pgsplit::stamp
