#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;
using catalog::ObjectKind;

TEST_CASE("collations are created from their provider and locales, with their comments",
          "[schema]") {
  DdlFixture fixture;
  auto& blind = fixture.object(
      ObjectKind::collation, "case_blind",
      {{"provider", "icu"}, {"locale", "und-u-ks-level2"}, {"deterministic", "false"}});
  blind.comment = "compares without case";
  fixture.object(ObjectKind::collation, "split",
                 {{"provider", "libc"}, {"lc_collate", "C"}, {"lc_ctype", "en_US.utf8"}});
  CHECK(
      sql_of(fixture.generate().pre_data) ==
      std::vector<std::string>{
          R"(CREATE COLLATION "public"."case_blind" (provider = icu, locale = 'und-u-ks-level2', deterministic = false))",
          R"(COMMENT ON COLLATION "public"."case_blind" IS 'compares without case')",
          R"(CREATE COLLATION "public"."split" (provider = libc, lc_collate = 'C', lc_ctype = 'en_US.utf8'))"});
}

TEST_CASE("operators are created after their function, with commutator and flags", "[schema]") {
  DdlFixture fixture;
  auto& op = fixture.object(ObjectKind::operator_, "=|",
                            {{"FUNCTION", "public.abs_eq"},
                             {"LEFTARG", "integer"},
                             {"RIGHTARG", "integer"},
                             {"COMMUTATOR", "public.=|"},
                             {"RESTRICT", "eqsel"},
                             {"HASHES", ""},
                             {"MERGES", ""}});
  op.comment = "equal in absolute value";
  const auto eq = fixture.function("abs_eq", "CREATE OR REPLACE FUNCTION public.abs_eq()").oid;
  fixture.depends({ObjectKind::operator_, op.oid}, {ObjectKind::function, eq});
  const auto sql = sql_of(fixture.generate().pre_data);
  const int created = position_of(sql, "CREATE OPERATOR");
  REQUIRE(created >= 0);
  CHECK(
      sql[static_cast<std::size_t>(created)] ==
      R"(CREATE OPERATOR "public".=| (FUNCTION = public.abs_eq, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = OPERATOR(public.=|), RESTRICT = eqsel, HASHES, MERGES))");
  CHECK(position_of(sql, "FUNCTION public.abs_eq") < created);
  CHECK(position_of(sql, R"(COMMENT ON OPERATOR "public".=| (integer, integer) IS)") > created);
}

TEST_CASE("an operator class comes in its family, after its operators, and loose members are added "
          "to the family",
          "[schema]") {
  DdlFixture fixture;
  auto& klass = fixture.object(ObjectKind::operator_class, "abs_ops",
                               {{"DEFAULT", ""},
                                {"FOR TYPE", "integer"},
                                {"USING", "btree"},
                                {"FAMILY", "\"public\".\"abs_family\""}});
  klass.members = {"OPERATOR 1 public.<|(integer,integer)",
                   "FUNCTION 1 (integer, integer) public.abs_cmp(integer,integer)"};
  auto& family = fixture.object(ObjectKind::operator_family, "abs_family", {{"USING", "btree"}});
  family.members = {"FUNCTION 1 (bigint, bigint) public.abs_cmp8(bigint,bigint)"};
  auto& op = fixture.object(
      ObjectKind::operator_, "<|",
      {{"FUNCTION", "public.abs_lt"}, {"LEFTARG", "integer"}, {"RIGHTARG", "integer"}});
  fixture.depends({ObjectKind::operator_class, klass.oid}, {ObjectKind::operator_, op.oid});
  fixture.depends({ObjectKind::operator_class, klass.oid},
                  {ObjectKind::operator_family, family.oid});
  const auto sql = sql_of(fixture.generate().pre_data);
  CHECK(
      sql ==
      std::vector<std::string>{
          R"(CREATE OPERATOR "public".<| (FUNCTION = public.abs_lt, LEFTARG = integer, RIGHTARG = integer))",
          R"(CREATE OPERATOR FAMILY "public"."abs_family" USING btree)",
          "ALTER OPERATOR FAMILY \"public\".\"abs_family\" USING btree ADD\n"
          "  FUNCTION 1 (bigint, bigint) public.abs_cmp8(bigint,bigint)",
          "CREATE OPERATOR CLASS \"public\".\"abs_ops\" DEFAULT FOR TYPE integer USING "
          "btree FAMILY \"public\".\"abs_family\" AS\n"
          "  OPERATOR 1 public.<|(integer,integer),\n"
          "  FUNCTION 1 (integer, integer) public.abs_cmp(integer,integer)"});
}

TEST_CASE("an operator class whose members all belong to its family loosely is created with "
          "STORAGE of its type",
          "[schema]") {
  DdlFixture fixture;
  fixture.object(ObjectKind::operator_class, "loose_ops",
                 {{"FOR TYPE", "integer"}, {"USING", "gist"}, {"FAMILY", "\"public\".\"f\""}});
  const auto sql = sql_of(fixture.generate().pre_data);
  CHECK(sql == std::vector<std::string>{
                   "CREATE OPERATOR CLASS \"public\".\"loose_ops\" FOR TYPE integer USING gist "
                   "FAMILY \"public\".\"f\" AS\n  STORAGE integer"});
}

