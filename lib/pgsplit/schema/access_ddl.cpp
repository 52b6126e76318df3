#include <pgsplit/pg/quote.hpp>
#include <pgsplit/plan/ownership.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace pgsplit::schema::detail {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A created object whose owner and privileges are carried over.
struct AccessObject {
  std::string alter; // after ALTER, before OWNER TO: "TABLE \"app\".\"users\""
  std::string grant; // after GRANT … ON: "TABLE \"app\".\"users\""
  std::string what;  // "table app.users"
  const catalog::Access* access = nullptr;
  bool own = true; // false: its ownership follows another object (or is the database's)
  const catalog::Schema* schema = nullptr; // the object is this schema
  std::string in_schema;                   // or lives in this one
  bool privileges = true;                  // false: `access` is borrowed for its owner only
};

std::string routine_signature(const catalog::Function& function) {
  return fmt::format("{}({})", pg::quote_qualified(function.name.schema, function.name.name),
                     function.identity_arguments);
}

// ALTER AGGREGATE names an aggregate as CREATE AGGREGATE does ("x float8 ORDER BY anyelement",
// "*"); GRANT … ON FUNCTION wants the argument types in a plain list.
std::string aggregate_signature(const catalog::Function& function) {
  const auto& arguments = function.identity_arguments;
  return fmt::format("AGGREGATE {}({})",
                     pg::quote_qualified(function.name.schema, function.name.name),
                     arguments.empty() ? "*" : arguments);
}

std::string grant_signature(const catalog::Function& function) {
  std::string arguments = function.identity_arguments;
  if (const auto found = arguments.find(" ORDER BY "); found != std::string::npos) {
    arguments.replace(found, 10, ", ");
  } else if (arguments.rfind("ORDER BY ", 0) == 0) {
    arguments.erase(0, 9);
  }
  return fmt::format("{}({})", pg::quote_qualified(function.name.schema, function.name.name),
                     arguments);
}

// A sequence OWNED BY a column of this target follows its table's owner: ALTER SEQUENCE …
// OWNER TO refuses it (the same rule add_sequence_ownership applies).
bool follows_its_table(const Context& context, const catalog::Sequence& sequence) {
  if (!sequence.owner_table || !sequence.owner_column) {
    return false;
  }
  const auto* owner = context.target_name_of(*sequence.owner_table);
  return owner != nullptr && owner->schema == sequence.name.schema;
}

void add_schemas_and_routines(std::vector<AccessObject>& out, const Context& context) {
  const auto& catalog = context.catalog();
  for (const auto& name : context.target().schemas) {
    if (const auto* schema = catalog.find_schema(name)) {
      const auto quoted = "SCHEMA " + pg::quote_ident(name);
      // Every database has public, owned by pg_database_owner: only another owner is carried.
      out.push_back({quoted, quoted, "schema " + name, &schema->access, true, schema});
    }
  }
  for (const catalog::Oid oid : context.target().types) {
    const auto* type = catalog.find_type(oid);
    const auto quoted = pg::quote_qualified(type->name.schema, type->name.name);
    const bool domain = type->kind == catalog::TypeKind::domain;
    out.push_back({(domain ? "DOMAIN " : "TYPE ") + quoted, "TYPE " + quoted,
                   "type " + type->name.to_string(), &type->access, true, nullptr,
                   type->name.schema});
  }
  for (const catalog::Oid oid : context.target().functions) {
    const auto* function = catalog.find_function(oid);
    if (function->kind == 'a' && !function->aggregate) {
      continue; // not created (see functions_ddl.cpp)
    }
    const auto quoted = "ROUTINE " + routine_signature(*function);
    if (function->kind == 'a') {
      out.push_back({aggregate_signature(*function), "FUNCTION " + grant_signature(*function),
                     "aggregate " + function->name.to_string(), &function->access, true, nullptr,
                     function->name.schema});
      continue;
    }
    out.push_back({quoted, quoted, "function " + function->name.to_string(), &function->access,
                   true, nullptr, function->name.schema});
  }
  // Collations, operators, families, classes, dictionaries, configurations, conversions: an
  // owner, no privileges.
  for (const auto& ref : context.target().objects) {
    const auto* object = catalog.find_object(ref);
    if (object != nullptr && !object->access.owner.empty()) {
      out.push_back({object_sql(*object), object_sql(*object),
                     fmt::format("{} {}", catalog::to_string(object->kind), object->readable()),
                     &object->access, true, nullptr, object->name.schema,
                     /*privileges=*/false});
    }
  }
}

