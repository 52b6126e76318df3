#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

// Collations, operators, operator families and classes, casts, text search objects,
// conversions, aggregates and rules, read from a real catalog, with the dependency edges that
// give them to the tables that need them.
using namespace pgsplit;
using catalog::ObjectKind;

namespace {

const catalog::SchemaObject& object_named(const catalog::Catalog& catalog, ObjectKind kind,
                                          const std::string& name) {
  const auto found =
      std::find_if(catalog.objects.begin(), catalog.objects.end(), [&](const auto& object) {
        return object.kind == kind && object.name.name == name;
      });
  REQUIRE(found != catalog.objects.end());
  return *found;
}

bool depends(const catalog::Catalog& catalog, catalog::ObjectRef dependent,
             catalog::ObjectRef referenced) {
  return std::any_of(catalog.dependencies.begin(), catalog.dependencies.end(),
                     [&](const catalog::Dependency& edge) {
                       return edge.dependent == dependent && edge.referenced == referenced;
                     });
}

std::string setting(const catalog::SchemaObject& object, const std::string& key) {
  const auto* value = object.setting(key);
  return value == nullptr ? "<none>" : *value;
}

constexpr const char* source_sql = R"(
  CREATE SCHEMA app;
  CREATE COLLATION app.blind (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
  COMMENT ON COLLATION app.blind IS 'no case';
  CREATE FUNCTION app.abs_lt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS 'SELECT abs($1) < abs($2)';
  CREATE FUNCTION app.abs_hash(integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS 'SELECT hashint4(abs($1))';
  CREATE FUNCTION app.abs_hash8(bigint) RETURNS integer LANGUAGE sql IMMUTABLE
    AS 'SELECT hashint8(abs($1))';
  CREATE FUNCTION app.abs_eq(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS 'SELECT abs($1) = abs($2)';
  CREATE OPERATOR app.=| (FUNCTION = app.abs_eq, LEFTARG = integer, RIGHTARG = integer,
    COMMUTATOR = OPERATOR(app.=|), HASHES);
  CREATE OPERATOR FAMILY app.abs_family USING hash;
  CREATE OPERATOR CLASS app.abs_hash_ops FOR TYPE integer USING hash FAMILY app.abs_family AS
    OPERATOR 1 app.=|, FUNCTION 1 app.abs_hash(integer);
  ALTER OPERATOR FAMILY app.abs_family USING hash
    ADD FUNCTION 1 (bigint, bigint) app.abs_hash8(bigint);
  CREATE TEXT SEARCH DICTIONARY app.plain (TEMPLATE = simple, STOPWORDS = english);
  CREATE TEXT SEARCH CONFIGURATION app.notes (COPY = pg_catalog.simple);
  ALTER TEXT SEARCH CONFIGURATION app.notes ALTER MAPPING FOR asciiword WITH app.plain, simple;
  CREATE TYPE app.level AS ENUM ('low', 'high');
  CREATE CAST (app.level AS text) WITH INOUT AS ASSIGNMENT;
  CREATE CONVERSION app.l1 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
  CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0',
    PARALLEL = SAFE);
  CREATE TABLE app.items (
    id integer, label text COLLATE app.blind, body text,
    words tsvector GENERATED ALWAYS AS (to_tsvector('app.notes'::regconfig, body)) STORED);
  CREATE INDEX items_abs ON app.items USING hash (id app.abs_hash_ops);
  CREATE TABLE app.item_log (id integer);
  CREATE RULE log AS ON INSERT TO app.items DO ALSO INSERT INTO app.item_log VALUES (NEW.id);
  ALTER TABLE app.items DISABLE RULE log;
  CREATE VIEW app.totals AS SELECT app.total(id) FROM app.items;
)";

} // namespace

TEST_CASE("the catalog reads collations, operators, classes, casts, text search objects, "
          "conversions, aggregates and rules, and what needs them",
          "[catalog]") {
  const testing::TestDatabase database("objects");
  database.run(source_sql);
  auto connection = database.connect();
  const auto loaded = catalog::load_catalog(connection, {.schemas = {"app"}});

  const auto& blind = object_named(loaded, ObjectKind::collation, "blind");
  CHECK(blind.settings ==
        std::vector<std::pair<std::string, std::string>>{
            {"provider", "icu"}, {"locale", "und-u-ks-level2"}, {"deterministic", "false"}});
  CHECK(blind.comment == "no case");
  CHECK_FALSE(blind.access.owner.empty());
  const auto& op = object_named(loaded, ObjectKind::operator_, "=|");
  CHECK(setting(op, "FUNCTION") == "app.abs_eq");
  CHECK(setting(op, "COMMUTATOR") == "app.=|");
  CHECK(setting(op, "HASHES").empty());
  CHECK(op.readable() == "app.=|(integer, integer)");
  const auto& klass = object_named(loaded, ObjectKind::operator_class, "abs_hash_ops");
  CHECK(klass.members ==
        std::vector<std::string>{"OPERATOR 1 app.=|(integer,integer)",
                                 "FUNCTION 1 (integer, integer) app.abs_hash(integer)"});
  const auto& family = object_named(loaded, ObjectKind::operator_family, "abs_family");
  CHECK(family.members ==
        std::vector<std::string>{"FUNCTION 1 (bigint, bigint) app.abs_hash8(bigint)"});
  const auto& cast = object_named(loaded, ObjectKind::cast, "app.level AS text");
  CHECK(setting(cast, "method") == "i");
  CHECK(setting(cast, "context") == "a");
  CHECK(cast.access.owner.empty());
  const auto& dictionary = object_named(loaded, ObjectKind::text_search_dictionary, "plain");
  CHECK(setting(dictionary, "TEMPLATE") == "pg_catalog.simple");
  CHECK(setting(dictionary, "options") == "stopwords = 'english'");
  const auto& notes = object_named(loaded, ObjectKind::text_search_configuration, "notes");
  CHECK(std::find(notes.members.begin(), notes.members.end(),
                  "FOR asciiword WITH app.plain, simple") != notes.members.end());
  const auto& conversion = object_named(loaded, ObjectKind::conversion, "l1");
  CHECK(setting(conversion, "FOR") == "LATIN1");
  CHECK(setting(conversion, "FROM") == "iso8859_1_to_utf8");

  const auto total =
      std::find_if(loaded.functions.begin(), loaded.functions.end(),
                   [](const catalog::Function& function) { return function.name.name == "total"; });
  REQUIRE(total != loaded.functions.end());
  REQUIRE(total->aggregate);
  CHECK(total->aggregate->transition == "int4pl");
  CHECK(total->aggregate->initial_condition == "0");
  CHECK(total->aggregate->parallel == 's');

  const auto* items = loaded.find_table(catalog::QualifiedName{"app", "items"});
  const auto* log = loaded.find_table(catalog::QualifiedName{"app", "item_log"});
  REQUIRE(items != nullptr);
  REQUIRE(log != nullptr);
  REQUIRE(items->rules.size() == 1);
  CHECK(items->rules[0].name == "log");
  CHECK(items->rules[0].enabled == 'D');
  CHECK(items->rules[0].relations == std::vector<catalog::Oid>{log->oid});

  const catalog::ObjectRef table{ObjectKind::table, items->oid};
  CHECK(depends(loaded, table, {ObjectKind::collation, blind.oid}));
  CHECK(depends(loaded, table, {ObjectKind::operator_class, klass.oid}));
  CHECK(depends(loaded, table, {ObjectKind::text_search_configuration, notes.oid}));
  CHECK(depends(loaded, {ObjectKind::operator_class, klass.oid},
                {ObjectKind::operator_family, family.oid}));
  CHECK(depends(loaded, {ObjectKind::operator_class, klass.oid}, {ObjectKind::operator_, op.oid}));
  CHECK(depends(loaded, {ObjectKind::text_search_configuration, notes.oid},
                {ObjectKind::text_search_dictionary, dictionary.oid}));
  CHECK(depends(loaded, {ObjectKind::cast, cast.oid}, {ObjectKind::type, loaded.types.at(0).oid}));
  const auto hash8 = std::find_if(
      loaded.functions.begin(), loaded.functions.end(),
      [](const catalog::Function& function) { return function.name.name == "abs_hash8"; });
  REQUIRE(hash8 != loaded.functions.end());
  CHECK(depends(loaded, {ObjectKind::operator_family, family.oid},
                {ObjectKind::function, hash8->oid}));
}
