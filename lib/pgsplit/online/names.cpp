#include <pgsplit/core/sha256.hpp>
#include <pgsplit/online/names.hpp>

#include <cctype>

namespace pgsplit::online {

std::string replication_name(std::string_view target) {
  std::string name = "pgsplit_";
  for (const char character : target) {
    const auto byte = static_cast<unsigned char>(character);
    name += std::isalnum(byte) != 0 ? static_cast<char>(std::tolower(byte)) : '_';
  }
  constexpr std::size_t limit = 63;
  const bool changed = name.substr(8) != target || name.size() > limit;
  if (!changed) {
    return name;
  }
  const auto hash = core::sha256_hex(target).substr(0, 8);
  return name.substr(0, limit - hash.size() - 1) + "_" + hash;
}

std::string replication_names_array(const config::Mapping& mapping) {
  // Replication names are [a-z0-9_] only: no element needs quoting inside the literal.
  std::string names = "{";
  for (const auto& target : mapping.targets) {
    names += (names.size() > 1 ? "," : "") + replication_name(target.name);
  }
  return names + "}";
}

} // namespace pgsplit::online