// Extended statistics objects owned by their table's owner (the role the plan checked) follow
// it: an Access with no privileges (statistics objects have none). Those created, that is.
void add_statistics_owners(std::vector<AccessObject>& out, const Context& context) {
  const auto& schemas = context.target().schemas;
  for (const auto& table : context.tables()) {
    for (const auto& statistics : table.source->extended_statistics) {
      if (statistics.owner != table.source->access.owner ||
          std::find(schemas.begin(), schemas.end(), statistics.name.schema) == schemas.end()) {
        continue;
      }
      const auto quoted =
          "STATISTICS " + pg::quote_qualified(statistics.name.schema, statistics.name.name);
      out.push_back({quoted, quoted, "statistics " + statistics.name.to_string(),
                     &table.source->access, true, nullptr, statistics.name.schema,
                     /*privileges=*/false});
    }
  }
}

void add_relations(std::vector<AccessObject>& out, const Context& context) {
  const auto& catalog = context.catalog();
  for (const catalog::Oid oid : context.target().sequences) {
    const auto* sequence = catalog.find_sequence(oid);
    const auto quoted =
        "SEQUENCE " + pg::quote_qualified(sequence->name.schema, sequence->name.name);
    out.push_back({quoted, quoted, "sequence " + sequence->name.to_string(), &sequence->access,
                   !follows_its_table(context, *sequence), nullptr, sequence->name.schema});
  }
  for (const auto& table : context.tables()) {
    const auto quoted = "TABLE " + context.quoted(table);
    out.push_back({quoted, quoted, "table " + table.placed->target_name.to_string(),
                   &table.source->access, true, nullptr, table.placed->target_name.schema});
  }
  add_statistics_owners(out, context);
  for (const catalog::Oid oid : context.target().views) {
    const auto* view = catalog.find_view(oid);
    const auto quoted = pg::quote_qualified(view->name.schema, view->name.name);
    const bool materialized = view->kind == catalog::ViewKind::materialized_view;
    out.push_back({(materialized ? "MATERIALIZED VIEW " : "VIEW ") + quoted, "TABLE " + quoted,
                   "view " + view->name.to_string(), &view->access, true, nullptr,
                   view->name.schema});
  }
}

// Who owns the object in the target (nullopt: the role pgsplit connects as), by the rules of
// plan/ownership.hpp that the plan's warnings follow too.
std::optional<std::string> owner_of(const Context& context, const AccessObject& object) {
  if (object.schema != nullptr) {
    return plan::schema_owner(context.target(), *object.schema);
  }
  return plan::object_owner(context.target(), context.catalog(), *object.access, object.in_schema);
}

void add_owner(std::vector<Statement>& out, const Context& context, const AccessObject& object) {
  if (!object.own) {
    return;
  }
  if (const auto owner = owner_of(context, object)) {
    out.push_back(
        statement(fmt::format("ALTER {} OWNER TO {}", object.alter, pg::quote_ident(*owner)),
                  "owner of " + object.what));
  }
}

// The role a privilege names in the target: the owner's entries go to whoever owns the
// object there. nullopt: a grantee the target server lacks (the plan warns).
std::optional<std::string> grantee_sql(const Context& context, const AccessObject& object,
                                       const catalog::Privilege& privilege) {
  if (privilege.to_owner) {
    const auto owner = object.own ? owner_of(context, object) : std::nullopt;
    return owner ? pg::quote_ident(*owner) : std::string("CURRENT_USER");
  }
  if (!privilege.grantee) {
    return std::string("PUBLIC");
  }
  if (contains(context.target().missing_roles, *privilege.grantee)) {
    return std::nullopt;
  }
  return pg::quote_ident(*privilege.grantee);
}

bool same_statement(const catalog::Privilege& a, const catalog::Privilege& b) {
  return a.revoke == b.revoke && a.column == b.column && a.grantee == b.grantee &&
         a.to_owner == b.to_owner && a.grantable == b.grantable;
}

