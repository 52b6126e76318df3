#include <pgsplit/plan/render_graph.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace pgsplit::plan {
namespace {

// The picture, independent of the output format.
struct Node {
  std::string id;
  std::string label;
};

struct Cluster {
  std::string label;
  std::vector<Node> nodes;
};

struct Edge {
  std::string from; // the child (referencing) table
  std::string to;   // the parent (referenced) table
  bool cross_target = false;
  std::string label;
};

struct Graph {
  std::vector<Cluster> targets;
  Cluster left_behind;
  std::vector<Edge> edges;
};

class GraphBuilder {
public:
  GraphBuilder(const Plan& plan, const catalog::Catalog& catalog)
      : plan_(plan), catalog_(catalog) {}

  Graph build() {
    for (std::size_t i = 0; i < plan_.targets.size(); ++i) {
      add_target(i);
    }
    add_left_behind();
    for (std::size_t i = 0; i < plan_.targets.size(); ++i) {
      add_same_target_edges(i);
    }
    add_cross_target_edges();
    return std::move(graph_);
  }

private:
  // t<oid> for the first node of a table, t<oid>_2, t<oid>_3 … for further ones.
  std::string new_id(Oid table) {
    const int uses = ++uses_[table];
    return uses == 1 ? fmt::format("t{}", table) : fmt::format("t{}_{}", table, uses);
  }

  std::string label(const PlacedTable& placed, std::size_t children) const {
    std::string text = placed.source_name.to_string();
    if (placed.target_name != placed.source_name) {
      text += fmt::format(" → {}", placed.target_name.to_string());
    }
    if (children > 0) {
      const catalog::Table* table = catalog_.find_table(placed.table);
      const bool partitioned =
          table != nullptr && table->kind == catalog::TableKind::partitioned_table;
      text += fmt::format(" (+{} {})", children,
                          partitioned ? (children == 1 ? "partition" : "partitions")
                                      : (children == 1 ? "child" : "children"));
    }
    if (placed.where) {
      text += " (filtered)";
    }
    if (placed.replicate) {
      text += " (replicated)";
    }
    return text;
  }

  void add_target(std::size_t index) {
    const TargetPlan& target = plan_.targets[index];
    Cluster cluster{target.name, {}};
    for (const PlacedTable& placed : target.tables) {
      if (placed.root) {
        continue;
      }
      std::size_t children = 0;
      for (const PlacedTable& child : target.tables) {
        children += child.root == placed.table ? 1 : 0;
      }
      const std::string id = new_id(placed.table);
      placed_nodes_[{index, placed.table}] = id;
      cluster.nodes.push_back(Node{id, label(placed, children)});
    }
    // Partitions and children are drawn as their root.
    for (const PlacedTable& placed : target.tables) {
      if (placed.root) {
        const auto root = placed_nodes_.find({index, *placed.root});
        if (root != placed_nodes_.end()) {
          placed_nodes_[{index, placed.table}] = root->second;
        }
      }
    }
    graph_.targets.push_back(std::move(cluster));
  }

  void add_left_behind_table(Oid table, std::string name) {
    if (left_nodes_.count(table) != 0) {
      return;
    }
    const std::string id = new_id(table);
    left_nodes_[table] = id;
    graph_.left_behind.nodes.push_back(Node{id, std::move(name)});
  }

  void add_left_behind() {
    graph_.left_behind.label = "left behind";
    for (const ExcludedTable& table : plan_.excluded) {
      add_left_behind_table(table.table, table.name.to_string());
    }
    // A parent that no target copies, even when it is not excluded explicitly.
    for (const CrossTargetForeignKey& key : plan_.cross_target_foreign_keys) {
      if (key.parent_target.empty()) {
        add_left_behind_table(key.parent_table, key.parent.to_string());
      }
    }
  }

  std::optional<std::size_t> target_index(const std::string& name) const {
    for (std::size_t i = 0; i < plan_.targets.size(); ++i) {
      if (plan_.targets[i].name == name) {
        return i;
      }
    }
    return std::nullopt;
  }

  const std::string* placed_node(std::size_t target, Oid table) const {
    const auto found = placed_nodes_.find({target, table});
    return found == placed_nodes_.end() ? nullptr : &found->second;
  }

  void add_same_target_edges(std::size_t index) {
    const TargetPlan& target = plan_.targets[index];
    std::set<Oid> cross; // constraints drawn as cross-target edges from this target
    for (const CrossTargetForeignKey& key : plan_.cross_target_foreign_keys) {
      if (key.child_target == target.name) {
        cross.insert(key.constraint);
      }
    }
    std::set<std::pair<std::string, std::string>> drawn;
    for (const PlacedTable& placed : target.tables) {
      const catalog::Table* table = catalog_.find_table(placed.table);
      if (table == nullptr) {
        continue;
      }
      for (const catalog::Constraint& constraint : table->constraints) {
        // Inherited constraints repeat their parent's, which is drawn already.
        if (constraint.kind != catalog::ConstraintKind::foreign_key || !constraint.is_local ||
            !constraint.referenced_table || cross.count(constraint.oid) != 0) {
          continue;
        }
        const std::string* from = placed_node(index, placed.table);
        const std::string* to = placed_node(index, *constraint.referenced_table);
        if (from != nullptr && to != nullptr && drawn.insert({*from, *to}).second) {
          graph_.edges.push_back(Edge{*from, *to, false, {}});
        }
      }
    }
  }

