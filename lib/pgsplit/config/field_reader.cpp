#include <pgsplit/config/env_expand.hpp>
#include <pgsplit/config/field_reader.hpp>

#include <algorithm>
#include <charconv>
#include <map>

namespace pgsplit::config {
namespace {

// "in targets.auth" or "at the top level", to follow a complaint about a key.
std::string container(std::string_view path) {
  return path.empty() ? std::string("at the top level") : fmt::format("in {}", path);
}

std::string subject(std::string_view path) {
  return path.empty() ? std::string("the top level") : std::string(path);
}

bool looks_like_env_name(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  for (const char c : text) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

} // namespace

FieldReader::FieldReader(std::string file, const Environment& env)
    : file_(std::move(file)), env_(env) {}

core::Location FieldReader::location(Position at) const {
  return core::Location{file_, at.line, at.column, {}, {}};
}

void FieldReader::report(Position at, std::string message, std::string hint) {
  if (diagnostics_.size() >= max_diagnostics) {
    ++dropped_;
    return;
  }
  diagnostics_.push_back(core::Diagnostic{location(at), std::move(message), std::move(hint)});
}

bool FieldReader::expect_mapping(const YamlNode& node, std::string_view path,
                                 std::string_view expected) {
  if (node.is_mapping()) {
    return true;
  }
  report(node.at,
         fmt::format("{}: expected {}, got {}", subject(path), expected, node.kind_name()));
  return false;
}

void FieldReader::check_keys(const YamlNode& mapping, std::string_view path,
                             const std::vector<std::string>& known, std::string_view noun) {
  std::map<std::string, int, std::less<>> first_line;
  for (const auto& entry : mapping.entries) {
    if (!entry.key_is_scalar()) {
      report(entry.at, fmt::format("expected a key name {}, got {} as a key", container(path),
                                   YamlNode::name_of(entry.key_kind)));
      continue;
    }
    const auto [seen, inserted] = first_line.emplace(entry.key, entry.at.line);
    if (!inserted) {
      report(entry.at,
             fmt::format("duplicate {} '{}' {} (first at line {})", noun, entry.key,
                         container(path), seen->second),
             "each key may appear only once: remove or rename one of them");
    } else if (!known.empty() && std::find(known.begin(), known.end(), entry.key) == known.end()) {
      report(entry.at,
             fmt::format("unknown key '{}' {}{}", entry.key, container(path),
                         core::did_you_mean_suffix(entry.key, known)),
             fmt::format("valid keys: {}", fmt::join(known, ", ")));
    }
  }
}

const YamlNode* FieldReader::require(const YamlNode& mapping, std::string_view key,
                                     std::string_view path, Position owner) {
  if (const YamlNode* value = mapping.find(key)) {
    return value;
  }
  report(owner, fmt::format("missing required key '{}' {}", key, container(path)));
  return nullptr;
}

std::optional<std::string> FieldReader::text(const YamlNode& node, std::string_view path) {
  return scalar(node, path, "a string");
}

std::optional<std::string> FieldReader::scalar(const YamlNode& node, std::string_view path,
                                               std::string_view expected) {
  if (!node.is_scalar()) {
    report(node.at, fmt::format("{}: expected {}, got {}", path, expected, node.kind_name()));
    return std::nullopt;
  }
  Expansion expanded = expand_variables(node.scalar, env_);
  if (!expanded.ok()) {
    report(node.at, fmt::format("{}: {}", path, expanded.error), std::move(expanded.hint));
    return std::nullopt;
  }
  if (expanded.text.find('\0') != std::string::npos) {
    report(node.at, fmt::format("{}: contains a NUL character", path),
           "remove it: no name, connection string or SQL statement can hold one");
    return std::nullopt;
  }
  return std::move(expanded.text);
}

std::optional<std::string> FieldReader::non_empty_text(const YamlNode& node,
                                                       std::string_view path) {
  std::optional<std::string> value = text(node, path);
  if (value && value->empty()) {
    report(node.at, fmt::format("{}: expected a non-empty value, got an empty string", path));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> FieldReader::connection_url(const YamlNode& node,
                                                       std::string_view path) {
  std::optional<std::string> url = non_empty_text(node, path);
  if (!url) {
    return std::nullopt;
  }
  const bool uri = url->starts_with("postgresql://") || url->starts_with("postgres://");
  if (uri || url->find('=') != std::string::npos) {
    return url;
  }
  // Only a bare variable name is safe to repeat: it cannot be a password-bearing URL.
  const std::string hint = looks_like_env_name(*url)
                               ? fmt::format("to read it from the environment, write ${{{}}}", *url)
                               : "e.g. postgresql://user@host:5432/db or 'host=… dbname=…'";
  report(node.at,
         fmt::format("{}: expected a connection URI (postgresql://…) or key=value conninfo", path),
         hint);
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const YamlNode& node, std::string_view path) {
  const std::optional<std::string> word = scalar(node, path, "a boolean (true/false)");
  if (!word) {
    return std::nullopt;
  }
  // The YAML 1.2 spellings only: `yes`/`on` are too easy to mistake for strings.
  if (*word == "true" || *word == "True" || *word == "TRUE") {
    return true;
  }
  if (*word == "false" || *word == "False" || *word == "FALSE") {
    return false;
  }
  report(node.at, fmt::format("{}: expected a boolean (true/false), got '{}'", path, shown(node)));
  return std::nullopt;
}

std::optional<long long> FieldReader::integer(const YamlNode& node, std::string_view path) {
  const std::optional<std::string> word = scalar(node, path, "an integer");
  if (!word) {
    return std::nullopt;
  }
  long long value = 0;
  const char* end = word->data() + word->size();
  const auto [stop, error] = std::from_chars(word->data(), end, value);
  if (word->empty() || error != std::errc{} || stop != end) {
    report(node.at, fmt::format("{}: expected an integer, got '{}'", path, shown(node)));
    return std::nullopt;
  }
  return value;
}

std::string FieldReader::shorten(std::string_view value) {
  constexpr std::size_t limit = 60;
  if (value.size() <= limit) {
    return std::string(value);
  }
  std::size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
    --cut; // do not split a UTF-8 sequence
  }
  return fmt::format("{}...", value.substr(0, cut));
}

std::string join_path(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string index_path(std::string_view path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

} // namespace pgsplit::config
