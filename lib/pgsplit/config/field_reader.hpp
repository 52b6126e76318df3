#pragma once

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/yaml_tree.hpp>
#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/core/did_you_mean.hpp>

#include <fmt/format.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::config {

// Reads typed values out of the YAML tree of one mapping file. Each problem becomes a
// diagnostic and reading goes on, so that the user sees every error of the file at once (the
// first max_diagnostics of them).
// Every scalar value goes through the environment expansion here, before its conversion, so
// that no reader can forget it. `path` names a value in messages: "targets.auth.url".
class FieldReader {
public:
  FieldReader(std::string file, const Environment& env);

  // No one reads further, and aliases let an 8 KiB file report a million problems, 80 MB of
  // text: beyond this many, problems are only counted.
  static constexpr std::size_t max_diagnostics = 100;

  core::Location location(Position at) const;
  void report(Position at, std::string message, std::string hint = {});
  // The problems reported so far, the first max_diagnostics of them.
  const core::Diagnostics& diagnostics() const { return diagnostics_; }
  // How many problems were reported beyond max_diagnostics.
  std::size_t dropped() const { return dropped_; }

  // Reports unless `node` is a mapping; `expected` says what it should be.
  bool expect_mapping(const YamlNode& node, std::string_view path, std::string_view expected);
  // Reports keys that are not scalars, appear twice ("duplicate <noun> 'x'") or, when `known`
  // is not empty, are not in `known` (with "did you mean …").
  void check_keys(const YamlNode& mapping, std::string_view path,
                  const std::vector<std::string>& known, std::string_view noun = "key");
  // The value of a required key, or nullptr after reporting its absence at `owner`.
  const YamlNode* require(const YamlNode& mapping, std::string_view key, std::string_view path,
                          Position owner);

  // Any scalar, expanded. Its value is never echoed in messages (it may be a URL): messages
  // quote shown(node) instead. A NUL character is an error: every consumer of the value (libpq,
  // SQL, file names) would silently cut it there.
  std::optional<std::string> text(const YamlNode& node, std::string_view path);
  // A scalar that is not empty after expansion.
  std::optional<std::string> non_empty_text(const YamlNode& node, std::string_view path);
  // A libpq URI or key=value conninfo; described by its path, never by its value.
  std::optional<std::string> connection_url(const YamlNode& node, std::string_view path);
  std::optional<bool> boolean(const YamlNode& node, std::string_view path);
  std::optional<long long> integer(const YamlNode& node, std::string_view path);

  // One of `values`, spelled as to_string(value) (found by argument-dependent lookup).
  template <class Enum>
  std::optional<Enum> choice(const YamlNode& node, std::string_view path,
                             std::initializer_list<Enum> values) {
    std::vector<std::string> names;
    for (const Enum value : values) {
      names.emplace_back(to_string(value));
    }
    const std::optional<std::string> word =
        scalar(node, path, fmt::format("one of {}", fmt::join(names, ", ")));
    if (!word) {
      return std::nullopt;
    }
    for (const Enum value : values) {
      if (to_string(value) == *word) {
        return value;
      }
    }
    report(node.at, fmt::format("{}: expected one of {}, got '{}'{}", path, fmt::join(names, ", "),
                                shown(node), core::did_you_mean_suffix(*word, names)));
    return std::nullopt;
  }

  // A value as quoted in a message, cut when long.
  static std::string shorten(std::string_view value);
  // A scalar as quoted in a message: as written in the file, before `${VAR}` expansion, so
  // that a message never shows the value of a variable (it may be a password); cut when long.
  static std::string shown(const YamlNode& node) { return shorten(node.scalar); }

private:
  // A scalar, expanded; `expected` describes the value when the node is not a scalar.
  std::optional<std::string> scalar(const YamlNode& node, std::string_view path,
                                    std::string_view expected);

  std::string file_;
  Environment env_;
  core::Diagnostics diagnostics_;
  std::size_t dropped_ = 0;
};

// "targets" + "auth" → "targets.auth"; the top level has an empty path.
std::string join_path(std::string_view path, std::string_view key);
// "targets.auth.tables" + 2 → "targets.auth.tables[2]"
std::string index_path(std::string_view path, std::size_t index);

} // namespace pgsplit::config
