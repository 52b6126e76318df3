#pragma once

#include <string>
#include <vector>

// The subcommands, one file each (command_<name>.cpp).
namespace pgsplit::app {

int run_init(const std::vector<std::string>& arguments);
int run_plan(const std::vector<std::string>& arguments);
int run_apply(const std::vector<std::string>& arguments);
int run_stamp(const std::vector<std::string>& arguments);
int run_verify(const std::vector<std::string>& arguments);
int run_status(const std::vector<std::string>& arguments);
int run_cutover(const std::vector<std::string>& arguments);
int run_cleanup(const std::vector<std::string>& arguments);

} // namespace pgsplit::app
