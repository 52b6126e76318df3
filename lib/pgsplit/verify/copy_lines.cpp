#include <pgsplit/verify/copy_lines.hpp>

namespace pgsplit::verify {
namespace {

bool is_octal(char character) { return character >= '0' && character <= '7'; }

int hex_value(char character) {
  if (character >= '0' && character <= '9') {
    return character - '0';
  }
  if (character >= 'a' && character <= 'f') {
    return character - 'a' + 10;
  }
  if (character >= 'A' && character <= 'F') {
    return character - 'A' + 10;
  }
  return -1;
}

char simple_escape(char character) {
  switch (character) {
  case 'b':
    return '\b';
  case 'f':
    return '\f';
  case 'n':
    return '\n';
  case 'r':
    return '\r';
  case 't':
    return '\t';
  case 'v':
    return '\v';
  default:
    return character;
  }
}

// Undoes the escapes of one field, starting after `i` = the backslash position; returns the
// position after the escape sequence.
std::size_t unescape_at(std::string_view field, std::size_t i, std::string& out) {
  const char code = field[i + 1];
  if (is_octal(code)) {
    int value = 0;
    std::size_t next = i + 1;
    while (next < field.size() && next < i + 4 && is_octal(field[next])) {
      value = value * 8 + (field[next] - '0');
      ++next;
    }
    out += static_cast<char>(value & 0xff);
    return next;
  }
  if (code == 'x' && i + 2 < field.size() && hex_value(field[i + 2]) >= 0) {
    int value = hex_value(field[i + 2]);
    std::size_t next = i + 3;
    if (next < field.size() && hex_value(field[next]) >= 0) {
      value = value * 16 + hex_value(field[next]);
      ++next;
    }
    out += static_cast<char>(value);
    return next;
  }
  out += simple_escape(code);
  return i + 2;
}

std::optional<std::string> decode_field(std::string_view field) {
  if (field == "\\N") {
    return std::nullopt;
  }
  std::string out;
  out.reserve(field.size());
  std::size_t i = 0;
  while (i < field.size()) {
    if (field[i] == '\\' && i + 1 < field.size()) {
      i = unescape_at(field, i, out);
    } else {
      out += field[i];
      ++i;
    }
  }
  return out;
}

} // namespace

bool CopyLineReader::next(std::string& line) {
  while (true) {
    const auto newline = buffer_.find('\n', start_);
    if (newline != std::string::npos) {
      line.assign(buffer_, start_, newline - start_);
      start_ = newline + 1;
      return true;
    }
    buffer_.erase(0, start_);
    start_ = 0;
    std::string_view chunk;
    if (at_end_ || !stream_.read(chunk)) {
      at_end_ = true;
      if (buffer_.empty()) {
        return false;
      }
      line = std::move(buffer_); // a last line without newline (COPY never sends one)
      buffer_.clear();
      return true;
    }
    buffer_.append(chunk);
  }
}

CopyRow decode_copy_line(std::string_view line) {
  CopyRow row;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    row.push_back(
        decode_field(line.substr(start, tab == std::string_view::npos ? tab : tab - start)));
    if (tab == std::string_view::npos) {
      return row;
    }
    start = tab + 1;
  }
}

} // namespace pgsplit::verify
