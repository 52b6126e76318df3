#!/usr/bin/env bash
# A target backend terminated mid-COPY (pg_terminate_backend once pg_stat_progress_copy shows
# bytes moving into telemetry's `events`): apply exits 1 naming the target and the table; the
# table is empty and unmarked in _pgsplit.tables; no pgsplit session is left; `apply --resume`
# completes and `verify --checksums` passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/faults.bash"
faults_begin fault_target_backend_killed

faults_backend_killed_scenario target
