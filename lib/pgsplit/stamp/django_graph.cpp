#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/django_graph.hpp>
#include <pgsplit/stamp/migration_dir.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

std::string shown(const DjangoKey& key) { return fmt::format("{}.{}", key.first, key.second); }

core::Diagnostic at_file(const DjangoMigration& migration, std::string message, std::string hint) {
  return file_problem(migration.file, migration.line, std::move(message), std::move(hint));
}

// The graph Django's loader builds for a database where nothing is applied yet: squashed
// migrations stand in for the ones they replace.
class Graph {
public:
  explicit Graph(const DjangoHistory& history);
  std::vector<DjangoKey> rows();

private:
  void add_nodes();
  std::optional<DjangoKey> resolve(const DjangoKey& wanted, const DjangoMigration& from);
  void add_edges();
  std::vector<DjangoKey> app_nodes(const std::string& app) const;
  DjangoKey leaf(const config::DjangoApp& app);
  std::set<DjangoKey> ancestors(const std::vector<DjangoKey>& starts) const;
  std::vector<DjangoKey> sorted(const std::set<DjangoKey>& keys);
  [[noreturn]] void fail_at(const core::Location& where, std::string message, std::string hint);
  void throw_problems();

  const DjangoHistory& history_;
  std::map<DjangoKey, const DjangoMigration*> nodes_;
  std::map<DjangoKey, DjangoKey> replaced_by_;
  std::map<DjangoKey, std::set<DjangoKey>> parents_; // node → what it depends on
  std::set<std::string> listed_apps_;
  core::Diagnostics problems_;
};

Graph::Graph(const DjangoHistory& history) : history_(history) {
  for (const auto& app : history.apps) {
    listed_apps_.insert(app.name);
  }
  add_nodes();
  add_edges();
  throw_problems();
}

void Graph::fail_at(const core::Location& where, std::string message, std::string hint) {
  problems_.push_back({where, std::move(message), std::move(hint)});
  throw core::ConfigError(std::move(problems_));
}

void Graph::throw_problems() {
  if (!problems_.empty()) {
    throw core::ConfigError(std::move(problems_));
  }
}

void Graph::add_nodes() {
  for (const auto& migration : history_.migrations) {
    nodes_.emplace(migration.key, &migration);
  }
  for (const auto& migration : history_.migrations) {
    for (const auto& replaced : migration.replaces) {
      replaced_by_.emplace(replaced, migration.key);
    }
  }
  for (const auto& [replaced, squash] : replaced_by_) {
    nodes_.erase(replaced);
  }
}

std::vector<DjangoKey> Graph::app_nodes(const std::string& app) const {
  std::vector<DjangoKey> keys;
  for (const auto& [key, migration] : nodes_) {
    if (key.first == app) {
      keys.push_back(key);
    }
  }
  return keys; // sorted by name: std::map
}

// A dependency as Django resolves it: __first__ / __latest__, replaced migrations → their squash.
std::optional<DjangoKey> Graph::resolve(const DjangoKey& wanted, const DjangoMigration& from) {
  if (listed_apps_.count(wanted.first) == 0) {
    return std::nullopt; // another entry's (or no stamp's) business
  }
  const auto in_app = app_nodes(wanted.first);
  if (wanted.second == "__first__" || wanted.second == "__latest__") {
    if (in_app.empty()) {
      return std::nullopt;
    }
    return wanted.second == "__first__" ? in_app.front() : in_app.back();
  }
  if (const auto squash = replaced_by_.find(wanted); squash != replaced_by_.end()) {
    return squash->second;
  }
  if (nodes_.count(wanted) == 0) {
    std::vector<std::string> names;
    for (const auto& key : in_app) {
      names.push_back(key.second);
    }
    problems_.push_back(
        at_file(from,
                fmt::format("depends on {}, which is not a migration of app {}{}", shown(wanted),
                            wanted.first, core::did_you_mean_suffix(wanted.second, names)),
                "a migration file is missing from the app's folder, or the name is misspelt"));
    return std::nullopt;
  }
  return wanted;
}

