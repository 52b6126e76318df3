#include <pgsplit/core/diagnostic.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::core {
namespace {

// Diagnostics quote the user's input (keys, values, file names). A NUL would end the text
// where `what()` is printed, dropping every later problem; other control characters could
// move the cursor or recolour the terminal. They are shown as \xHH; line breaks and tabs stay.
std::string printable(std::string text) {
  const auto is_control = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f;
  };
  if (std::none_of(text.begin(), text.end(), is_control)) {
    return text;
  }
  std::string out;
  for (const char c : text) {
    if (is_control(c)) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace

std::string format_location(const Location& where) {
  std::string text = where.file;
  if (!text.empty() && where.line > 0) {
    text += fmt::format(":{}", where.line);
    if (where.column > 0) {
      text += fmt::format(":{}", where.column);
    }
  }
  std::string objects;
  if (!where.target.empty()) {
    objects = fmt::format("target {}", where.target);
  }
  if (!where.table.empty()) {
    objects += fmt::format("{}table {}", objects.empty() ? "" : ", ", where.table);
  }
  if (objects.empty()) {
    return text;
  }
  return text.empty() ? objects : fmt::format("{} ({})", text, objects);
}

std::string Diagnostic::to_string() const {
  const std::string place = format_location(where);
  std::string text = printable(place.empty() ? message : fmt::format("{}: {}", place, message));
  if (!hint.empty()) {
    text += fmt::format("\n  hint: {}", printable(hint));
  }
  return text;
}

} // namespace pgsplit::core
