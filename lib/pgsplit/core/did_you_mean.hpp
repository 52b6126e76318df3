#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::core {

// Edit distance (insertions, deletions, substitutions, adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when it is close enough to be a plausible typo
// (distance at most a third of the word's length, and at least 1 allowed).
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or an empty string.
std::string did_you_mean_suffix(std::string_view word, const std::vector<std::string>& candidates);

} // namespace pgsplit::core
