#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

namespace pgsplit::schema::detail {

// Every schema the target's objects live in, `public` excepted: it exists in every new
// database, and CREATE SCHEMA checks the CREATE privilege on the database before it looks
// whether the schema exists, so even IF NOT EXISTS would fail for a user without it. The
// extensions' own schemas are in the list too (the plan adds them).
void add_schemas(std::vector<Statement>& out, const Context& context) {
  for (const auto& name : context.target().schemas) {
    if (name == "public" || name == "pg_catalog") {
      continue;
    }
    out.push_back(
        statement("CREATE SCHEMA IF NOT EXISTS " + pg::quote_ident(name), "schema " + name));
    if (const auto* schema = context.catalog().find_schema(name)) {
      add_comment(out, "SCHEMA " + pg::quote_ident(name), "schema " + name, schema->comment);
    }
  }
}

// Extensions in the source's schema; the version is left to the target's default (preflight
// checks that the extension is available there). CASCADE installs what an extension requires
// when the plan lists them in another order.
void add_extensions(std::vector<Statement>& out, const Context& context) {
  for (const catalog::Oid oid : context.target().extensions) {
    const auto* extension = context.catalog().find_extension(oid);
    if (extension == nullptr) {
      continue;
    }
    out.push_back(
        statement(fmt::format("CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {} CASCADE",
                              pg::quote_ident(extension->name), pg::quote_ident(extension->schema)),
                  "extension " + extension->name));
  }
}

} // namespace pgsplit::schema::detail
