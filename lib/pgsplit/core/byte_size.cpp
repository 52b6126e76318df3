#include <pgsplit/core/byte_size.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <limits>
#include <utility>

namespace pgsplit::core {
namespace {

constexpr std::array<std::pair<std::string_view, std::int64_t>, 5> units{{
    {"B", 1},
    {"kB", 1LL << 10},
    {"MB", 1LL << 20},
    {"GB", 1LL << 30},
    {"TB", 1LL << 40},
}};

} // namespace

std::optional<std::int64_t> parse_byte_size(std::string_view text) {
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || number < 0) {
    return std::nullopt;
  }
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  while (!unit.empty() && unit.front() == ' ') {
    unit.remove_prefix(1);
  }
  if (unit.empty()) {
    return number;
  }
  for (const auto& [name, factor] : units) {
    if (unit == name) {
      if (number > std::numeric_limits<std::int64_t>::max() / factor) {
        return std::nullopt;
      }
      return number * factor;
    }
  }
  return std::nullopt;
}

std::string format_bytes(std::int64_t bytes) {
  if (bytes < 1024) {
    return fmt::format("{} B", bytes < 0 ? 0 : bytes);
  }
  static constexpr std::array<std::string_view, 6> names = {"kB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  // Switch unit before rounding would print "1024.0": 1048575 bytes reads "1.0 MB".
  while (value >= 1023.95 && unit + 1 < names.size()) {
    value /= 1024.0;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, names[unit]);
}

} // namespace pgsplit::core
