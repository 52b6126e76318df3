#include <pgsplit/pg/quote.hpp>
#include <pgsplit/stamp/stamp_dry_run.hpp>
#include <pgsplit/stamp/stamp_keep.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace pgsplit::stamp {
namespace {

bool is_word_char(char character) {
  return std::isalnum(static_cast<unsigned char>(character)) != 0 || character == '_' ||
         character == '$';
}

std::string literal(const StampValue& value) { return value ? pg::quote_literal(*value) : "NULL"; }

// One statement, ended by a semicolon unless it already has one.
std::string statement_line(std::string_view sql) {
  auto end = sql.find_last_not_of(" \t\n");
  const auto trimmed = end == std::string_view::npos ? sql.substr(0, 0) : sql.substr(0, end + 1);
  return fmt::format("{}{}\n", trimmed, trimmed.ends_with(';') ? "" : ";");
}

void render_table(std::string& out, const StampPlan& plan);

void render_plan(std::string& out, const PlannedStamp& entry) {
  if (!entry.create_schema.empty()) {
    out += statement_line(entry.create_schema);
  }
  render_table(out, *entry.plan);
  for (const auto& companion : entry.plan->companions) { // part A
    render_table(out, companion);
  }
}

void render_table(std::string& out, const StampPlan& plan) {
  for (const auto& statement : plan.create_statements) {
    out += statement_line(statement);
  }
  if (plan.tool == StampTool::prisma) {
    out += "-- rows already recording a migration below with its checksum are kept\n";
    const auto unmatched = prisma_delete_unmatched(plan);
    out += statement_line(inline_parameters(unmatched.sql, unmatched.params));
    out += statement_line(prisma_delete_duplicates(plan));
    out += "-- each insert is skipped when its migration is already recorded\n";
  } else if (!plan.clear_statement.empty()) {
    out += "-- left as it is when it already holds exactly these rows\n";
    out += statement_line(plan.clear_statement);
  }
  for (const auto& row : plan.rows) {
    out += statement_line(inline_parameters(plan.insert_statement, row));
  }
}

} // namespace

std::string inline_parameters(std::string_view sql, const std::vector<StampValue>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char character = sql[i];
    if (character == '"' || character == '\'') {
      // A doubled quote inside reads as a close and a reopen: the same text comes out.
      const auto close = sql.find(character, i + 1);
      const auto end = close == std::string_view::npos ? sql.size() : close + 1;
      out.append(sql.substr(i, end - i));
      i = end;
      continue;
    }
    const bool parameter = character == '$' && i + 1 < sql.size() &&
                           std::isdigit(static_cast<unsigned char>(sql[i + 1])) != 0 &&
                           (i == 0 || !is_word_char(sql[i - 1]));
    if (!parameter) {
      out += character;
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    std::size_t number = 0;
    while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end])) != 0) {
      // Capped just past the last value: a long run of digits cannot wrap around into range.
      number = std::min(number * 10 + static_cast<std::size_t>(sql[end] - '0'), values.size() + 1);
      ++end;
    }
    if (number >= 1 && number <= values.size()) {
      out += literal(values[number - 1]);
    } else {
      out.append(sql.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

std::string render_target_stamps(const TargetStamps& stamps) {
  // Values come from migration files; read with standard_conforming_strings off, a backslash
  // before a quote would end a literal early. The script sets it, as pg_dump's do.
  std::string out = fmt::format(
      "-- target {}\nBEGIN;\nSET LOCAL standard_conforming_strings = on;\n", stamps.target);
  for (const auto& entry : stamps.entries) {
    out += fmt::format("-- {}\n", entry.summary);
    if (entry.plan) {
      render_plan(out, entry);
    } else {
      out += statement_line(entry.sql);
    }
  }
  out += "COMMIT;\n";
  return out;
}

} // namespace pgsplit::stamp
