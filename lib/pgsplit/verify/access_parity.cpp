#include <pgsplit/plan/ownership.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/schema/rename.hpp>
#include <pgsplit/verify/access_descriptions.hpp>
#include <pgsplit/verify/access_parity.hpp>
#include <pgsplit/verify/policy_parity.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

namespace pgsplit::verify {
namespace {

using detail::describe;
using detail::Descriptions;
using detail::privileges_of;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

template <typename Item>
const Item* find_named(const std::vector<Item>& items, const catalog::QualifiedName& name) {
  const auto found =
      std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.name == name; });
  return found == items.end() ? nullptr : &*found;
}

const catalog::Function* find_routine(const catalog::Catalog& catalog,
                                      const catalog::Function& wanted) {
  const auto found = std::find_if(catalog.functions.begin(), catalog.functions.end(),
                                  [&](const catalog::Function& function) {
                                    return function.name == wanted.name &&
                                           function.identity_arguments == wanted.identity_arguments;
                                  });
  return found == catalog.functions.end() ? nullptr : &*found;
}

class AccessComparison {
public:
  AccessComparison(const catalog::Catalog& source, const plan::TargetPlan& target,
                   const catalog::Catalog& actual, std::string connecting_role,
                   std::vector<Finding>& findings)
      : source_(source), target_(target), actual_(actual),
        connecting_role_(std::move(connecting_role)), findings_(findings) {}

  void schemas();
  void types_and_routines();
  void sequences();
  void tables();
  void views();

private:
  void differ(const std::string& object, std::string message) {
    findings_.push_back(
        {CheckKind::schema, Outcome::mismatch, target_.name, object, std::move(message)});
  }
  // `extras`: whether entries only the target has are mismatches too.
  void compare_set(const std::string& object, std::string_view what, const Descriptions& expected,
                   const Descriptions& actual, bool extras = true);
  void compare_owner(const std::string& object, const std::optional<std::string>& expected,
                     const std::string& actual);
  // The owner and privileges of an object other than a schema; `expected_owner` nullopt: the
  // role pgsplit connects as.
  void compare_object(const std::string& object, const catalog::Access& expected,
                      const std::optional<std::string>& expected_owner,
                      const catalog::Access& actual);
  void default_privileges(const catalog::Schema& expected, const catalog::Schema& actual);
  // `owner`: who owns the object in the target; a grant to it is implied by ownership.
  Descriptions expected_privileges(const catalog::Access& access, const std::string& owner) const;
  std::optional<std::string> owner_in(const catalog::Access& access,
                                      const std::string& schema) const {
    return plan::object_owner(target_, source_, access, schema);
  }
  schema::detail::Renames renames() const;

  const catalog::Catalog& source_;
  const plan::TargetPlan& target_;
  const catalog::Catalog& actual_;
  std::string connecting_role_;
  std::vector<Finding>& findings_;
};

void AccessComparison::compare_set(const std::string& object, std::string_view what,
                                   const Descriptions& expected, const Descriptions& actual,
                                   bool extras) {
  for (const auto& entry : expected) {
    if (actual.count(entry) == 0) {
      differ(object, fmt::format("{} {} is missing in the target", what, entry));
    }
  }
  for (const auto& entry : actual) {
    if (!extras) {
      break;
    }
    if (expected.count(entry) == 0) {
      differ(object,
             fmt::format("{} {} is in the target, not carried from the source", what, entry));
    }
  }
}

void AccessComparison::compare_owner(const std::string& object,
                                     const std::optional<std::string>& expected,
                                     const std::string& actual) {
  const std::string wanted = expected.value_or(connecting_role_);
  if (!wanted.empty() && wanted != actual) {
    differ(object, fmt::format("owned by {} in the target, {} expected{}", actual, wanted,
                               expected ? "" : " (the role pgsplit connects as)"));
  }
}

// What the split grants and revokes: nothing under options.privileges: none, and nothing for
// roles the target server lacks (the plan warned about those).
Descriptions AccessComparison::expected_privileges(const catalog::Access& access,
                                                   const std::string& owner) const {
  Descriptions expected;
  if (!target_.keep_privileges) {
    return expected;
  }
  for (const auto& privilege : access.privileges) {
    if (!privilege.to_owner && privilege.grantee &&
        (contains(target_.missing_roles, *privilege.grantee) || *privilege.grantee == owner)) {
      continue;
    }
    expected.insert(describe(privilege));
  }
  return expected;
}

void AccessComparison::compare_object(const std::string& object, const catalog::Access& expected,
                                      const std::optional<std::string>& expected_owner,
                                      const catalog::Access& actual) {
  compare_owner(object, expected_owner, actual.owner);
  compare_set(object, "privilege",
              expected_privileges(expected, expected_owner.value_or(connecting_role_)),
              privileges_of(actual));
}

void AccessComparison::default_privileges(const catalog::Schema& expected,
                                          const catalog::Schema& actual) {
  Descriptions wanted;
  if (target_.keep_privileges && target_.keep_owners) {
    for (const auto& entry : expected.default_privileges) {
      if ((entry.grantee && contains(target_.missing_roles, *entry.grantee)) ||
          contains(target_.unassignable_owners, entry.role) || describe(entry).empty()) {
        continue;
      }
      wanted.insert(describe(entry));
    }
  }
  Descriptions found;
  for (const auto& entry : actual.default_privileges) {
    if (!describe(entry).empty()) {
      found.insert(describe(entry));
    }
  }
  compare_set("schema " + expected.name, "default privilege", wanted, found);
}

