#pragma once

#include <string_view>

namespace pgsplit::fuzz {

// What the mapping loader made of one input.
enum class Outcome { accepted, rejected };

// Runs config::parse_mapping on `text` with a fixed environment and checks what it promises:
// it either returns a mapping that satisfies the documented invariants, or throws
// core::ConfigError with at least one located, sorted diagnostic that never shows the value
// of a variable. Anything else (another exception, a broken invariant) aborts with a message,
// which libFuzzer and the replay driver both report as a failure.
Outcome check_mapping(std::string_view text);

} // namespace pgsplit::fuzz
