#include <pgsplit/plan/findings.hpp>
#include <pgsplit/plan/ownership.hpp>
#include <pgsplit/plan/rules.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace pgsplit::plan::detail {
namespace {

// Objects named by role, for the messages: "table app.users, view app.active_users".
using ObjectsByRole = std::map<std::string, std::vector<std::string>>;

// A created object with an owner, for the schema rules of ownership.hpp.
struct OwnedObject {
  std::string what;
  const catalog::Access* access = nullptr;
  const catalog::Schema* schema = nullptr; // the object is this schema
  std::string in_schema;                   // or lives in this one
};

struct TargetRoles {
  ObjectsByRole owners;   // owners, and roles whose default privileges the target sets
  ObjectsByRole grantees; // roles privileges are granted to
  ObjectsByRole policies; // roles row-level security policies name
  std::vector<OwnedObject> owned;
};

void add_access(TargetRoles& roles, const catalog::Access& access, const std::string& what,
                const std::string& in_schema) {
  if (!access.owner.empty()) {
    roles.owners[access.owner].push_back(what);
    roles.owned.push_back({what, &access, nullptr, in_schema});
  }
  for (const auto& privilege : access.privileges) {
    if (privilege.grantee && !privilege.to_owner) {
      auto& objects = roles.grantees[*privilege.grantee];
      if (objects.empty() || objects.back() != what) {
        objects.push_back(what);
      }
    }
  }
}

void add_schema(TargetRoles& roles, const catalog::Schema& schema) {
  const std::string what = "schema " + schema.name;
  // Every database has public, owned by pg_database_owner: only another owner is carried.
  if (schema.name != "public" || schema.access.owner != "pg_database_owner") {
    add_access(roles, schema.access, what, {});
    roles.owned.back().schema = &schema;
  } else {
    add_access(roles, {{}, schema.access.privileges}, what, {});
  }
  for (const auto& defaults : schema.default_privileges) {
    roles.owners[defaults.role].push_back("default privileges in " + what);
    if (defaults.grantee) {
      roles.grantees[*defaults.grantee].push_back("default privileges in " + what);
    }
  }
}

void add_table(TargetRoles& roles, const catalog::Table& table, const std::string& in_schema) {
  const std::string what = "table " + table.name.to_string();
  add_access(roles, table.access, what, in_schema);
  for (const auto& policy : table.policies) {
    for (const auto& role : policy.roles) {
      if (role != "public") {
        roles.policies[role].push_back(fmt::format("policy {} on {}", policy.name, what));
      }
    }
  }
}

TargetRoles roles_of(const TargetPlan& target, const catalog::Catalog& catalog) {
  TargetRoles roles;
  for (const auto& name : target.schemas) {
    if (const auto* schema = catalog.find_schema(name)) {
      add_schema(roles, *schema);
    }
  }
  for (const Oid oid : target.types) {
    const auto* type = catalog.find_type(oid);
    add_access(roles, type->access, "type " + type->name.to_string(), type->name.schema);
  }
  for (const Oid oid : target.functions) {
    const auto* function = catalog.find_function(oid);
    add_access(roles, function->access, "function " + function->name.to_string(),
               function->name.schema);
  }
  for (const Oid oid : target.sequences) {
    const auto* sequence = catalog.find_sequence(oid);
    add_access(roles, sequence->access, "sequence " + sequence->name.to_string(),
               sequence->name.schema);
  }
  std::set<Oid> tables;
  for (const auto& placed : target.tables) {
    const auto* table = catalog.find_table(placed.table);
    if (table->kind != catalog::TableKind::foreign_table && tables.insert(placed.table).second) {
      add_table(roles, *table, placed.target_name.schema);
    }
  }
  for (const Oid oid : target.views) {
    const auto* view = catalog.find_view(oid);
    add_access(roles, view->access, "view " + view->name.to_string(), view->name.schema);
  }
  for (const auto& ref : target.objects) {
    if (const auto* object = catalog.find_object(ref)) {
      add_access(roles, object->access,
                 fmt::format("{} {}", catalog::to_string(object->kind), object->readable()),
                 object->name.schema);
    }
  }
  return roles;
}

const TargetRole* find_role(const TargetFacts& facts, const std::string& name) {
  const auto found = std::find_if(facts.roles.begin(), facts.roles.end(),
                                  [&](const TargetRole& role) { return role.name == name; });
  return found == facts.roles.end() ? nullptr : &*found;
}

// "table app.a, view app.b and 3 more"
std::string some_of(const std::vector<std::string>& objects) {
  constexpr std::size_t shown = 3;
  if (objects.size() <= shown) {
    return fmt::format("{}", fmt::join(objects, ", "));
  }
  return fmt::format("{} and {} more", fmt::join(objects.begin(), objects.begin() + shown, ", "),
                     objects.size() - shown);
}

void check_owners(Plan& plan, TargetPlan& target, const core::Location& where,
                  const ObjectsByRole& owners, const TargetFacts& facts) {
  for (const auto& [role, objects] : owners) {
    const auto* found = find_role(facts, role);
    if (found != nullptr && found->can_assign) {
      continue;
    }
    target.unassignable_owners.push_back(role);
    add_warning(plan, where,
                fmt::format("role {} owns {} in the source, but {}: they will belong to the role "
                            "pgsplit connects as",
                            role, some_of(objects),
                            found == nullptr ? "it does not exist on the target server"
                                             : "pgsplit's role may not assign objects to it "
                                               "(neither superuser nor member of it)"),
                found == nullptr
                    ? fmt::format("create the role on the target server first (CREATE ROLE {}), "
                                  "or set options.owners: connecting_role",
                                  role)
                    : fmt::format("GRANT {} TO the role pgsplit connects as, or set "
                                  "options.owners: connecting_role",
                                  role));
  }
}

// Without superuser, PostgreSQL wants a schema's owner to have CREATE on the database, and an
// object's owner CREATE on its schema: objects whose role lacks it stay with pgsplit's role.
void check_schema_rules(Plan& plan, const TargetPlan& target, const core::Location& where,
                        const catalog::Catalog& catalog, const TargetRoles& roles) {
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> stranded;
  for (const auto& object : roles.owned) {
    const auto& owner = object.access->owner;
    if (std::find(target.unassignable_owners.begin(), target.unassignable_owners.end(), owner) !=
        target.unassignable_owners.end()) {
      continue; // already reported for the role
    }
    const bool kept =
        object.schema != nullptr
            ? schema_owner(target, *object.schema).has_value()
            : object_owner(target, catalog, *object.access, object.in_schema).has_value();
    if (!kept) {
      stranded[{owner, object.schema != nullptr ? std::string() : object.in_schema}].push_back(
          object.what);
    }
  }
  for (const auto& [key, objects] : stranded) {
    const auto& [role, schema] = key;
    add_warning(
        plan, where,
        schema.empty()
            ? fmt::format("role {} may not own {} in target {}: it has no CREATE privilege on "
                          "the target database; it will belong to the role pgsplit connects as",
                          role, some_of(objects), target.name)
            : fmt::format("role {} may not own {} in target {}: it will have no CREATE privilege "
                          "on schema {} there; they will belong to the role pgsplit connects as",
                          role, some_of(objects), target.name, schema),
        schema.empty() ? fmt::format("GRANT CREATE ON DATABASE … TO {} on the target server, "
                                     "connect as a superuser, or set options.owners: "
                                     "connecting_role",
                                     role)
                       : fmt::format("let {} own schema {} too (see the warning about it), "
                                     "connect as a superuser, or set options.owners: "
                                     "connecting_role",
                                     role, schema));
  }
}

void check_grantees(Plan& plan, TargetPlan& target, const core::Location& where,
                    const ObjectsByRole& grantees, const TargetFacts& facts) {
  for (const auto& [role, objects] : grantees) {
    if (find_role(facts, role) != nullptr) {
      continue;
    }
    target.missing_roles.push_back(role);
    add_warning(plan, where,
                fmt::format("privileges granted to role {} on {} are left out: the role does not "
                            "exist on the target server",
                            role, some_of(objects)),
                fmt::format("create the role on the target server first (CREATE ROLE {}), or "
                            "set options.privileges: none to leave every grant out",
                            role));
  }
}

// A policy without its role would apply to no one (or be refused): never dropped silently.
void check_policy_roles(Plan& plan, const core::Location& where, const ObjectsByRole& policies,
                        const TargetFacts& facts) {
  for (const auto& [role, objects] : policies) {
    if (find_role(facts, role) == nullptr) {
      add_error(plan, where,
                fmt::format("{} names role {}, which does not exist on the target server: the "
                            "policy cannot be created",
                            some_of(objects), role),
                fmt::format("create the role on the target server first (CREATE ROLE {})", role));
    }
  }
}

// PostgreSQL lets only a superuser create operator classes and families, text search parsers
// and templates, and binary-coercible casts (WITHOUT FUNCTION): without one, apply would fail
// at that object after writing the target's first objects.
void check_superuser_objects(Plan& plan, const TargetPlan& target, const core::Location& where,
                             const catalog::Catalog& catalog, const TargetFacts& facts) {
  if (facts.is_superuser) {
    return;
  }
  std::vector<std::string> needing;
  for (const auto& ref : target.objects) {
    const auto* object = catalog.find_object(ref);
    const auto* method = object == nullptr ? nullptr : object->setting("method");
    if (object != nullptr &&
        (ref.kind == catalog::ObjectKind::operator_class ||
         ref.kind == catalog::ObjectKind::operator_family ||
         ref.kind == catalog::ObjectKind::text_search_parser ||
         ref.kind == catalog::ObjectKind::text_search_template ||
         (ref.kind == catalog::ObjectKind::cast && method != nullptr && *method == "b"))) {
      needing.push_back(fmt::format("{} {}", catalog::to_string(ref.kind), object->readable()));
    }
  }
  if (!needing.empty()) {
    add_error(plan, where,
              fmt::format("{} can only be created by a superuser, and pgsplit's role on this "
                          "target server is not one",
                          fmt::join(needing, ", ")),
              "connect to this target as a superuser (the user of its url), or create these "
              "objects there yourself and use options.schema: existing");
  }
}

} // namespace

void check_target_roles(Plan& plan, TargetPlan& target, const core::Location& where,
                        const catalog::Catalog& catalog, const TargetFacts& facts) {
  if (!facts.roles_known) {
    return;
  }
  const auto roles = roles_of(target, catalog);
  target.connecting_as_superuser = facts.is_superuser;
  for (const auto& role : facts.roles) {
    if (!role.can_create_schemas) {
      target.roles_without_database_create.push_back(role.name);
    }
  }
  if (target.keep_privileges) {
    check_grantees(plan, target, where, roles.grantees, facts);
  }
  if (target.keep_owners) {
    check_owners(plan, target, where, roles.owners, facts);
    check_schema_rules(plan, target, where, catalog, roles);
  }
  check_policy_roles(plan, where, roles.policies, facts);
  check_superuser_objects(plan, target, where, catalog, facts);
}

} // namespace pgsplit::plan::detail
