#include <pgsplit/config/yaml_tree.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

namespace pgsplit::config {
namespace {

// Deeper than any sane mapping file; reached only through an alias that contains itself,
// which yaml-cpp turns into a cyclic graph.
constexpr int max_depth = 64;
// Aliases may also repeat a subtree exponentially ("billion laughs"), or a long string: a 4 KiB
// file could become gigabytes. Without aliases a document has fewer nodes, and fewer bytes in
// its keys and scalars, than the file has bytes; aliases may add this much on top, more than
// any real mapping needs.
constexpr std::size_t alias_extra_nodes = 100'000;
constexpr std::size_t alias_extra_bytes = 4 * 1024 * 1024;

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
  TreeBuilder(std::string_view text, const std::string& file)
      : text_(text), file_(file), max_nodes_(text.size() + alias_extra_nodes),
        max_text_bytes_(text.size() + alias_extra_bytes) {}

  YamlNode build(const YAML::Node& node, int depth) {
    if (depth > max_depth) {
      fail(node.Mark(), "the document nests too deeply (an alias that contains itself?)");
    }
    if (++nodes_ > max_nodes_) {
      fail(node.Mark(), "the document is too large (aliases repeating a large part?)");
    }
    YamlNode out;
    out.at = position_of(node.Mark());
    out.kind = kind_of(node);
    switch (out.kind) {
    case YamlNode::Kind::scalar:
      out.scalar = take_text(node);
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
      entry.key = take_text(key);
    }
    entry.value = build(value, depth);
    if (entry.value.is_null()) {
      // yaml-cpp marks an empty value at the next token, often on a later line.
      entry.value.at = entry.at;
    }
    return entry;
  }

  // The scalar's text, counted against max_text_bytes_ before it is copied.
  const std::string& take_text(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    text_bytes_ += text.size();
    if (text_bytes_ > max_text_bytes_) {
      fail(node.Mark(), "the document is too large (aliases repeating a large part?)");
    }
    return text;
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
  std::size_t max_nodes_;
  std::size_t max_text_bytes_;
  std::size_t nodes_ = 0;
  std::size_t text_bytes_ = 0;
};

// Where each document of a stream starts, and whether it holds anything, without building it.
class DocumentWalker : public YAML::EventHandler {
public:
  YAML::Mark start; // of the last document
  YAML::Mark root;  // of its root node
  bool has_content = false;

  void OnDocumentStart(const YAML::Mark& mark) override {
    start = mark;
    has_content = false;
    root_seen_ = false;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, false); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, true); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    node(mark, true);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(mark, true);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(mark, true);
  }
  void OnMapEnd() override {}

private:
  void node(const YAML::Mark& mark, bool content) {
    if (!root_seen_) {
      root = mark;
      has_content = content;
      root_seen_ = true;
    }
  }
  bool root_seen_ = false;
};

// Fails unless the text holds one document, optionally followed by empty ones (a trailing `---`
// alone is harmless). This walks the stream itself instead of calling YAML::LoadAll, which in
// yaml-cpp 0.7 never returns on a stray `,` (jbeder/yaml-cpp#1040): its parser hands out the
// same empty document again and again, allocating until memory runs out. Here a document that
// does not start after the previous one is such a token, and an error.
void check_documents(const TreeBuilder& builder, std::string_view text) {
  std::istringstream stream{std::string(text)};
  YAML::Parser parser(stream);
  DocumentWalker walker;
  int previous_start = -1;
  for (int index = 0; parser.HandleNextDocument(walker); ++index) {
    if (walker.start.pos <= previous_start) {
      const auto pos = static_cast<std::size_t>(walker.start.pos);
      const char c = pos < text.size() ? text[pos] : ' ';
      builder.fail(walker.start, c > ' ' && c < 0x7f
                                     ? fmt::format("invalid YAML: unexpected '{}'", c)
                                     : std::string("invalid YAML: unexpected character"));
    }
    previous_start = walker.start.pos;
    if (index > 0 && walker.has_content) {
      builder.fail(walker.root, "more than one YAML document (---) in the mapping file");
    }
  }
}

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
  YAML::Node document;
  try {
    check_documents(builder, text);
    document = YAML::Load(std::string(text)); // the first document
  } catch (const YAML::Exception& e) {
    // The usual cause is a glob written unquoted at the start of a value: `- *_log`.
    const bool alias = e.msg.find("anchor") != std::string::npos;
    builder.fail(e.mark, fmt::format("invalid YAML: {}", e.msg),
                 alias ? "a value starting with * is a YAML alias: quote it, as in \"*_log\"" : "");
  }
  return builder.build(document, 0);
}

} // namespace pgsplit::config