  void add_cross_target_edges() {
    for (const CrossTargetForeignKey& key : plan_.cross_target_foreign_keys) {
      const std::optional<std::size_t> child = target_index(key.child_target);
      const std::string* from = child ? placed_node(*child, key.child_table) : nullptr;
      const std::string* to = nullptr;
      if (key.parent_target.empty()) {
        const auto found = left_nodes_.find(key.parent_table);
        to = found == left_nodes_.end() ? nullptr : &found->second;
      } else if (const std::optional<std::size_t> parent = target_index(key.parent_target)) {
        to = placed_node(*parent, key.parent_table);
      }
      if (from != nullptr && to != nullptr) {
        graph_.edges.push_back(Edge{*from, *to, true, key.name});
      }
    }
  }

  const Plan& plan_;
  const catalog::Catalog& catalog_;
  Graph graph_;
  std::map<Oid, int> uses_;
  std::map<std::pair<std::size_t, Oid>, std::string> placed_nodes_; // (target, table) → node
  std::map<Oid, std::string> left_nodes_;
};

// The inside of a double-quoted DOT string. `<` and `>` need nothing there (only <…> labels
// are HTML); `\` would start an escape such as \N, so it is doubled.
std::string dot_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + '"';
}

// A quoted Mermaid label: characters with a meaning in Mermaid or HTML become entity codes
// (#quot; …); other characters, UTF-8 included, are kept.
std::string mermaid_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
    case '"':
      out += "#quot;";
      break;
    case '<':
      out += "#lt;";
      break;
    case '>':
      out += "#gt;";
      break;
    case '&':
      out += "#amp;";
      break;
    case '#':
      out += "#35;";
      break;
    case '`':
      out += "#96;";
      break;
    default:
      out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out + '"';
}

void dot_cluster(std::string& out, const std::string& id, const Cluster& cluster,
                 bool left_behind) {
  out += fmt::format("  subgraph {} {{\n    label={};\n", id, dot_quote(cluster.label));
  if (left_behind) {
    out += "    style=filled;\n    color=lightgrey;\n    fontcolor=grey40;\n"
           "    node [style=filled, fillcolor=white, color=grey60, fontcolor=grey40];\n";
  }
  for (const Node& node : cluster.nodes) {
    out += fmt::format("    {} [label={}];\n", node.id, dot_quote(node.label));
  }
  out += "  }\n";
}

void mermaid_cluster(std::string& out, const std::string& id, const Cluster& cluster) {
  out += fmt::format("  subgraph {}[{}]\n", id, mermaid_quote(cluster.label));
  for (const Node& node : cluster.nodes) {
    out += fmt::format("    {}[{}]\n", node.id, mermaid_quote(node.label));
  }
  out += "  end\n";
}

} // namespace

std::string render_dot(const Plan& plan, const catalog::Catalog& catalog) {
  const Graph graph = GraphBuilder(plan, catalog).build();
  std::string out = "digraph pgsplit {\n  rankdir=LR;\n  node [shape=box];\n";
  for (std::size_t i = 0; i < graph.targets.size(); ++i) {
    dot_cluster(out, fmt::format("cluster_{}", i), graph.targets[i], false);
  }
  if (!graph.left_behind.nodes.empty()) {
    dot_cluster(out, "cluster_left_behind", graph.left_behind, true);
  }
  for (const Edge& edge : graph.edges) {
    out += edge.cross_target
               ? fmt::format("  {} -> {} [style=dashed, color=red, fontcolor=red, label={}];\n",
                             edge.from, edge.to, dot_quote(edge.label))
               : fmt::format("  {} -> {};\n", edge.from, edge.to);
  }
  return out + "}\n";
}

std::string render_mermaid(const Plan& plan, const catalog::Catalog& catalog) {
  const Graph graph = GraphBuilder(plan, catalog).build();
  std::string out = "flowchart LR\n";
  for (std::size_t i = 0; i < graph.targets.size(); ++i) {
    mermaid_cluster(out, fmt::format("target_{}", i), graph.targets[i]);
  }
  if (!graph.left_behind.nodes.empty()) {
    mermaid_cluster(out, "left_behind", graph.left_behind);
  }
  std::vector<std::string> red; // linkStyle counts links in the order they are written
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const Edge& edge = graph.edges[i];
    if (edge.cross_target) {
      out += fmt::format("  {} -.->|{}| {}\n", edge.from, mermaid_quote(edge.label), edge.to);
      red.push_back(std::to_string(i));
    } else {
      out += fmt::format("  {} --> {}\n", edge.from, edge.to);
    }
  }
  if (!red.empty()) {
    out += fmt::format("  linkStyle {} stroke:red,color:red\n", fmt::join(red, ","));
  }
  if (!graph.left_behind.nodes.empty()) {
    out += "  style left_behind fill:#eeeeee,stroke:#999999,color:#666666\n";
  }
  return out;
}

} // namespace pgsplit::plan