TEST_CASE("casts are created with their function, without one, or with inout, in their context",
          "[schema]") {
  DdlFixture fixture;
  fixture
      .object(ObjectKind::cast, "integer AS public.level",
              {{"source", "integer"},
               {"target", "public.level"},
               {"function", "public.level_of(integer)"},
               {"method", "f"},
               {"context", "a"}})
      .comment = "by magnitude";
  fixture.object(ObjectKind::cast, "public.level AS text", {{"method", "i"}, {"context", "i"}});
  fixture.object(ObjectKind::cast, "public.small AS integer", {{"method", "b"}, {"context", "e"}});
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{
            "CREATE CAST (integer AS public.level) WITH FUNCTION public.level_of(integer) AS "
            "ASSIGNMENT",
            "COMMENT ON CAST (integer AS public.level) IS 'by magnitude'",
            "CREATE CAST (public.level AS text) WITH INOUT AS IMPLICIT",
            "CREATE CAST (public.small AS integer) WITHOUT FUNCTION"});
}

TEST_CASE("text search parsers, templates, dictionaries and configurations are created in "
          "dependency order, the configuration with its mappings",
          "[schema]") {
  DdlFixture fixture;
  auto& config = fixture.object(ObjectKind::text_search_configuration, "notes",
                                {{"PARSER", "\"public\".\"words\""}});
  config.members = {"FOR asciiword, word WITH public.plain_english, english_stem"};
  auto& dictionary = fixture.object(
      ObjectKind::text_search_dictionary, "plain_english",
      {{"TEMPLATE", "\"public\".\"plain\""}, {"options", "stopwords = 'english', accept = false"}});
  dictionary.comment = "drops stop words";
  auto& templ = fixture.object(ObjectKind::text_search_template, "plain",
                               {{"INIT", "dsimple_init"}, {"LEXIZE", "dsimple_lexize"}});
  auto& parser = fixture.object(ObjectKind::text_search_parser, "words",
                                {{"START", "prsd_start"},
                                 {"GETTOKEN", "prsd_nexttoken"},
                                 {"END", "prsd_end"},
                                 {"LEXTYPES", "prsd_lextype"}});
  fixture.depends({ObjectKind::text_search_configuration, config.oid},
                  {ObjectKind::text_search_dictionary, dictionary.oid});
  fixture.depends({ObjectKind::text_search_configuration, config.oid},
                  {ObjectKind::text_search_parser, parser.oid});
  fixture.depends({ObjectKind::text_search_dictionary, dictionary.oid},
                  {ObjectKind::text_search_template, templ.oid});
  CHECK(
      sql_of(fixture.generate().pre_data) ==
      std::vector<std::string>{
          R"(CREATE TEXT SEARCH TEMPLATE "public"."plain" (INIT = dsimple_init, LEXIZE = dsimple_lexize))",
          R"(CREATE TEXT SEARCH DICTIONARY "public"."plain_english" (TEMPLATE = "public"."plain", stopwords = 'english', accept = false))",
          R"(COMMENT ON TEXT SEARCH DICTIONARY "public"."plain_english" IS 'drops stop words')",
          R"(CREATE TEXT SEARCH PARSER "public"."words" (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype))",
          R"(CREATE TEXT SEARCH CONFIGURATION "public"."notes" (PARSER = "public"."words"))",
          R"(ALTER TEXT SEARCH CONFIGURATION "public"."notes" ADD MAPPING FOR asciiword, word WITH public.plain_english, english_stem)"});
}

TEST_CASE("conversions are created with their encodings and function", "[schema]") {
  DdlFixture fixture;
  fixture.object(
      ObjectKind::conversion, "latin1_to_utf8",
      {{"DEFAULT", ""}, {"FOR", "LATIN1"}, {"TO", "UTF8"}, {"FROM", "iso8859_1_to_utf8"}});
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{"CREATE DEFAULT CONVERSION \"public\".\"latin1_to_utf8\" FOR "
                                 "'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8"});
}

TEST_CASE("a collation comes before the domain and the table that use it", "[schema]") {
  DdlFixture fixture;
  auto& domain = fixture.type("label", catalog::TypeKind::domain);
  domain.domain_base_type = "text";
  domain.domain_collation = "\"public\".\"case_blind\"";
  const auto& blind =
      fixture.object(ObjectKind::collation, "case_blind", {{"provider", "icu"}, {"locale", "und"}});
  fixture.depends({ObjectKind::type, domain.oid}, {ObjectKind::collation, blind.oid});
  auto& table = fixture.table("public", "notes");
  table.columns = {DdlFixture::column("title", "text", 1)};
  table.columns[0].collation = "\"public\".\"case_blind\"";
  const auto sql = sql_of(fixture.generate().pre_data);
  const int collation = position_of(sql, "CREATE COLLATION");
  REQUIRE(collation >= 0);
  CHECK(position_of(sql, "CREATE DOMAIN") > collation);
  CHECK(position_of(sql, "CREATE TABLE") > collation);
}

TEST_CASE("owners of collations, operators, classes and dictionaries are set, and casts have none",
          "[schema]") {
  DdlFixture fixture;
  fixture.target.connecting_as_superuser = true;
  fixture.object(ObjectKind::collation, "case_blind", {{"provider", "icu"}, {"locale", "und"}})
      .access.owner = "app_owner";
  fixture
      .object(ObjectKind::operator_, "=|", {{"FUNCTION", "public.abs_eq"}, {"RIGHTARG", "integer"}})
      .access.owner = "app_owner";
  fixture
      .object(ObjectKind::operator_class, "abs_ops",
              {{"FOR TYPE", "integer"}, {"USING", "btree"}, {"FAMILY", "public.f"}})
      .access.owner = "app_owner";
  fixture.object(ObjectKind::cast, "integer AS public.level", {{"method", "i"}});
  const auto access = sql_of(fixture.generate().access);
  CHECK(access ==
        std::vector<std::string>{
            R"(ALTER COLLATION "public"."case_blind" OWNER TO "app_owner")",
            R"(ALTER OPERATOR "public".=| (NONE, integer) OWNER TO "app_owner")",
            R"(ALTER OPERATOR CLASS "public"."abs_ops" USING btree OWNER TO "app_owner")"});
}