// Schema public exists in every database: its owner and privileges are compared only when the
// split sets them.
void AccessComparison::schemas() {
  for (const auto& name : target_.schemas) {
    const auto* expected = source_.find_schema(name);
    if (expected == nullptr) {
      continue;
    }
    const std::string object = "schema " + name;
    const auto* actual = actual_.find_schema(name);
    if (actual == nullptr) {
      differ(object, "the schema is missing");
      continue;
    }
    const auto owner = plan::schema_owner(target_, *expected);
    if (name != "public" || owner) {
      compare_owner(object, owner, actual->access.owner);
    }
    // public keeps what the target database gave it where pgsplit's role may not revoke it
    // (a database it does not own): only what the split grants is checked there.
    if (name != "public" || target_.keep_privileges) {
      compare_set(object, "privilege",
                  expected_privileges(expected->access, owner.value_or(actual->access.owner)),
                  privileges_of(actual->access), name != "public");
    }
    default_privileges(*expected, *actual);
  }
}

void AccessComparison::types_and_routines() {
  for (const catalog::Oid oid : target_.types) {
    const auto* expected = source_.find_type(oid);
    const std::string object = "type " + expected->name.to_string();
    if (const auto* actual = find_named(actual_.types, expected->name)) {
      compare_object(object, expected->access, owner_in(expected->access, expected->name.schema),
                     actual->access);
    } else {
      differ(object, "the type is missing");
    }
  }
  for (const catalog::Oid oid : target_.functions) {
    const auto* expected = source_.find_function(oid);
    if (expected->kind == 'a' && !expected->aggregate) { // not created (access_ddl.cpp)
      continue;
    }
    const std::string object =
        fmt::format("function {}({})", expected->name.to_string(), expected->identity_arguments);
    if (const auto* actual = find_routine(actual_, *expected)) {
      compare_object(object, expected->access, owner_in(expected->access, expected->name.schema),
                     actual->access);
    } else {
      differ(object, "the function is missing");
    }
  }
}

// A sequence OWNED BY a column of a table created in its schema follows that table's owner
// (as access_ddl.cpp creates it). One missing from the target is not reported here: the
// sequence check follows each column's default to the sequence the target uses.
void AccessComparison::sequences() {
  for (const catalog::Oid oid : target_.sequences) {
    const auto* expected = source_.find_sequence(oid);
    const std::string object = "sequence " + expected->name.to_string();
    const auto* actual = find_named(actual_.sequences, expected->name);
    if (actual == nullptr) {
      continue; // the sequence check follows the columns' defaults to their sequences
    }
    auto owner = owner_in(expected->access, expected->name.schema);
    if (expected->owner_table && expected->owner_column) {
      const auto placed = std::find_if(
          target_.tables.begin(), target_.tables.end(),
          [&](const plan::PlacedTable& table) { return table.table == *expected->owner_table; });
      const auto* table = source_.find_table(*expected->owner_table);
      if (placed != target_.tables.end() && table != nullptr &&
          placed->target_name.schema == expected->name.schema) {
        owner = owner_in(table->access, placed->target_name.schema);
      }
    }
    compare_object(object, expected->access, owner, actual->access);
  }
}

// The names the target gives the tables it renames (first placement), as the DDL rewrites
// policy expressions.
schema::detail::Renames AccessComparison::renames() const {
  schema::detail::Renames renames;
  std::set<catalog::Oid> seen;
  for (const auto& placed : target_.tables) {
    if (seen.insert(placed.table).second) {
      renames.set(placed.source_name, placed.target_name);
      renames.set_columns(placed.source_name, plan::renamed_columns(placed));
    }
  }
  return renames;
}

// A table missing in the target is reported by compare_schema; foreign tables are not created.
void AccessComparison::tables() {
  const auto all = renames();
  std::set<std::pair<catalog::Oid, catalog::QualifiedName>> seen;
  for (const auto& placed : target_.tables) {
    const auto* expected = source_.find_table(placed.table);
    const auto* actual = actual_.find_table(placed.target_name);
    if (expected == nullptr || actual == nullptr ||
        expected->kind == catalog::TableKind::foreign_table ||
        !seen.emplace(placed.table, placed.target_name).second) {
      continue;
    }
    const auto object = placed.target_name.to_string();
    const auto access = plan::target_access(placed, expected->access); // columns renamed, dropped
    compare_object(object, access, owner_in(access, placed.target_name.schema), actual->access);
    auto own = all; // a second placement of the table, under another name
    own.set(placed.source_name, placed.target_name);
    for (auto& difference : detail::row_security_differences(*expected, *actual, own)) {
      differ(object, std::move(difference));
    }
  }
}

void AccessComparison::views() {
  for (const catalog::Oid oid : target_.views) {
    const auto* expected = source_.find_view(oid);
    const std::string object = "view " + expected->name.to_string();
    if (const auto* actual = find_named(actual_.views, expected->name)) {
      compare_object(object, expected->access, owner_in(expected->access, expected->name.schema),
                     actual->access);
    } else {
      differ(object, "the view is missing");
    }
  }
}

} // namespace

void compare_access(const catalog::Catalog& source, const plan::TargetPlan& target,
                    const catalog::Catalog& target_catalog, const std::string& connecting_role,
                    std::vector<Finding>& findings) {
  AccessComparison comparison(source, target, target_catalog, connecting_role, findings);
  comparison.schemas();
  comparison.types_and_routines();
  comparison.sequences();
  comparison.tables();
  comparison.views();
}

} // namespace pgsplit::verify
