#include <pgsplit/config/options_config.hpp>

#include <limits>

namespace pgsplit::config {
namespace {

const std::vector<std::string> option_keys = {
    "jobs", "schema", "if_target_not_empty", "cross_target_foreign_keys", "owners", "privileges"};

void read_jobs(FieldReader& reader, const YamlNode& node, Options& options) {
  const std::optional<long long> jobs = reader.integer(node, "options.jobs");
  if (!jobs) {
    return;
  }
  if (*jobs < 1 || *jobs > std::numeric_limits<int>::max()) {
    reader.report(node.at, fmt::format("options.jobs: expected an integer >= 1, got {}",
                                       FieldReader::shown(node)));
    return;
  }
  options.jobs = static_cast<int>(*jobs);
}

void read_access(FieldReader& reader, const YamlNode& node, Options& options) {
  if (const YamlNode* owners = node.find("owners")) {
    options.owners =
        reader.choice(*owners, "options.owners", {Owners::keep, Owners::connecting_role})
            .value_or(options.owners);
  }
  if (const YamlNode* privileges = node.find("privileges")) {
    options.privileges =
        reader.choice(*privileges, "options.privileges", {Privileges::keep, Privileges::none})
            .value_or(options.privileges);
  }
}

} // namespace

Options read_options(FieldReader& reader, const YamlNode& node, Position owner) {
  Options options;
  options.location = reader.location(owner);
  if (!reader.expect_mapping(node, "options", "a mapping of settings")) {
    return options;
  }
  reader.check_keys(node, "options", option_keys);
  if (const YamlNode* jobs = node.find("jobs")) {
    read_jobs(reader, *jobs, options);
  }
  if (const YamlNode* schema = node.find("schema")) {
    options.schema =
        reader.choice(*schema, "options.schema", {SchemaMode::create, SchemaMode::existing})
            .value_or(options.schema);
  }
  if (const YamlNode* action = node.find("if_target_not_empty")) {
    options.if_target_not_empty = reader
                                      .choice(*action, "options.if_target_not_empty",
                                              {IfTargetNotEmpty::fail, IfTargetNotEmpty::truncate})
                                      .value_or(options.if_target_not_empty);
  }
  if (const YamlNode* action = node.find("cross_target_foreign_keys")) {
    options.cross_target_foreign_keys =
        reader
            .choice(*action, "options.cross_target_foreign_keys",
                    {CrossTargetForeignKeys::drop, CrossTargetForeignKeys::fail})
            .value_or(options.cross_target_foreign_keys);
  }
  read_access(reader, node, options);
  return options;
}

} // namespace pgsplit::config
