#include <pgsplit/pg/conninfo.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::pg;
using Catch::Matchers::Contains;

TEST_CASE("a URL is described without its password", "[pg]") {
  CHECK(describe_conninfo("postgresql://alice:s3cr%40t@db.example:6432/auth?sslmode=require") ==
        "postgresql://alice:***@db.example:6432/auth");
  CHECK(describe_conninfo("host=h port=5 dbname=d user=u password='p w'") ==
        "postgresql://u:***@h:5/d");
  CHECK(describe_conninfo("dbname=only") == "postgresql:///only");
  CHECK(describe_conninfo("postgresql://x:pw@h/d?bogus_option=1") == "<invalid connection string>");
}

TEST_CASE("passwords are redacted from messages, even from unparseable strings", "[pg]") {
  CHECK(redact_secrets("failed for pw s3cr@t", "postgresql://alice:s3cr%40t@h/d") ==
        "failed for pw ***");
  const std::string broken = "host=h password=hunter2 nonsense";
  const auto parsed = parse_conninfo(broken);
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(redact_secrets(parsed.error + " hunter2", broken), !Contains("hunter2"));
  CHECK(redact_secrets("nothing secret", "postgresql://h/d") == "nothing secret");
}

TEST_CASE("a connection string can be pointed at another database", "[pg]") {
  const auto other = conninfo_with_database("postgresql://u:p@h:5433/first", "second");
  const auto parsed = parse_conninfo(other);
  REQUIRE(parsed.ok());
  CHECK(parsed.options.at("dbname") == "second");
  CHECK(parsed.options.at("host") == "h");
  CHECK(parsed.options.at("port") == "5433");
  CHECK(parsed.options.at("password") == "p");
  CHECK(database_of(other) == "second");
  CHECK(database_of("host=h") == std::nullopt);
  CHECK(database_of(conninfo_with_database("host=h", "it's")) == "it's");
}

TEST_CASE("a URI whose password holds an unencoded / or @ is refused, never shown", "[pg]") {
  // libpq would read "p/ss" as host "u", port "p" and database "ss@h/db", and "p@ss" as user
  // "u", password "p" and host "ss@h": pieces of the password in every message.
  for (const std::string uri : {"postgresql://u:hunter/2@h/db", "postgres://u:hunter@2@h:5/db",
                                "postgresql://u:hunter@2@[::1]/db?sslmode=disable"}) {
    INFO(uri);
    const auto parsed = parse_conninfo(uri);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.error, Contains("percent-encode") && !Contains("hunter"));
    CHECK(describe_conninfo(uri) == "<invalid connection string>");
  }
  // Encoded, or where '/' and '@' belong, they are fine.
  for (const std::string uri :
       {"postgresql://u:hunter%2F2@h/db", "postgresql://u:hunter%402@h:5/db",
        "postgresql://u@h/db?options=-c%20a@b", "postgresql:///db",
        "postgresql://u:p@h1:5432,h2:5433/db", "postgresql://u:p?q@h/db"}) {
    INFO(uri);
    CHECK(parse_conninfo(uri).ok());
  }
  CHECK(parse_conninfo("host=h password=hunter/2@x").ok());
}
