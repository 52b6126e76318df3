#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>
#include <pgsplit/schema/sql_tokens.hpp>

#include <fmt/format.h>

namespace pgsplit::schema::detail {
namespace {

using catalog::ConstraintKind;

const catalog::Index* find_index(const catalog::Table& table, catalog::Oid oid) {
  for (const auto& index : table.indexes) {
    if (index.oid == oid) {
      return &index;
    }
  }
  return nullptr;
}

std::string key_words(const catalog::Constraint& constraint) {
  return constraint.kind == ConstraintKind::primary_key ? "PRIMARY KEY" : "UNIQUE";
}

std::string deferral(const catalog::Constraint& constraint) {
  std::string text = constraint.deferrable ? " DEFERRABLE" : "";
  if (constraint.deferred) {
    text += " INITIALLY DEFERRED";
  }
  return text;
}

// A primary key or unique constraint: its index first, then the constraint adopting it, so
// that the copy engine may build the index on its own. USING INDEX is refused on partitioned
// tables: there the constraint is added directly and creates the partitions' indexes too.
void add_key(std::vector<Statement>& out, const Context& context, const TargetTable& table,
             const catalog::Constraint& constraint) {
  const std::string name = context.quoted(table);
  const std::string readable = table.placed->target_name.to_string();
  const std::string what = fmt::format(
      "{} {} on {}",
      constraint.kind == ConstraintKind::primary_key ? "primary key" : "unique constraint",
      constraint.name, readable);
  const auto* index = constraint.index ? find_index(*table.source, *constraint.index) : nullptr;
  if (table.source->kind == catalog::TableKind::partitioned_table || index == nullptr) {
    out.push_back(statement(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", name,
                                        pg::quote_ident(constraint.name),
                                        context.rewrite(table, constraint.definition)),
                            what));
  } else {
    out.push_back(statement(index_definition(context, table, *index), "index " + index->name));
    out.push_back(
        statement(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {} USING INDEX {}{}", name,
                              pg::quote_ident(constraint.name), key_words(constraint),
                              pg::quote_ident(index->name), deferral(constraint)),
                  what));
  }
  add_comment(out, fmt::format("CONSTRAINT {} ON {}", pg::quote_ident(constraint.name), name),
              fmt::format("constraint {} on {}", constraint.name, readable), constraint.comment);
  if (index != nullptr) {
    add_comment(out, "INDEX " + pg::quote_qualified(table.placed->target_name.schema, index->name),
                "index " + index->name, index->comment);
  }
}

// pg_get_indexdef writes `ON ONLY` for a partitioned table's index (pg_dump then attaches the
// partitions' indexes one by one); without ONLY the index cascades to every partition.
std::string cascading(const std::string& definition) {
  const auto tokens = tokenize(definition);
  for (std::size_t index = 0; index < tokens.size(); ++index) {
    if (!tokens[index].is_keyword("on")) {
      continue;
    }
    for (std::size_t next = index + 1; next < tokens.size(); ++next) {
      if (tokens[next].is_significant()) {
        if (!tokens[next].is_keyword("only")) {
          return definition;
        }
        const std::size_t end = next + 1 < tokens.size() && !tokens[next + 1].is_significant()
                                    ? tokens[next + 1].end
                                    : tokens[next].end;
        return definition.substr(0, tokens[next].begin) + definition.substr(end);
      }
    }
    return definition;
  }
  return definition;
}

} // namespace

std::string index_definition(const Context& context, const TargetTable& table,
                             const catalog::Index& index) {
  std::string definition = context.rewrite(table, index.definition);
  return table.source->kind == catalog::TableKind::partitioned_table ? cascading(definition)
                                                                     : definition;
}

// Keys first (a foreign key of another table may need them), then every other index of the
// table. Indexes made by a constraint come with it (exclusion constraints: constraints_ddl);
// a partition's index attached to its parent's is created by the parent's.
void add_keys_and_indexes(std::vector<Statement>& out, const Context& context,
                          const TargetTable& table) {
  for (const auto& constraint : table.source->constraints) {
    if (constraint.is_local && (constraint.kind == ConstraintKind::primary_key ||
                                constraint.kind == ConstraintKind::unique)) {
      add_key(out, context, table, constraint);
    }
  }
  const std::string schema = table.placed->target_name.schema;
  for (const auto& index : table.source->indexes) {
    if (index.backs_constraint || index.parent_index) {
      continue;
    }
    out.push_back(statement(index_definition(context, table, index), "index " + index.name));
    add_comment(out, "INDEX " + pg::quote_qualified(schema, index.name), "index " + index.name,
                index.comment);
  }
}

} // namespace pgsplit::schema::detail
