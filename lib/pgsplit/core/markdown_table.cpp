#include <pgsplit/core/markdown_table.hpp>

#include <algorithm>
#include <cctype>

namespace pgsplit::core {
namespace {

// Columns the text takes in a monospace view: UTF-8 code points (continuation bytes are
// 10xxxxxx), so that an arrow or an accented name does not shift the raw table.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char character) {
    return (static_cast<unsigned char>(character) & 0xC0U) != 0x80U;
  }));
}

bool is_control(char character) {
  const auto code = static_cast<unsigned char>(character);
  return code < 0x20 || code == 0x7F;
}

bool is_word(char character) {
  return std::isalnum(static_cast<unsigned char>(character)) != 0 ||
         (static_cast<unsigned char>(character) & 0x80U) != 0;
}

// An underscore inside a word (user_id) is literal in GitHub's Markdown; one at a word's edge
// (_x_) could start emphasis.
bool at_word_edge(std::string_view text, std::size_t index) {
  return index == 0 || index + 1 >= text.size() || !is_word(text[index - 1]) ||
         !is_word(text[index + 1]);
}

// A code span as written (`…`): control characters become spaces, '|' is escaped so that the
// span can sit in a table cell.
std::string code_span_body(std::string_view span) {
  std::string out;
  for (const char character : span) {
    if (is_control(character)) {
      out += ' ';
    } else if (character == '|') {
      out += "\\|";
    } else {
      out += character;
    }
  }
  return out;
}

std::string padded(const std::string& text, std::size_t width, Align align) {
  const std::size_t used = display_width(text);
  const std::string fill(used < width ? width - used : 0, ' ');
  return align == Align::right ? fill + text : text + fill;
}

std::string separator(std::size_t width, Align align) {
  // At least three dashes, as GitHub requires, plus the alignment colon.
  const std::size_t dashes = std::max<std::size_t>(width, 4) - 1;
  return align == Align::right ? std::string(dashes, '-') + ":" : ":" + std::string(dashes, '-');
}

} // namespace

MarkdownTable::MarkdownTable(std::vector<MarkdownColumn> columns) : columns_(std::move(columns)) {}

void MarkdownTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string MarkdownTable::render() const {
  std::vector<std::size_t> widths;
  for (const auto& column : columns_) {
    widths.push_back(std::max<std::size_t>(display_width(column.header), 4));
  }
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  const auto line = [&](auto&& cell_of) {
    std::string out = "|";
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      out += " " + cell_of(i) + " |";
    }
    return out + "\n";
  };
  std::string out = line([&](std::size_t i) {
    return padded(markdown_text(columns_[i].header), widths[i], columns_[i].align);
  });
  out += line([&](std::size_t i) { return separator(widths[i], columns_[i].align); });
  for (const auto& row : rows_) {
    out += line([&](std::size_t i) { return padded(row[i], widths[i], columns_[i].align); });
  }
  return out;
}

std::string markdown_text(std::string_view text) {
  constexpr std::string_view special = "\\*[]<>|";
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char character = text[i];
    const auto closing = character == '`' ? text.find('`', i + 1) : std::string_view::npos;
    if (closing != std::string_view::npos) { // `a code span` the text meant: kept as one
      out += code_span_body(text.substr(i, closing - i + 1));
      i = closing;
    } else if (is_control(character)) {
      out += ' ';
    } else if (special.find(character) != std::string_view::npos || character == '`' ||
               (character == '_' && at_word_edge(text, i)) ||
               (character == '#' && text.find_first_not_of(' ') == i)) {
      out += '\\';
      out += character;
    } else {
      out += character;
    }
  }
  return out;
}

std::string markdown_code(std::string_view text) {
  std::string body;
  std::size_t run = 0;
  std::size_t longest_run = 0;
  for (const char character : text) {
    run = character == '`' ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
    if (is_control(character)) {
      body += ' ';
    } else if (character == '|') {
      body += "\\|";
    } else {
      body += character;
    }
  }
  const std::string fence(longest_run + 1, '`');
  // A span that starts or ends with a backtick needs a space between it and the fence.
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return pad ? fence + " " + body + " " + fence : fence + body + fence;
}

} // namespace pgsplit::core
