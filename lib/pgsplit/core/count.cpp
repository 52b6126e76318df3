#include <pgsplit/core/count.hpp>

namespace pgsplit::core {

std::string format_count(std::int64_t count) {
  // Through unsigned arithmetic, so that the most negative value has a magnitude too.
  const std::uint64_t magnitude =
      count < 0 ? 0 - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
  const std::string digits = std::to_string(magnitude);
  std::string out = count < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return out;
}

} // namespace pgsplit::core
