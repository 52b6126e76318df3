#pragma once

#include <string>
#include <string_view>

// Whether this run of pgsplit has written anywhere: a target database created, a target
// written by a copy job, a version table stamped. Exit code 2 promises "nothing was written";
// main asks here instead of trusting the kind of the error alone (a connection lost after the
// copy is no usage error). Thread-safe: copy workers record from their threads.
namespace pgsplit::core {

// Called just before the first write of each kind; `what` ("target auth") names the first one.
void record_write(std::string_view what);
bool anything_written();
// What was written first ("target auth"), empty when nothing was.
std::string first_write();

// For tests: forget what was recorded.
void reset_run_record();

} // namespace pgsplit::core
