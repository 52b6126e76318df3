#include <pgsplit/plan/ownership.hpp>

#include <algorithm>

namespace pgsplit::plan {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool may_own(const TargetPlan& target, const std::string& owner) {
  return target.keep_owners && !owner.empty() && !contains(target.unassignable_owners, owner);
}

// Whether the schema's carried privileges give CREATE to `role` (or to PUBLIC).
bool grants_create(const TargetPlan& target, const catalog::Schema& schema,
                   const std::string& role) {
  if (!target.keep_privileges) {
    return false;
  }
  return std::any_of(schema.access.privileges.begin(), schema.access.privileges.end(),
                     [&](const catalog::Privilege& privilege) {
                       return !privilege.revoke && privilege.privilege == "CREATE" &&
                              !privilege.to_owner &&
                              (!privilege.grantee || *privilege.grantee == role);
                     });
}

} // namespace

std::optional<std::string> schema_owner(const TargetPlan& target, const catalog::Schema& schema) {
  const auto& owner = schema.access.owner;
  if (!may_own(target, owner) || (schema.name == "public" && owner == "pg_database_owner")) {
    return std::nullopt;
  }
  if (!target.connecting_as_superuser && contains(target.roles_without_database_create, owner)) {
    return std::nullopt;
  }
  return owner;
}

std::optional<std::string> object_owner(const TargetPlan& target, const catalog::Catalog& catalog,
                                        const catalog::Access& access, const std::string& schema) {
  const auto& owner = access.owner;
  if (!may_own(target, owner)) {
    return std::nullopt;
  }
  if (target.connecting_as_superuser) {
    return owner;
  }
  const auto* source_schema = catalog.find_schema(schema);
  if (source_schema == nullptr) { // a schema only a rename creates: the connecting role's
    return std::nullopt;
  }
  if (schema_owner(target, *source_schema) == owner ||
      grants_create(target, *source_schema, owner)) {
    return owner;
  }
  return std::nullopt;
}

} // namespace pgsplit::plan
