#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/core/diagnostic.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The plan: what every source table becomes, what each target needs, and every problem found.
// Built by make_plan() from the mapping, the source catalog and the facts probed on the
// servers; pure data, rendered by render_*.hpp and executed by apply.
namespace pgsplit::plan {

using catalog::Oid;
using catalog::QualifiedName;

// A foreign-key column whose parent's key becomes a uuid (`key: uuid`): converted with the
// same function of the parent's name, so that references stay equal in every target.
struct UuidReference {
  std::string column;
  QualifiedName parent; // the source table whose key it references
};

// A source table placed in a target (partitions and inheritance children follow their root).
struct PlacedTable {
  Oid table = 0; // the source table
  QualifiedName source_name;
  QualifiedName target_name;        // after `rename`
  std::optional<std::string> where; // row filter
  bool replicate = false;
  std::optional<Oid> root; // set for a partition / inheritance child: its mapped root
  std::int64_t estimated_rows = 0;
  std::int64_t size_bytes = 0;
  core::Location location; // the mapping entry that placed it
  // options.schema: existing: the target table has every column with the source's type (set
  // by the preflight), so the copy may use the binary format.
  bool target_types_match = false;
  std::vector<std::string> drop_foreign_keys; // the entry's drop_foreign_keys (constraint names)
  bool replica_identity_full = false;         // the entry's `replica_identity: full` (online)
  // Reshaping (docs/mapping.md, "Reshaping columns"): the entry's `columns:` and `key: uuid`,
  // and the columns that reference a key turned into a uuid.
  std::vector<config::ColumnChange> column_changes;
  bool key_uuid = false;
  std::vector<UuidReference> uuid_references;

  bool reshaped() const { return !column_changes.empty() || key_uuid || !uuid_references.empty(); }
};

// A foreign key whose two ends land in different databases (or whose parent stays behind).
struct CrossTargetForeignKey {
  Oid constraint = 0;
  std::string name;
  Oid child_table = 0;
  QualifiedName child;
  std::vector<std::string> child_columns;
  std::string child_target;
  Oid parent_table = 0;
  QualifiedName parent;
  std::vector<std::string> parent_columns;
  std::string parent_target; // "" when the parent is not copied anywhere
};

// Why a view or materialized view stays behind.
struct LeftBehindView {
  Oid view = 0;
  QualifiedName name;
  bool materialized = false;
  std::string reason; // e.g. "uses tables of targets auth and payment"
};

// A function, aggregate, type, free-standing sequence, collation, operator, cast … of the
// mapped schemas that no target needs: it stays in the monolith only.
struct LeftBehindObject {
  std::string kind; // "function", "aggregate", "enum", "domain", "sequence", "collation" …
  std::string name; // "app.total(numeric)"
};

struct ExcludedTable {
  Oid table = 0;
  QualifiedName name;
  std::string why; // "excluded by 'public.tmp_*'" or "migration version table (alembic)"
  bool version_table = false;
};

// A sequence that tables of several targets use: each target gets its own copy.
struct SharedSequence {
  Oid sequence = 0;
  QualifiedName name;
  std::vector<std::string> targets;
};

// What a target needs, besides its tables, in creation order by kind.
struct TargetPlan {
  std::string name;
  std::string url_description; // without password
  bool create_database = false;
  std::vector<PlacedTable> tables;  // roots first (largest first), then their partitions/children
  std::vector<std::string> schemas; // every schema the target's objects live in
  std::vector<Oid> extensions;
  std::vector<Oid> types; // dependency order
  std::vector<Oid> functions;
  std::vector<Oid> sequences; // standalone and serial/owned sequences (not identity)
  std::vector<Oid> views;     // views and materialized views kept, dependency order
  // Collations, operators, operator families and classes, casts, text search objects and
  // conversions (catalog::Catalog::objects), in catalog order; schema/ orders them.
  std::vector<catalog::ObjectRef> objects;
  std::vector<CrossTargetForeignKey> dropped_foreign_keys; // this target holds the child
  std::vector<config::StampEntry> stamps;
  std::vector<std::string> stamp_summaries; // "alembic alembic_version_auth → 4f1e2d3c5b6a"
  std::int64_t estimated_rows = 0;
  std::int64_t size_bytes = 0;
  // options.owners / options.privileges, and the roles the target server cannot take (found
  // by the preflight): objects of `unassignable_owners` stay with the role pgsplit connects
  // as, grants to `missing_roles` are left out (the plan warns about both).
  bool keep_owners = true;
  bool keep_privileges = true;
  std::vector<std::string> unassignable_owners;
  std::vector<std::string> missing_roles;
  // For ownership/ownership.hpp: without superuser, a schema's owner needs CREATE on the
  // target database, an object's owner CREATE on its schema.
  bool connecting_as_superuser = false;
  std::vector<std::string> roles_without_database_create;
};

enum class Severity { error, warning };

struct Finding {
  Severity severity = Severity::error;
  core::Diagnostic diagnostic;
};

struct Plan {
  std::string source_description; // without password
  std::string source_database;
  std::vector<TargetPlan> targets;
  std::vector<ExcludedTable> excluded; // deliberately left behind
  std::vector<LeftBehindView> views_left_behind;
  std::vector<LeftBehindObject> objects_left_behind;
  std::vector<CrossTargetForeignKey> cross_target_foreign_keys; // all of them
  std::vector<SharedSequence> shared_sequences;
  std::vector<Finding> findings;

  bool has_errors() const;
  std::vector<core::Diagnostic> errors() const;
  std::vector<core::Diagnostic> warnings() const;
  const TargetPlan* find_target(const std::string& name) const;
  // Every placement of a source table (several when replicated or filtered).
  std::vector<const PlacedTable*> placements_of(Oid table) const;
};

} // namespace pgsplit::plan
