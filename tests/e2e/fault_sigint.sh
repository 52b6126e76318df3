#!/usr/bin/env bash
# SIGINT sent to `pgsplit apply` while a table is being copied: the in-flight copy is rolled
# back (the table empty and unmarked), no pgsplit session is left on the server, a summary of
# what is done and what is not is printed, exit 130; `apply --resume` completes and
# `verify --checksums` passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/faults.bash"
faults_begin fault_sigint

faults_signal_scenario INT 130
