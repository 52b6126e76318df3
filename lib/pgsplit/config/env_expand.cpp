#include <pgsplit/config/env_expand.hpp>

#include <fmt/format.h>

namespace pgsplit::config {
namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool valid_name(std::string_view name) {
  if (name.empty() || !is_name_start(name.front())) {
    return false;
  }
  for (const char c : name) {
    if (!is_name_char(c)) {
      return false;
    }
  }
  return true;
}

// Resolves the inside of one `${…}`; returns false (with the error filled in) on failure.
bool resolve(std::string_view inside, const Environment& env, Expansion& out) {
  const std::size_t dash = inside.find(":-");
  const std::string_view name = inside.substr(0, dash);
  if (!valid_name(name)) {
    out.error = fmt::format("invalid variable reference '${{{}}}'", inside);
    out.hint = "write ${NAME} or ${NAME:-default}, where NAME is letters, digits and _; "
               "write $$ for a literal $";
    return false;
  }
  const std::optional<std::string> value = env(std::string(name));
  if (dash != std::string_view::npos && (!value || value->empty())) {
    out.text += inside.substr(dash + 2);
    return true;
  }
  if (!value) {
    out.error = fmt::format("environment variable {} is not set", name);
    out.hint = fmt::format("export {0}, or give a default: ${{{0}:-value}}", name);
    return false;
  }
  out.text += *value;
  return true;
}

} // namespace

Expansion expand_variables(std::string_view text, const Environment& env) {
  Expansion out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t dollar = text.find('$', at);
    if (dollar == std::string_view::npos) {
      out.text += text.substr(at);
      return out;
    }
    out.text += text.substr(at, dollar - at);
    if (dollar + 1 == text.size()) {
      out.text += '$';
      return out;
    }
    const char next = text[dollar + 1];
    if (next == '$') {
      out.text += '$';
      at = dollar + 2;
    } else if (next == '{') {
      const std::size_t close = text.find('}', dollar + 2);
      if (close == std::string_view::npos) {
        out.error = "unterminated '${' (missing '}')";
        out.hint = "write ${NAME}, or $$ for a literal $";
        return out;
      }
      if (!resolve(text.substr(dollar + 2, close - dollar - 2), env, out)) {
        return out;
      }
      at = close + 1;
    } else {
      out.text += '$';
      at = dollar + 1;
    }
  }
  return out;
}

} // namespace pgsplit::config
