#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

#include <csignal>

using namespace pgsplit::core;
using Catch::Matchers::Contains;

TEST_CASE("each error kind maps to its exit code", "[core]") {
  CHECK(Error("x").exit_code() == ExitCode::runtime_failure);
  CHECK(UsageError("x").exit_code() == ExitCode::usage);
  CHECK(ConfigError(Diagnostic{{}, "x", ""}).exit_code() == ExitCode::usage);
  CHECK(ConnectionError("postgresql://h/db", "refused").exit_code() == ExitCode::usage);
  CHECK(SqlError({.sqlstate = "42P01", .message = "m"}).exit_code() == ExitCode::runtime_failure);
  CHECK(VerificationError("x").exit_code() == ExitCode::verification);
  CHECK(InterruptedError("x", SIGINT).exit_code() == ExitCode::interrupted);
  CHECK(InterruptedError("x", SIGTERM).exit_code() == ExitCode::terminated);
  CHECK(to_int(ExitCode::interrupted) == 130);
}

TEST_CASE("a diagnostic says where, what and what to do", "[core]") {
  const Diagnostic diagnostic{{.file = "pgsplit.yaml", .line = 12, .column = 7, .target = "auth"},
                              "unknown key 'tabels'",
                              "did you mean 'tables'?"};
  CHECK(diagnostic.to_string() ==
        "pgsplit.yaml:12:7 (target auth): unknown key 'tabels'\n  hint: did you mean 'tables'?");
  CHECK(format_location({.target = "auth", .table = "public.users"}) ==
        "target auth, table public.users");
  CHECK(format_location({.file = "f.yaml"}) == "f.yaml");
}

TEST_CASE("a config error lists every diagnostic", "[core]") {
  const ConfigError error(Diagnostics{{{.file = "a.yaml", .line = 1, .column = 1}, "first", ""},
                                      {{.file = "a.yaml", .line = 2, .column = 3}, "second", ""}});
  CHECK_THAT(error.what(), Contains("2 problems found"));
  CHECK_THAT(error.what(), Contains("a.yaml:1:1: first"));
  CHECK_THAT(error.what(), Contains("a.yaml:2:3: second"));
  CHECK(error.diagnostics().size() == 2);
}

// Found by fuzzing the mapping loader: a key holding a NUL cut the printed error there, and
// every later problem was lost.
TEST_CASE("a diagnostic shows control characters of the input escaped", "[core]") {
  using namespace std::string_literals;
  const Diagnostic diagnostic{{.file = "m\x1b[2J.yaml", .line = 3},
                              "unknown key 'a\0b\r'"s,
                              "line\nbreak,\ttab, delete \x7f"};
  CHECK(diagnostic.to_string() == "m\\x1b[2J.yaml:3: unknown key 'a\\x00b\\x0d'\n"
                                  "  hint: line\nbreak,\ttab, delete \\x7f");
  const ConfigError error(Diagnostics{diagnostic, {{}, "the next problem", ""}});
  CHECK_THAT(error.what(), Contains("the next problem"));
}

TEST_CASE("an SQL error shows the SQLSTATE, connection and statement", "[core]") {
  const SqlError error({.sqlstate = "55P03",
                        .message = "could not obtain lock on relation \"users\"",
                        .detail = "",
                        .hint = "",
                        .connection = "postgresql://u@h:5432/auth",
                        .statement = "TRUNCATE ONLY users"});
  CHECK_THAT(error.what(), Contains("SQLSTATE 55P03"));
  CHECK_THAT(error.what(), Contains("postgresql://u@h:5432/auth"));
  CHECK_THAT(error.what(), Contains("TRUNCATE ONLY users"));
}

// The job graph names target and table in every error it passes on; it used to rethrow a plain
// Error, so a connection lost (SQLSTATE 08006) became an anonymous runtime failure.
TEST_CASE("context added on the way up keeps the error's kind and SQLSTATE", "[core]") {
  try {
    with_context("target auth, table public.users", [] {
      with_context("COPY", [] {
        throw SqlError({.sqlstate = "08006", .message = "server closed the connection"});
      });
    });
    FAIL("nothing was thrown");
  } catch (const SqlError& error) {
    CHECK(error.sqlstate() == "08006");
    CHECK(error.exit_code() == ExitCode::runtime_failure);
    CHECK_THAT(error.what(),
               Catch::Matchers::StartsWith("target auth, table public.users: COPY: server closed"));
  }
  try {
    with_context("target vault", [] { throw ConnectionError("postgresql://h/vault", "refused"); });
    FAIL("nothing was thrown");
  } catch (const ConnectionError& error) {
    CHECK(error.exit_code() == ExitCode::usage);
    CHECK(error.connection() == "postgresql://h/vault");
    CHECK_THAT(error.what(), Catch::Matchers::StartsWith("target vault: cannot connect to"));
  }
}

TEST_CASE("with_context returns the body's value and leaves other exceptions alone", "[core]") {
  CHECK(with_context("x", [] { return 42; }) == 42);
  CHECK_THROWS_AS(with_context("x", [] { throw std::logic_error("bug"); }), std::logic_error);
  try {
    with_context("", [] { throw Error("plain", "the hint"); });
  } catch (const Error& error) {
    CHECK(std::string(error.what()) == "plain"); // an empty context adds nothing
    CHECK(error.hint() == "the hint");
  }
}

TEST_CASE("a plan with errors is a usage error: nothing was written", "[core]") {
  CHECK(PlanError("the plan has 2 error(s)").exit_code() == ExitCode::usage);
}

TEST_CASE("a context may say what to do instead of the error's own hint", "[core]") {
  try {
    with_context(
        "restoring key k", [] { throw SqlError({.sqlstate = "23503", .message = "violates"}); },
        "fix the rows, then resume");
    FAIL("nothing was thrown");
  } catch (const SqlError& error) {
    CHECK(error.sqlstate() == "23503");
    CHECK(error.hint() == "fix the rows, then resume");
    CHECK_THAT(error.what(), Catch::Matchers::StartsWith("restoring key k: violates"));
  }
}
