#pragma once

#include <pgsplit/config/mapping.hpp>

#include <string>
#include <string_view>

// The names of what online mode creates. They derive from the mapping's target names alone, so
// that `cleanup` finds exactly pgsplit's objects, after any failure, and never touches others.
namespace pgsplit::online {

// The publication and replication slot on the source, and the subscription on the target, of
// one target: "pgsplit_<target>" in the characters a slot name allows ([a-z0-9_], at most 63);
// when the target's name had to change for that, a short hash of it keeps names distinct.
std::string replication_name(std::string_view target);

// Every target's replication name as a text[] literal, for `… = ANY($1::text[])`: the one
// filter by which status, preconditions and the catch-up wait find pgsplit's objects.
std::string replication_names_array(const config::Mapping& mapping);

// The write fence: a schema on the source holding the trigger function, and the trigger's name
// on every moved table. `cleanup --fence` drops the schema, and the triggers with it.
inline constexpr std::string_view fence_schema = "_pgsplit_fence";
inline constexpr std::string_view fence_function = "reject_write";
inline constexpr std::string_view fence_trigger = "pgsplit_fence";

} // namespace pgsplit::online
