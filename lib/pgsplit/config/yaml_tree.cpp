#include <pgsplit/config/yaml_tree.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace pgsplit::config {
namespace {

// Deeper than any sane mapping file; reached only through an alias that contains itself,
// which yaml-cpp turns into a cyclic graph.
constexpr int max_depth = 64;
// Aliases may also repeat a subtree exponentially ("billion laughs"); no real mapping comes near.
constexpr std::size_t max_nodes = 1'000'000;

Position position_of(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) {
    return {};
  }
  return Position{mark.line + 1, mark.column + 1};
}

YamlNode::Kind kind_of(const YAML::Node& node) {
  switch (node.Type()) {
  case YAML::NodeType::Scalar:
    return YamlNode::Kind::scalar;
  case YAML::NodeType::Sequence:
    return YamlNode::Kind::sequence;
  case YAML::NodeType::Map:
    return YamlNode::Kind::mapping;
  default:
    return YamlNode::Kind::null; // null or undefined
  }
}

class TreeBuilder {
public:
  TreeBuilder(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  YamlNode build(const YAML::Node& node, int depth) {
    if (depth > max_depth) {
      fail(node.Mark(), "the document nests too deeply (an alias that contains itself?)");
    }
    if (++nodes_ > max_nodes) {
      fail(node.Mark(), "the document is too large (aliases repeating a large part?)");
    }
    YamlNode out;
    out.at = position_of(node.Mark());
    out.kind = kind_of(node);
    switch (out.kind) {
    case YamlNode::Kind::scalar:
      out.scalar = node.Scalar();
      break;
    case YamlNode::Kind::sequence:
      for (const auto& item : node) {
        out.items.push_back(build(item, depth + 1));
        if (out.items.back().is_null()) {
          out.items.back().at = null_item_position(item.Mark(), out.at);
        }
      }
      break;
    case YamlNode::Kind::mapping:
      for (const auto& pair : node) {
        out.entries.push_back(build_entry(pair.first, pair.second, depth + 1));
      }
      break;
    case YamlNode::Kind::null:
      break;
    }
    return out;
  }

  [[noreturn]] void fail(const YAML::Mark& mark, std::string message, std::string hint = {}) const {
    const Position at = position_of(mark);
    throw core::ConfigError(
        core::Diagnostic{{file_, at.line, at.column, {}, {}}, std::move(message), std::move(hint)});
  }

private:
  YamlEntry build_entry(const YAML::Node& key, const YAML::Node& value, int depth) {
    YamlEntry entry;
    entry.at = position_of(key.Mark());
    entry.key_kind = kind_of(key);
    if (entry.key_is_scalar()) {
      entry.key = key.Scalar();
    }
    entry.value = build(value, depth);
    if (entry.value.is_null()) {
      // yaml-cpp marks an empty value at the next token, often on a later line.
      entry.value.at = entry.at;
    }
    return entry;
  }

  // yaml-cpp marks an empty item (`-` alone) at the next token; step back to its dash.
  Position null_item_position(const YAML::Mark& mark, Position fallback) const {
    if (mark.is_null() || mark.pos <= 0 || static_cast<std::size_t>(mark.pos) > text_.size()) {
      return fallback;
    }
    std::size_t at = static_cast<std::size_t>(mark.pos);
    while (at > 0 && std::string_view(" \t\r\n").find(text_[at - 1]) != std::string_view::npos) {
      --at;
    }
    if (at == 0 || text_[at - 1] != '-') {
      return position_of(mark);
    }
    const std::size_t dash = at - 1;
    const std::size_t line_start = text_.rfind('\n', dash) + 1; // npos + 1 == 0
    const auto line = std::count(text_.begin(), text_.begin() + static_cast<long>(dash), '\n');
    return Position{static_cast<int>(line) + 1, static_cast<int>(dash - line_start) + 1};
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t nodes_ = 0;
};

} // namespace

const YamlEntry* YamlNode::entry(std::string_view key) const {
  for (const auto& candidate : entries) {
    if (candidate.key_is_scalar() && candidate.key == key) {
      return &candidate;
    }
  }
  return nullptr;
}

const YamlNode* YamlNode::find(std::string_view key) const {
  const YamlEntry* found = entry(key);
  return found == nullptr ? nullptr : &found->value;
}

std::string_view YamlNode::name_of(Kind kind) {
  switch (kind) {
  case Kind::scalar:
    return "a string";
  case Kind::sequence:
    return "a list";
  case Kind::mapping:
    return "a mapping";
  case Kind::null:
    break;
  }
  return "nothing (null)";
}

YamlNode parse_yaml(std::string_view text, const std::string& file_name) {
  TreeBuilder builder(text, file_name);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    // The usual cause is a glob written unquoted at the start of a value: `- *_log`.
    const bool alias = e.msg.find("anchor") != std::string::npos;
    builder.fail(e.mark, fmt::format("invalid YAML: {}", e.msg),
                 alias ? "a value starting with * is a YAML alias: quote it, as in \"*_log\"" : "");
  }
  if (documents.empty()) {
    return YamlNode{};
  }
  for (std::size_t i = 1; i < documents.size(); ++i) {
    if (!documents[i].IsNull()) { // a trailing `---` alone is harmless
      builder.fail(documents[i].Mark(), "more than one YAML document (---) in the mapping file");
    }
  }
  return builder.build(documents.front(), 0);
}

} // namespace pgsplit::config
