#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::config {

// A position in the mapping file, 1-based; 0 when unknown.
struct Position {
  int line = 0;
  int column = 0;
};

struct YamlEntry;

// A YAML document as plain values with their positions. The readers of the mapping file work on
// this, so that yaml-cpp stays inside yaml_tree.cpp and is never part of an interface.
struct YamlNode {
  enum class Kind { null, scalar, sequence, mapping };

  Kind kind = Kind::null;
  std::string scalar;             // Kind::scalar only, as written (no environment expansion)
  Position at;                    // a null mapping value takes the position of its key
  std::vector<YamlNode> items;    // Kind::sequence
  std::vector<YamlEntry> entries; // Kind::mapping, in file order; duplicate keys are kept

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }

  // The first entry with this key, or nullptr.
  const YamlEntry* entry(std::string_view key) const;
  // The value of the first entry with this key, or nullptr.
  const YamlNode* find(std::string_view key) const;
  // For messages: "a string", "a list", "a mapping", "nothing (null)".
  std::string_view kind_name() const { return name_of(kind); }
  static std::string_view name_of(Kind kind);
};

struct YamlEntry {
  std::string key; // the key's text; empty when the key is not a scalar
  YamlNode::Kind key_kind = YamlNode::Kind::scalar; // keys like `? [a, b]` or `~` are not

  bool key_is_scalar() const { return key_kind == YamlNode::Kind::scalar; }
  Position at; // of the key
  YamlNode value;
};

// Parses one YAML document. Malformed YAML, more than one document, aliases nested without
// end, or aliases that grow the tree by more than 100,000 nodes or 4 MiB of text beyond the
// size of the file throw core::ConfigError with the parser's position.
YamlNode parse_yaml(std::string_view text, const std::string& file_name);

} // namespace pgsplit::config
