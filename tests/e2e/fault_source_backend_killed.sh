#!/usr/bin/env bash
# A source backend terminated mid-COPY (the worker's `COPY (SELECT … FROM ONLY "public"."events")
# TO STDOUT`, found in pg_stat_progress_copy once bytes move): apply exits 1 naming the target
# and the table; the table is empty and unmarked in its target; no pgsplit session is left;
# `apply --resume` completes and `verify --checksums` passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/faults.bash"
faults_begin fault_source_backend_killed

faults_backend_killed_scenario source
