#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>

#include <optional>
#include <string>

// Who owns each created object in a target: the rules PostgreSQL applies to ALTER … OWNER TO,
// decided once from the plan (pure) so that the plan's warnings and the DDL agree.
namespace pgsplit::plan {

// The owner of a created schema in the target: its source owner, or nullopt for the role
// pgsplit connects as (options.owners: connecting_role, a role the target server lacks or
// pgsplit may not assign, or, unless pgsplit is a superuser there, a role without CREATE on
// the target database). `public` owned by pg_database_owner: nullopt (it is the database's).
std::optional<std::string> schema_owner(const TargetPlan& target, const catalog::Schema& schema);

// The owner in the target of an object of `schema`: its source owner when the role may own
// it, and, unless pgsplit is a superuser there, has CREATE on that schema in the target (it
// owns the schema, or the schema's carried privileges grant CREATE to it or PUBLIC).
std::optional<std::string> object_owner(const TargetPlan& target, const catalog::Catalog& catalog,
                                        const catalog::Access& access, const std::string& schema);

} // namespace pgsplit::plan
