// libFuzzer entry point for the mapping loader (scripts/fuzz.sh), also linked into the replay
// driver that ctest runs over the seed corpus (replay_main.cpp). See docs/fuzzing.md.
#include "mapping_fuzzer.hpp"

#include <pgsplit/config/field_reader.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/config/target_config.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>
#include <string>
#include <typeinfo>

namespace pgsplit::fuzz {
namespace {

// A password that only the environment knows: no message may show it unless the input itself
// contains it. The variables below hold it, as real connection variables would (EMPTY
// exercises `${EMPTY:-default}`).
constexpr std::string_view secret = "pw-7f3a9c";

const config::Environment& environment() {
  static const config::Environment env = config::fixed_environment({
      {"MONOLITH_URL", "postgresql://app:pw-7f3a9c@db.internal:5432/mono"},
      {"AUTH_DB_URL", "host=auth dbname=auth user=app password=pw-7f3a9c"},
      {"CANDIDATE_DB_URL", "postgresql://app:pw-7f3a9c@db.internal/candidate"},
      {"COMPANY_DB_URL", "postgresql://app:pw-7f3a9c@db.internal/company"},
      {"PAYMENT_DB_URL", "postgresql://app:pw-7f3a9c@db.internal/payment"},
      {"DOCUMENT_DB_URL", "postgresql://app:pw-7f3a9c@db.internal/document"},
      {"LOGS_DB_URL", "postgresql://app:pw-7f3a9c@db.internal/logs"},
      {"DB_PASSWORD", "pw-7f3a9c"},
      {"PGPASSWORD", "pw-7f3a9c"},
      {"EMPTY", ""},
  });
  return env;
}

// Relative directories (stamp folders) are resolved against this file's directory.
const std::filesystem::path file_name = "/fuzz/pgsplit.yaml";

[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "mapping_fuzzer: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

void expect(bool condition, std::string_view what) {
  if (!condition) {
    broken(fmt::format("invariant broken: {}", what));
  }
}

void check_pattern(const config::NamePattern& pattern, std::string_view what) {
  expect(!pattern.name.empty(), fmt::format("{}: empty name", what));
  expect(!pattern.schema || !pattern.schema->empty(), fmt::format("{}: empty schema", what));
  // name_pattern.hpp: to_string "parses back to the same pattern".
  const config::NamePatternParse again = config::try_parse_name_pattern(pattern.to_string());
  expect(again.pattern == pattern,
         fmt::format("{}: '{}' does not parse back to itself", what, pattern.to_string()));
}

void check_target(const config::Target& target) {
  expect(config::valid_target_name(target.name), "invalid target name accepted");
  expect(!target.url.empty(), "target without url accepted");
  expect(!target.tables.empty(), "target without tables accepted");
  expect(target.location.line > 0 && target.location.target == target.name,
         "target location missing");
  for (const auto& table : target.tables) {
    check_pattern(table.pattern, "table");
    expect(table.location.line > 0, "table location missing");
    expect(table.location.table == table.pattern.to_string(), "table location names another table");
    if (table.rename) {
      check_pattern(*table.rename, "rename");
      expect(!table.rename->has_glob() && !table.pattern.has_glob(), "rename with a glob accepted");
    }
    expect(!table.where || !table.where->empty(), "empty where accepted");
  }
  for (const auto& stamp : target.stamps) {
    expect(stamp.location.target == target.name, "stamp location names another target");
    if (stamp.tool == config::StampTool::sql) {
      expect(!stamp.sql.empty(), "empty sql stamp accepted");
      continue;
    }
    expect(!stamp.table.empty(), "stamp without history table accepted");
    const bool versioned = stamp.tool != config::StampTool::prisma;
    expect(!versioned || !stamp.version.empty(), "stamp without version accepted");
    expect(stamp.directory.empty() || stamp.directory.is_absolute(), "stamp folder left relative");
  }
}

void check_accepted(const config::Mapping& mapping) {
  expect(mapping.file == file_name, "mapping names another file");
  expect(!mapping.source.url.empty(), "source without url accepted");
  std::set<std::string, std::less<>> schemas;
  for (const auto& schema : mapping.source.schemas) {
    expect(!schema.empty() && schemas.insert(schema).second, "empty or repeated schema accepted");
  }
  for (const auto& entry : mapping.exclude) {
    check_pattern(entry.pattern, "exclude");
  }
  expect(!mapping.targets.empty(), "mapping without targets accepted");
  std::set<std::string, std::less<>> names;
  for (const auto& target : mapping.targets) {
    expect(names.insert(target.name).second, "duplicate target accepted");
    check_target(target);
  }
  expect(mapping.options.jobs >= 1, "options.jobs < 1 accepted");
}

void check_rejected(const core::ConfigError& error, std::string_view input) {
  const core::Diagnostics& diagnostics = error.diagnostics();
  expect(!diagnostics.empty(), "ConfigError without diagnostics");
  // At most max_diagnostics problems, then one "N more problems not shown" without a line.
  expect(diagnostics.size() <= config::FieldReader::max_diagnostics + 1, "too many diagnostics");
  const bool capped = diagnostics.back().message.ends_with(" more problems not shown");
  expect(!capped || diagnostics.size() == config::FieldReader::max_diagnostics + 1,
         "problems dropped below the limit");
  const bool input_has_secret = input.find(secret) != std::string_view::npos;
  std::pair<int, int> previous{0, 0};
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const core::Diagnostic& diagnostic = diagnostics[i];
    const core::Location& where = diagnostic.where;
    expect(where.file == file_name.string(), "diagnostic names another file");
    expect(where.line >= 0 && where.column >= 0, "negative position");
    expect(where.line > 0 || where.column == 0, "column without line");
    const std::pair<int, int> position{where.line, where.column};
    const bool last_of_capped = capped && i + 1 == diagnostics.size();
    expect(previous <= position || last_of_capped, "diagnostics not in file order");
    previous = position;
    expect(!diagnostic.message.empty(), "empty diagnostic message");
    const std::string text = diagnostic.to_string();
    expect(text.find('\0') == std::string::npos, "a diagnostic prints a NUL");
    if (!input_has_secret && text.find(secret) != std::string::npos) {
      broken(fmt::format("the value of a variable leaked into a message:\n{}", text));
    }
  }
  // main prints what(): it must hold every problem (a NUL in one once cut off the rest).
  const std::string_view printed = error.what();
  for (const auto& diagnostic : diagnostics) {
    expect(printed.find(diagnostic.to_string()) != std::string_view::npos,
           "what() does not hold every diagnostic");
  }
}

} // namespace

Outcome check_mapping(std::string_view text) {
  try {
    const config::Mapping mapping = config::parse_mapping(text, file_name, environment());
    check_accepted(mapping);
    return Outcome::accepted;
  } catch (const core::ConfigError& error) {
    check_rejected(error, text);
    return Outcome::rejected;
  } catch (const std::exception& error) {
    broken(fmt::format("unexpected exception {}: {}", typeid(error).name(), error.what()));
  } catch (...) {
    broken("unexpected exception of a non-standard type");
  }
}

} // namespace pgsplit::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pgsplit::fuzz::check_mapping(text);
  return 0;
}
