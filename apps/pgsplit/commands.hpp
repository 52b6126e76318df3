#pragma once

#include <string>
#include <vector>

// The subcommands, one file each (command_<name>.cpp).
namespace pgsplit::app {


} // namespace pgsplit::app
