#include <pgsplit/schema/target_ddl.hpp>

#include <fmt/format.h>

namespace pgsplit::schema {
namespace {

// Text for a `--` comment line: names may hold line breaks, which would end the comment and
// let the rest of the name run as SQL.
std::string comment_text(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (const char character : text) {
    line.push_back(character == '\n' || character == '\r' ? ' ' : character);
  }
  return line;
}

void add_header(std::string& out, std::string_view header) {
  out += "-- " + comment_text(header) + "\n\n";
}

void add_statement(std::string& out, const Statement& statement) {
  out += statement.sql;
  if (!statement.sql.ends_with(';')) {
    out += ';';
  }
  out += "\n\n";
}

void add_statements(std::string& out, const std::vector<Statement>& statements) {
  for (const auto& statement : statements) {
    add_statement(out, statement);
  }
}

} // namespace

std::string render_script(const TargetDdl& ddl) {
  std::string out;
  add_header(out, fmt::format("pgsplit: schema of target {}", ddl.target));
  // Literals (comments, enum labels, and those inside pg_get_*def texts) double quotes but keep
  // backslashes as they are: read with standard_conforming_strings off, a backslash before a
  // quote would end the literal early and run the rest of it as SQL. apply sets it on every
  // session; a script run by hand sets it itself, as pg_dump's do.
  out += "SET standard_conforming_strings = on;\n\n";
  for (const auto& note : ddl.notes) {
    out += "-- note: " + comment_text(note) + "\n";
  }
  if (!ddl.notes.empty()) {
    out += "\n";
  }
  add_header(out, "pre-data");
  add_statements(out, ddl.pre_data);
  for (const auto& table : ddl.post_data) {
    add_header(out, "post-data: " + table.target_name.to_string());
    add_statements(out, table.statements);
  }
  add_header(out, "foreign keys");
  for (const auto& key : ddl.foreign_keys) {
    add_statement(out, key.statement);
  }
  add_header(out, "views");
  add_statements(out, ddl.views);
  if (!ddl.access.empty()) {
    add_header(out, "access: row-level security, owners, privileges");
    add_statements(out, ddl.access);
  }
  return out;
}

} // namespace pgsplit::schema
