#include <pgsplit/core/diagnostic.hpp>

#include <fmt/format.h>

namespace pgsplit::core {

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
  std::string text = place.empty() ? message : fmt::format("{}: {}", place, message);
  if (!hint.empty()) {
    text += fmt::format("\n  hint: {}", hint);
  }
  return text;
}

} // namespace pgsplit::core
