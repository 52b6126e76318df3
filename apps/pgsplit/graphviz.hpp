#pragma once

#include <string>

// `plan --format svg`: the Graphviz source of the split rendered by Graphviz's `dot`, which is
// an optional dependency (Debian package graphviz), looked up on PATH.
namespace pgsplit::app {

// Throws core::UsageError (exit 2, nothing written) naming the package when `dot` is not on
// PATH. Called before anything else so that a missing tool costs no connection.
void require_graphviz();

// Runs `dot -Tsvg` on `dot_source`, its SVG going straight to stdout; throws core::Error when
// dot fails (its own message is on stderr).
void print_svg(const std::string& dot_source);

} // namespace pgsplit::app