void Graph::add_edges() {
  for (const auto& [key, migration] : nodes_) {
    auto& parents = parents_[key];
    for (const auto& dependency : migration->dependencies) {
      if (auto parent = resolve(dependency, *migration); parent && *parent != key) {
        parents.insert(*parent);
      }
    }
    for (const auto& later : migration->run_before) {
      if (auto child = resolve(later, *migration)) {
        parents_[*child].insert(key);
      }
    }
  }
}

DjangoKey Graph::leaf(const config::DjangoApp& app) {
  const auto in_app = app_nodes(app.name);
  std::set<DjangoKey> has_child;
  for (const auto& key : in_app) {
    for (const auto& parent : parents_[key]) {
      has_child.insert(parent);
    }
  }
  std::vector<std::string> leaves;
  for (const auto& key : in_app) {
    if (has_child.count(key) == 0) {
      leaves.push_back(key.second);
    }
  }
  if (in_app.empty()) {
    fail_at(
        app.location,
        fmt::format("no Django migration found in {} (app {})", app.directory.string(), app.name),
        "give the app's migrations folder (the one holding 0001_initial.py)");
  }
  if (leaves.size() != 1) {
    fail_at(app.location,
            leaves.empty() ? fmt::format("the migrations of app {} form a cycle", app.name)
                           : fmt::format("app {} has {} leaf migrations: {}", app.name,
                                         leaves.size(), fmt::join(leaves, ", ")),
            "Django refuses such a history too: run makemigrations --merge, or check the "
            "dependencies");
  }
  return {app.name, leaves.front()};
}

std::set<DjangoKey> Graph::ancestors(const std::vector<DjangoKey>& starts) const {
  std::set<DjangoKey> seen(starts.begin(), starts.end());
  std::vector<DjangoKey> pending(starts.begin(), starts.end());
  while (!pending.empty()) {
    const DjangoKey key = pending.back();
    pending.pop_back();
    if (const auto found = parents_.find(key); found != parents_.end()) {
      for (const auto& parent : found->second) {
        if (seen.insert(parent).second) {
          pending.push_back(parent);
        }
      }
    }
  }
  return seen;
}

// Dependencies first; among the ready ones, the mapping's app order, then the name.
std::vector<DjangoKey> Graph::sorted(const std::set<DjangoKey>& keys) {
  std::map<std::string, std::size_t> app_rank;
  for (std::size_t i = 0; i < history_.apps.size(); ++i) {
    app_rank.emplace(history_.apps[i].name, i);
  }
  const auto rank = [&](const DjangoKey& key) { return std::make_pair(app_rank[key.first], key); };
  std::set<std::pair<std::size_t, DjangoKey>> ready;
  std::map<DjangoKey, std::size_t> waiting;
  for (const auto& key : keys) {
    const auto& parents = parents_[key];
    waiting[key] = static_cast<std::size_t>(std::count_if(
        parents.begin(), parents.end(), [&](const auto& parent) { return keys.count(parent); }));
    if (waiting[key] == 0) {
      ready.insert(rank(key));
    }
  }
  std::vector<DjangoKey> order;
  while (!ready.empty()) {
    const DjangoKey key = ready.begin()->second;
    ready.erase(ready.begin());
    order.push_back(key);
    for (const auto& other : keys) {
      if (parents_[other].count(key) != 0 && --waiting[other] == 0) {
        ready.insert(rank(other));
      }
    }
  }
  if (order.size() != keys.size()) {
    for (const auto& key : keys) {
      if (waiting[key] != 0) {
        problems_.push_back(at_file(*nodes_.at(key),
                                    fmt::format("{} is part of a dependency cycle", shown(key)),
                                    "check the dependencies of the migrations named here"));
      }
    }
    throw_problems();
  }
  return order;
}