void add_privilege_statement(std::vector<Statement>& out, const Context& context,
                             const AccessObject& object,
                             const std::vector<const catalog::Privilege*>& group) {
  const auto& first = *group.front();
  const auto grantee = grantee_sql(context, object, first);
  if (!grantee) {
    return;
  }
  std::vector<std::string> names;
  for (const auto* privilege : group) {
    names.push_back(
        first.column ? fmt::format("{} ({})", privilege->privilege, pg::quote_ident(*first.column))
                     : privilege->privilege);
  }
  const auto sql =
      first.revoke
          ? fmt::format("REVOKE {} ON {} FROM {}", fmt::join(names, ", "), object.grant, *grantee)
          : fmt::format("GRANT {} ON {} TO {}{}", fmt::join(names, ", "), object.grant, *grantee,
                        first.grantable ? " WITH GRANT OPTION" : "");
  out.push_back(statement(sql, "privileges on " + object.what));
}

// One statement per run of entries that differ only in the privilege (the loader sorts them
// so): revokes first, then grants.
void add_privileges(std::vector<Statement>& out, const Context& context,
                    const AccessObject& object) {
  std::vector<const catalog::Privilege*> group;
  for (const auto& privilege : object.access->privileges) {
    if (!group.empty() && !same_statement(*group.front(), privilege)) {
      add_privilege_statement(out, context, object, group);
      group.clear();
    }
    group.push_back(&privilege);
  }
  if (!group.empty()) {
    add_privilege_statement(out, context, object, group);
  }
}

std::string_view default_object_word(char object_type) {
  switch (object_type) {
  case 'r':
    return "TABLES";
  case 'S':
    return "SEQUENCES";
  case 'f':
    return "FUNCTIONS";
  case 'T':
    return "TYPES";
  default:
    return {};
  }
}

// ALTER DEFAULT PRIVILEGES FOR ROLE … IN SCHEMA …, for the roles the target makes owners
// (setting another role's defaults needs the same membership as giving it an object).
void add_default_privileges(std::vector<Statement>& out, Context& context,
                            const catalog::Schema& schema) {
  for (const auto& entry : schema.default_privileges) {
    const auto word = default_object_word(entry.object_type);
    if (word.empty() ||
        (entry.grantee && contains(context.target().missing_roles, *entry.grantee))) {
      continue;
    }
    if (!context.target().keep_owners ||
        contains(context.target().unassignable_owners, entry.role)) {
      context.note(fmt::format("default privileges of role {} in schema {} are not set: the "
                               "role does not own this target's objects",
                               entry.role, schema.name));
      continue;
    }
    out.push_back(statement(
        fmt::format("ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT {} ON {} TO {}{}",
                    pg::quote_ident(entry.role), pg::quote_ident(schema.name), entry.privilege,
                    word, entry.grantee ? pg::quote_ident(*entry.grantee) : "PUBLIC",
                    entry.grantable ? " WITH GRANT OPTION" : ""),
        "default privileges in schema " + schema.name));
  }
}

} // namespace

// Schemas first: their owners, then their privileges (an object's owner needs CREATE on its
// schema), then the other objects' owners and privileges (a grant's meaning depends on who owns
// the object), then the schemas' default privileges. Run last, once the connecting role has
// created and filled everything: owners may not be able to (a FORCEd policy refuses COPY).
void add_access(std::vector<Statement>& out, Context& context) {
  std::vector<AccessObject> all;
  add_schemas_and_routines(all, context);
  add_relations(all, context);
  std::vector<AccessObject> schemas;
  std::vector<AccessObject> others;
  for (auto& object : all) {
    (object.schema != nullptr ? schemas : others).push_back(std::move(object));
  }
  const bool privileges = context.target().keep_privileges;
  for (const auto* group : {&schemas, &others}) {
    for (const auto& object : *group) {
      add_owner(out, context, object);
    }
    for (const auto& object : *group) {
      if (privileges && object.privileges) {
        add_privileges(out, context, object);
      }
    }
  }
  if (!privileges) {
    return;
  }
  for (const auto& name : context.target().schemas) {
    if (const auto* schema = context.catalog().find_schema(name)) {
      add_default_privileges(out, context, *schema);
    }
  }
}

} // namespace pgsplit::schema::detail
