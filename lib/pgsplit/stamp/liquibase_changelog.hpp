#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// One changeset of a Liquibase changelog, as databasechangelog records it.
struct LiquibaseChangeSet {
  std::string version; // its id
  std::string name;    // "author:id", the other way the mapping's version can name it
  std::string author;
  std::string description; // "sql" for formatted SQL; the change types for YAML
  std::optional<std::string> comments;
  std::optional<std::string> contexts;
  std::optional<std::string> labels;
  int line = 0;
};

// The changesets of a formatted SQL changelog (first line `--liquibase formatted sql`, then
// `--changeset author:id [context:…] [labels:…]` and `--comment: …`). `file` is for errors.
std::vector<LiquibaseChangeSet> parse_liquibase_sql(std::string_view text,
                                                    const std::filesystem::path& file);

// The changesets of a YAML changelog (`databaseChangeLog:` a list of `- changeSet: {id, author,
// context(s), labels, comment, changes}`). `include`/`includeAll` are refused.
std::vector<LiquibaseChangeSet> parse_liquibase_yaml(std::string_view text,
                                                     const std::filesystem::path& file);

// The changesets of the changelog file, by its extension (.sql, .yaml, .yml; XML and JSON are
// refused with a hint), in file order. Two changesets with one author and id are an error.
std::vector<LiquibaseChangeSet> read_liquibase_changelog(const std::filesystem::path& file);

// databasechangelog (or `table`) as `liquibase changelog-sync` fills it: one row per changeset up
// to the version, EXECUTED, md5sum NULL (Liquibase computes it on its next run), filename =
// `changelog_name` or the changelog's file name; databasechangeloglock (`<table>lock`) created
// with its unlocked row when missing.
StampPlan liquibase_stamp_plan(const StampRequest& request, const StampTable& table,
                               const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
