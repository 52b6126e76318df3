#include <pgsplit/config/glob.hpp>

namespace pgsplit::config {

bool glob_match(std::string_view pattern, std::string_view text) {
  // Greedy matching with one backtrack point: on a mismatch, let the most recent `*` swallow
  // one more character. Linear in practice, and never exponential on patterns like `a*a*a*b`.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

bool has_glob_characters(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

} // namespace pgsplit::config
