#include "integration/schema/split_run.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <tuple>

// The issue's "done when": a source with every object kind, split into two targets (one table
// renamed), each target created from the generated DDL and compared table by table with the
// source, minus the cross-target foreign keys.
using namespace pgsplit;
using namespace pgsplit::testing;
using namespace pgsplit::testing::schema_split;
using Catch::Matchers::Contains;

namespace {

// The source's definition text as the target must show it: customers became crm.clients.
std::string renamed(const std::string& text) {
  static const std::regex customers(R"(\bapp\.customers\b)");
  return std::regex_replace(text, customers, "crm.clients");
}

std::optional<std::string> renamed(const std::optional<std::string>& text) {
  return text ? std::optional<std::string>(renamed(*text)) : std::nullopt;
}

std::string name_in_target(const catalog::Catalog& catalog, catalog::Oid table) {
  const auto* found = catalog.find_table(table);
  return found == nullptr ? "?" : renamed(found->name.to_string());
}

std::set<catalog::Oid> cross_target_keys() {
  std::set<catalog::Oid> keys;
  for (const auto& key : split_run().plan.cross_target_foreign_keys) {
    keys.insert(key.constraint);
  }
  return keys;
}

void check_sequence(const catalog::Sequence& source, const catalog::Sequence& target) {
  INFO("sequence " << source.name.to_string());
  CHECK(std::tie(source.data_type, source.start, source.increment, source.minimum, source.maximum,
                 source.cache, source.cycle, source.comment) ==
        std::tie(target.data_type, target.start, target.increment, target.minimum, target.maximum,
                 target.cache, target.cycle, target.comment));
}

void check_columns(const catalog::Table& source, const catalog::Table& target,
                   const catalog::Catalog& source_catalog, const catalog::Catalog& target_catalog) {
  REQUIRE(source.columns.size() == target.columns.size());
  for (std::size_t index = 0; index < source.columns.size(); ++index) {
    const auto& expected = source.columns[index];
    const auto& actual = target.columns[index];
    INFO("column " << expected.name);
    CHECK(std::tie(expected.name, expected.number, expected.type, expected.not_null,
                   expected.identity, expected.generated_expression, expected.collation,
                   expected.is_local, expected.comment) ==
          std::tie(actual.name, actual.number, actual.type, actual.not_null, actual.identity,
                   actual.generated_expression, actual.collation, actual.is_local, actual.comment));
    CHECK(renamed(expected.default_expression) == actual.default_expression);
    REQUIRE(expected.identity_sequence.has_value() == actual.identity_sequence.has_value());
    if (expected.identity_sequence) {
      check_sequence(*source_catalog.find_sequence(*expected.identity_sequence),
                     *target_catalog.find_sequence(*actual.identity_sequence));
    }
  }
}

using ConstraintRow = std::tuple<std::string, catalog::ConstraintKind, std::string, bool, bool,
                                 bool, bool, std::optional<std::string>>;

std::vector<ConstraintRow> constraint_rows(const catalog::Table& table, bool source) {
  const auto dropped = cross_target_keys();
  std::vector<ConstraintRow> rows;
  for (const auto& constraint : table.constraints) {
    if (source && dropped.count(constraint.oid) != 0) {
      continue;
    }
    rows.emplace_back(constraint.name, constraint.kind,
                      source ? renamed(constraint.definition) : constraint.definition,
                      constraint.deferrable, constraint.deferred, constraint.validated,
                      constraint.is_local, constraint.comment);
  }
  return rows;
}

using IndexRow =
    std::tuple<std::string, std::string, bool, bool, bool, bool, std::optional<std::string>>;

std::vector<IndexRow> index_rows(const catalog::Table& table, bool source) {
  std::vector<IndexRow> rows;
  for (const auto& index : table.indexes) {
    rows.emplace_back(index.name, source ? renamed(index.definition) : index.definition,
                      index.is_unique, index.is_primary, index.backs_constraint,
                      index.parent_index.has_value(), index.comment);
  }
  return rows;
}

using TriggerRow = std::tuple<std::string, std::string, bool, bool>;

std::vector<TriggerRow> trigger_rows(const catalog::Table& table, bool source) {
  std::vector<TriggerRow> rows;
  for (const auto& trigger : table.triggers) {
    rows.emplace_back(trigger.name, source ? renamed(trigger.definition) : trigger.definition,
                      trigger.enabled, trigger.is_clone);
  }
  return rows;
}

void check_table(const catalog::Table& source, const catalog::Table& target,
                 const catalog::Catalog& source_catalog, const catalog::Catalog& target_catalog) {
  CHECK(source.kind == target.kind);
  CHECK(source.unlogged == target.unlogged);
  CHECK(source.comment == target.comment);
  CHECK(source.partition_key == target.partition_key);
  CHECK(source.partition_bound == target.partition_bound);
  CHECK(source.partition_parent.has_value() == target.partition_parent.has_value());
  if (source.partition_parent && target.partition_parent) {
    CHECK(name_in_target(source_catalog, *source.partition_parent) ==
          target_catalog.find_table(*target.partition_parent)->name.to_string());
  }
  std::vector<std::string> source_parents;
  std::vector<std::string> target_parents;
  for (const auto oid : source.inherits)
    source_parents.push_back(name_in_target(source_catalog, oid));
  for (const auto oid : target.inherits)
    target_parents.push_back(name_in_target(target_catalog, oid));
  CHECK(source_parents == target_parents);
  check_columns(source, target, source_catalog, target_catalog);
  CHECK(constraint_rows(source, true) == constraint_rows(target, false));
  CHECK(index_rows(source, true) == index_rows(target, false));
  CHECK(trigger_rows(source, true) == trigger_rows(target, false));
}

const catalog::Catalog& target_catalog(const std::string& target) {
  return split_run().target_catalogs.at(target);
}

} // namespace

