#include <pgsplit/pg/conninfo.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cctype>
#include <memory>
#include <vector>

namespace pgsplit::pg {
namespace {

struct ConninfoOptionsFree {
  void operator()(PQconninfoOption* options) const noexcept { PQconninfoFree(options); }
};

std::string percent_decode(std::string_view text) {
  std::string decoded;
  for (std::size_t index = 0; index < text.size(); ++index) {
    if (text[index] == '%' && index + 2 < text.size() && std::isxdigit(text[index + 1]) &&
        std::isxdigit(text[index + 2])) {
      decoded.push_back(
          static_cast<char>(std::stoi(std::string(text.substr(index + 1, 2)), nullptr, 16)));
      index += 2;
    } else {
      decoded.push_back(text[index]);
    }
  }
  return decoded;
}

// Passwords as they may be spelled in a connection string that libpq could not parse:
// "password=…" values and the "user:password@" part of a URI.
std::vector<std::string> password_candidates(const std::string& conninfo) {
  std::vector<std::string> candidates;
  const auto parsed = parse_conninfo(conninfo);
  if (auto found = parsed.options.find("password"); found != parsed.options.end()) {
    candidates.push_back(found->second);
  }
  if (const auto scheme = conninfo.find("://"); scheme != std::string::npos) {
    const auto at = conninfo.find('@', scheme + 3);
    const auto colon = conninfo.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) {
      const std::string raw = conninfo.substr(colon + 1, at - colon - 1);
      candidates.push_back(raw);
      candidates.push_back(percent_decode(raw));
    }
  }
  for (std::size_t start = conninfo.find("password="); start != std::string::npos;
       start = conninfo.find("password=", start + 1)) {
    std::size_t value = start + 9;
    const bool quoted = value < conninfo.size() && conninfo[value] == '\'';
    value += quoted ? 1 : 0;
    const std::size_t end = conninfo.find_first_of(quoted ? "'" : " &", value);
    candidates.push_back(conninfo.substr(value, end == std::string::npos ? end : end - value));
  }
  return candidates;
}

std::string quote_conninfo_value(std::string_view value) {
  std::string quoted = "'";
  for (const char character : value) {
    if (character == '\'' || character == '\\') {
      quoted.push_back('\\');
    }
    quoted.push_back(character);
  }
  return quoted + "'";
}

// libpq reads a URI's user and password up to the first '@' or '/'. An unencoded '/' or '@' in
// the password (common in generated, base64-like passwords) therefore turns the rest of the
// password into the host, port or database name, which every message then shows. Such a URI is
// refused before libpq sees it. The rule, before the query string: an '@' after a '/', or a
// second '@' before the path. (A database name holding '@' has to be written %40 too.)
bool password_may_spill(std::string_view conninfo) {
  std::string_view rest;
  for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (conninfo.starts_with(scheme)) {
      rest = conninfo.substr(scheme.size());
    }
  }
  rest = rest.substr(0, rest.find('?')); // the query may hold '@' and '/' freely
  const auto first_at = rest.find('@');
  if (first_at == std::string_view::npos) {
    return false;
  }
  if (rest.find('/') < first_at) {
    return true;
  }
  return rest.find('@', first_at + 1) < rest.find('/', first_at + 1); // npos: not found
}

} // namespace

ParsedConninfo parse_conninfo(const std::string& conninfo) {
  ParsedConninfo parsed;
  if (password_may_spill(conninfo)) {
    parsed.error = "the user or password part of the URI holds an unencoded '/' or '@'; "
                   "percent-encode them (%2F, %40)";
    return parsed;
  }
  char* raw_error = nullptr;
  std::unique_ptr<PQconninfoOption, ConninfoOptionsFree> options(
      PQconninfoParse(conninfo.c_str(), &raw_error));
  if (!options) {
    // libpq's message may quote part of the string, password included.
    parsed.error = raw_error ? std::string(raw_error) : "out of memory";
    PQfreemem(raw_error);
    while (!parsed.error.empty() && parsed.error.back() == '\n') {
      parsed.error.pop_back();
    }
    return parsed;
  }
  for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
    if (option->val && *option->val) {
      parsed.options.emplace(option->keyword, option->val);
    }
  }
  return parsed;
}

std::string describe_conninfo(const std::string& conninfo) {
  const auto parsed = parse_conninfo(conninfo);
  if (!parsed.ok()) {
    return "<invalid connection string>";
  }
  const auto get = [&](const char* key) {
    const auto found = parsed.options.find(key);
    return found == parsed.options.end() ? std::string{} : found->second;
  };
  std::string text = "postgresql://";
  if (const auto user = get("user"); !user.empty()) {
    text += user + (get("password").empty() ? "" : ":***") + "@";
  }
  text += get("host").empty() ? get("hostaddr") : get("host");
  if (const auto port = get("port"); !port.empty()) {
    text += ":" + port;
  }
  if (const auto dbname = get("dbname"); !dbname.empty()) {
    text += "/" + dbname;
  }
  return text;
}

std::string redact_secrets(std::string text, const std::string& conninfo) {
  for (const auto& secret : password_candidates(conninfo)) {
    if (secret.empty()) {
      continue;
    }
    for (auto found = text.find(secret); found != std::string::npos;
         found = text.find(secret, found + 3)) {
      text.replace(found, secret.size(), "***");
    }
  }
  return text;
}

std::string conninfo_with_database(const std::string& conninfo, std::string_view dbname) {
  auto options = parse_conninfo(conninfo).options;
  options["dbname"] = std::string(dbname);
  std::string rebuilt;
  for (const auto& [key, value] : options) {
    rebuilt += fmt::format("{}{}={}", rebuilt.empty() ? "" : " ", key, quote_conninfo_value(value));
  }
  return rebuilt;
}

std::optional<std::string> database_of(const std::string& conninfo) {
  const auto parsed = parse_conninfo(conninfo);
  const auto found = parsed.options.find("dbname");
  if (found == parsed.options.end()) {
    return std::nullopt;
  }
  return found->second;
}

} // namespace pgsplit::pg