std::vector<DjangoKey> Graph::rows() {
  std::vector<DjangoKey> starts;
  std::map<std::string, std::set<DjangoKey>> allowed; // explicit apps: what their version needs
  for (const auto& app : history_.apps) {
    const DjangoKey app_leaf = leaf(app);
    if (app.version == "latest") {
      const auto in_app = app_nodes(app.name);
      starts.insert(starts.end(), in_app.begin(), in_app.end());
      continue;
    }
    const DjangoKey wanted{app.name, app.version};
    if (nodes_.count(wanted) == 0) {
      std::vector<std::string> names;
      for (const auto& key : app_nodes(app.name)) {
        names.push_back(key.second);
      }
      fail_at(app.location,
              fmt::format("app {} has no migration {}{}", app.name, app.version,
                          core::did_you_mean_suffix(app.version, names)),
              fmt::format("give latest or a migration name of {} (its latest is {})",
                          app.directory.string(), app_leaf.second));
    }
    starts.push_back(wanted);
    allowed[app.name] = ancestors({wanted});
  }
  const auto selected = ancestors(starts);
  for (const auto& app : history_.apps) {
    const auto found = allowed.find(app.name);
    for (const auto& key : selected) {
      if (found != allowed.end() && key.first == app.name && found->second.count(key) == 0) {
        fail_at(app.location,
                fmt::format("app {} at {}: {} is needed by another listed app's migrations",
                            app.name, app.version, shown(key)),
                "Django would report an inconsistent history: raise this app's version");
      }
    }
  }
  std::vector<DjangoKey> rows;
  for (const auto& key : sorted(selected)) {
    rows.push_back(key);
    for (const auto& replaced : nodes_.at(key)->replaces) {
      rows.push_back(replaced);
    }
  }
  return rows;
}

} // namespace

DjangoHistory read_django_history(const std::vector<config::DjangoApp>& apps) {
  DjangoHistory history{apps, {}};
  core::Diagnostics problems;
  for (const auto& app : apps) {
    try {
      for (const auto& entry : list_migration_dir(app.directory)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || entry.path().extension() != ".py" || name.front() == '_' ||
            name.front() == '~') {
          continue;
        }
        history.migrations.push_back(
            parse_django_migration(read_migration_file(entry.path()), app.name, entry.path()));
      }
    } catch (const core::ConfigError& error) {
      for (auto problem : error.diagnostics()) {
        if (problem.where.line == 0) { // the folder itself: point at the app in the mapping
          problem.message =
              fmt::format("app {}: {} {}", app.name, problem.where.file, problem.message);
          problem.where = app.location;
        }
        problems.push_back(std::move(problem));
      }
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return history;
}

std::vector<DjangoKey> django_rows(const DjangoHistory& history) { return Graph(history).rows(); }

StampPlan django_stamp_plan(const StampTable& table, const std::vector<DjangoKey>& rows,
                            const QuoteIdent& quote_ident) {
  const auto& q = quote_ident;
  StampPlan plan;
  plan.tool = StampTool::django;
  plan.qualified_table =
      table.schema.empty() ? q(table.name) : fmt::format("{}.{}", q(table.schema), q(table.name));
  plan.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS "
      "IDENTITY, {} varchar(255) NOT NULL, {} varchar(255) NOT NULL, {} timestamptz NOT NULL)",
      plan.qualified_table, q("id"), q("app"), q("name"), q("applied")));
  plan.clear_statement = fmt::format("DELETE FROM {}", plan.qualified_table);
  plan.insert_statement = fmt::format("INSERT INTO {} ({}, {}, {}) VALUES ($1, $2, now())",
                                      plan.qualified_table, q("app"), q("name"), q("applied"));
  for (const auto& [app, name] : rows) {
    plan.rows.push_back({app, name});
  }
  plan.volatile_columns = {"id", "applied"};
  plan.key_columns = {"app", "name"};
  plan.key_positions = {0, 1};
  std::vector<std::string> apps;
  for (const auto& [app, name] : rows) {
    if (std::find(apps.begin(), apps.end(), app) == apps.end()) {
      apps.push_back(app);
    }
  }
  plan.summary = fmt::format("django: {} with {} migration{} of {}", plan.qualified_table,
                             rows.size(), rows.size() == 1 ? "" : "s", fmt::join(apps, ", "));
  return plan;
}

} // namespace pgsplit::stamp