TEST_CASE("every table of each target matches its source table", "[schema]") {
  const auto& run = split_run();
  std::size_t compared = 0;
  for (const auto& target : run.plan.targets) {
    for (const auto& placed : target.tables) {
      INFO("target " << target.name << ", table " << placed.target_name.to_string());
      const auto* source = run.source_catalog.find_table(placed.table);
      const auto* created = target_catalog(target.name).find_table(placed.target_name);
      REQUIRE(source != nullptr);
      REQUIRE(created != nullptr);
      check_table(*source, *created, run.source_catalog, target_catalog(target.name));
      ++compared;
    }
  }
  CHECK(compared == 15); // every table of the source, partitions and the child included
  CHECK(target_catalog("crm").find_table(catalog::QualifiedName{"app", "customers"}) == nullptr);
}

TEST_CASE("types, functions, sequences, schemas and extensions are recreated", "[schema]") {
  const auto& run = split_run();
  for (const auto& target : run.plan.targets) {
    const auto& created = target_catalog(target.name);
    for (const auto oid : target.types) {
      const auto& source = *run.source_catalog.find_type(oid);
      INFO("type " << source.name.to_string() << " in " << target.name);
      const auto found =
          std::find_if(created.types.begin(), created.types.end(),
                       [&](const catalog::Type& type) { return type.name == source.name; });
      REQUIRE(found != created.types.end());
      CHECK(
          std::tie(source.kind, source.enum_labels, source.domain_base_type, source.domain_default,
                   source.domain_not_null, source.domain_collation, source.range_subtype,
                   source.range_subtype_diff, source.multirange_name, source.comment) ==
          std::tie(found->kind, found->enum_labels, found->domain_base_type, found->domain_default,
                   found->domain_not_null, found->domain_collation, found->range_subtype,
                   found->range_subtype_diff, found->multirange_name, found->comment));
      CHECK(source.domain_constraints.size() == found->domain_constraints.size());
      CHECK(source.composite_attributes.size() == found->composite_attributes.size());
    }
    for (const auto oid : target.functions) {
      const auto& source = *run.source_catalog.find_function(oid);
      INFO("function " << source.name.to_string() << " in " << target.name);
      const auto found = std::find_if(
          created.functions.begin(), created.functions.end(),
          [&](const catalog::Function& function) { return function.name == source.name; });
      REQUIRE(found != created.functions.end());
      CHECK(found->definition == source.definition);
      CHECK(found->comment == source.comment);
    }
    for (const auto oid : target.sequences) {
      const auto& source = *run.source_catalog.find_sequence(oid);
      const auto found = std::find_if(
          created.sequences.begin(), created.sequences.end(),
          [&](const catalog::Sequence& sequence) { return sequence.name == source.name; });
      REQUIRE(found != created.sequences.end());
      check_sequence(source, *found);
    }
  }
  const auto& crm = target_catalog("crm");
  CHECK(crm.find_schema("app")->comment == "the application");
  CHECK(crm.find_schema("crm") != nullptr);
  CHECK(crm.find_schema("Odd Schema") != nullptr);
  CHECK(
      std::any_of(crm.extensions.begin(), crm.extensions.end(),
                  [](const catalog::Extension& extension) { return extension.name == "citext"; }));
  // the sequence named only inside the trigger function's body came along
  CHECK(std::any_of(crm.sequences.begin(), crm.sequences.end(),
                    [](const catalog::Sequence& sequence) {
                      return sequence.name == catalog::QualifiedName{"app", "audit_seq"};
                    }));
}

