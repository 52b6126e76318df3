#include <pgsplit/plan/row_filter.hpp>

namespace pgsplit::plan {

std::string filter_expression(std::string_view filter) {
  return "(\n" + std::string(filter) + "\n)";
}

} // namespace pgsplit::plan
