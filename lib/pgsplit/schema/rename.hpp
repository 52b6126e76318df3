#pragma once

#include <pgsplit/catalog/model.hpp>

#include <map>
#include <string>
#include <string_view>

// Internal to DDL generation: rewriting the names of tables placed under another name (a
// mapping `rename`, or a root moved to another schema taking its partitions along) inside
// definition text read from the source.
//
// The catalog loader reads definitions with an empty search_path, so every user table appears
// schema-qualified: `app.customers`, `"Odd Schema"."Session Tokens"`. A name is rewritten only
// where it stands as a whole qualified identifier: two identifier tokens joined by a dot, not
// part of a longer dotted chain, outside literals and comments (see sql_tokens.hpp). A name
// directly followed by `(` is a function call (a function may share a table's name), except
// after REFERENCES, where pg_get_constraintdef writes `REFERENCES app.customers(id)`.
//
// Not rewritten: names inside string literals ('app.customers'::regclass) and function
// bodies; the caller documents this (docs/schema.md).
namespace pgsplit::schema::detail {

class Renames {
public:
  // Records that source table `from` is created as `to` (replacing an earlier record; `to`
  // equal to `from` removes it).
  void set(const catalog::QualifiedName& from, const catalog::QualifiedName& to);
  bool empty() const { return names_.empty(); }
  // The target name of a renamed source table, or nullptr when it keeps its name.
  const catalog::QualifiedName* find(const catalog::QualifiedName& source) const;

  // Index, trigger, constraint, default and partition-key text: every renamed table's name
  // replaced by its new one (always quoted).
  std::string rewrite(std::string_view sql) const;

  // View text (pg_get_viewdef). Besides the above, a renamed table that appears in a FROM
  // list without an alias gets its old name as alias (`FROM app.accounts "customers"`), so the
  // column references `customers.id` the view text holds keep working.
  std::string rewrite_view(std::string_view sql) const;

  // Records that columns of source table `table` are renamed in the target (old → new
  // name), from a mapping's `columns:` (docs/mapping.md, "Reshaping columns").
  void set_columns(const catalog::QualifiedName& table, std::map<std::string, std::string> columns);
  // The source definition text of one of `table`'s own objects (index, constraint, trigger,
  // default, generated column) with its renamed columns renamed: bare column names, and
  // NEW.x / OLD.x / table.x; in `REFERENCES t(a, b)`, t's renamed columns. Table names are
  // left to rewrite().
  std::string rename_columns(const catalog::QualifiedName& table, std::string_view sql) const;
  // View text: `alias.column` where alias stands for a table with renamed columns in a FROM
  // list (its name when it has no alias).
  std::string rename_view_columns(std::string_view sql) const;

private:
  std::string rewrite_text(std::string_view sql, bool keep_aliases) const;

  std::map<catalog::QualifiedName, catalog::QualifiedName> names_;
  std::map<catalog::QualifiedName, std::map<std::string, std::string>> columns_;
};

} // namespace pgsplit::schema::detail