TEST_CASE("sequences and identities continue from the value the copy sets", "[schema]") {
  const auto& run = split_run();
  auto crm = run.targets.at("crm").connect();
  crm.exec("SELECT setval(pg_get_serial_sequence('crm.clients', 'id'), 1020)");
  CHECK(crm.exec("INSERT INTO crm.clients (email, name) VALUES ('c@x', 'Cy') RETURNING id")
            .int64(0, "id") == 1030);
  crm.exec("SELECT setval('app.bookings_id_seq', 7)");
  CHECK(crm.exec("INSERT INTO app.bookings (room, span) VALUES ('r', '[1,2)') RETURNING id")
            .int64(0, "id") == 8);
  crm.exec("SELECT setval('app.audit_seq', 40)");
  CHECK(crm.exec("INSERT INTO app.audit_log DEFAULT VALUES RETURNING seq").int64(0, "seq") == 41);
  auto billing = run.targets.at("billing").connect();
  billing.exec("SELECT setval('app.shared_seq', 200)");
  billing.exec("SELECT setval('billing.invoices_id_seq', 50)");
  const auto invoice =
      billing.exec("INSERT INTO billing.invoices (customer_id) VALUES (999999) RETURNING id, ref");
  CHECK(invoice.int64(0, "id") == 51);
  CHECK(invoice.int64(0, "ref") == 205);
}

TEST_CASE("the NOT VALID check accepts the source's old rows and still guards new ones",
          "[schema]") {
  auto crm = split_run().targets.at("crm").connect();
  CHECK(crm.exec("SELECT count(*) AS n FROM app.orders WHERE total >= 1000000").int64(0, "n") == 1);
  CHECK_THROWS_AS(
      crm.exec("INSERT INTO app.orders (id, customer_id, total) VALUES (7, 1010, 3000000)"),
      core::SqlError);
}

TEST_CASE("cross-target keys are dropped and the spanning view is left behind", "[schema]") {
  const auto& run = split_run();
  const auto& invoices =
      *target_catalog("billing").find_table(catalog::QualifiedName{"billing", "invoices"});
  CHECK(std::none_of(invoices.constraints.begin(), invoices.constraints.end(),
                     [](const catalog::Constraint& constraint) {
                       return constraint.kind == catalog::ConstraintKind::foreign_key;
                     }));
  const bool left_behind = std::any_of(
      run.plan.views_left_behind.begin(), run.plan.views_left_behind.end(),
      [](const plan::LeftBehindView& view) { return view.name.name == "customer_invoices"; });
  CHECK(left_behind);
  for (const auto& [name, created] : run.target_catalogs) {
    for (const auto& view : created.views) {
      CHECK(view.name.name != "customer_invoices");
    }
  }
  CHECK(target_catalog("billing").views.empty());
}

TEST_CASE("views: the renamed table's reader is rewritten, the materialized view filled",
          "[schema]") {
  const auto& run = split_run();
  const auto& crm = target_catalog("crm");
  REQUIRE(crm.views.size() == 3);
  const auto& active = crm.views[0];
  CHECK(active.name == catalog::QualifiedName{"app", "active_customers"});
  CHECK_THAT(active.definition, Contains("FROM crm.clients customers"));
  CHECK(active.comment == "active only");
  const auto& joined = crm.views[1]; // the table had an alias: only the name changes
  CHECK(joined.name == catalog::QualifiedName{"app", "order_customers"});
  CHECK_THAT(joined.definition, Contains("JOIN crm.clients c ON"));
  const auto& totals = crm.views[2];
  const auto& source_totals =
      *std::find_if(run.source_catalog.views.begin(), run.source_catalog.views.end(),
                    [](const catalog::View& view) { return view.name.name == "order_totals"; });
  CHECK(totals.definition == source_totals.definition);
  REQUIRE(totals.indexes.size() == 1);
  CHECK(totals.indexes[0].definition == source_totals.indexes[0].definition);
  auto connection = run.targets.at("crm").connect();
  CHECK(connection.exec("SELECT count(*) AS n FROM app.order_totals").int64(0, "n") == 1);
  CHECK(connection.exec("SELECT count(*) AS n FROM app.active_customers").int64(0, "n") == 0);
  const auto& notes = run.ddl.at("crm").notes;
  CHECK(std::any_of(notes.begin(), notes.end(), [](const std::string& note) {
    return note.find("view app.active_customers reads renamed tables") != std::string::npos;
  }));
}

TEST_CASE("hostile names are created as names, never run as SQL", "[schema]") {
  const auto& run = split_run();
  const auto* hostile = target_catalog("crm").find_table(
      catalog::QualifiedName{"Odd Schema", "x\"; DROP TABLE victim; --"});
  REQUIRE(hostile != nullptr);
  CHECK(hostile->comment == "it's hostile");
  CHECK(target_catalog("billing").find_table(catalog::QualifiedName{"app", "victim"}) != nullptr);
  CHECK(run.source_catalog.find_table(catalog::QualifiedName{"app", "victim"}) != nullptr);
}
