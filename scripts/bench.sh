#!/usr/bin/env bash
# The benchmark of issues #8 and #20 (and the memory measurement of issue #5): how long pgsplit
# takes to split the demo monolith compared with the floor and the other ways of doing it, how
# much memory, how many connections and how much client CPU it uses, and how long planning takes.
#
#   scripts/bench.sh [--scale N] [--runs K] [--jobs J] [--big-table-gb G] [--keep]
#                    [--output docs/benchmarks.md]
#
# --scale N         demo monolith size (default 10 ≈ 1.6 GB, the issue's goals; 0.3 ≈ 50 MB)
# --runs K          rounds of the four methods, each round in a rotated order (default 1);
#                   the report gives medians
# --jobs J          parallelism of every method (default 2, the machine's cores)
# --big-table-gb G  size of the one table of the memory step, in GiB (default 1)
# --keep            leave the sandbox running: the next run reuses its loaded databases
# --output FILE     the Markdown report (default docs/benchmarks.md)
# PGSPLIT_BIN=path  measure this pgsplit instead of building one in build-bench/
#
# Methods, each into freshly dropped targets, its result checked (row counts, untimed):
#   (a) pgsplit apply of config/demo.yaml --verify none (the others do not verify either)
#   (e) the same with apply's default verification (--verify counts)
#   (b) one pg_dump -Fd, then per target pg_restore of a TOC list filtered to that target
#   (c) pgcopydb clone of the mapped tables into one target ("n/a" when not installable)
#   (d) the floor: every mapped leaf table's COPY ... TO STDOUT | COPY ... FROM STDIN, $jobs at a
#       time, then every index, key and constraint of the mapped tables (pg_restore -j $jobs
#       --section=post-data), nothing else
# (a) also reports peak RSS, the most pgsplit sessions seen in pg_stat_activity (sampled every
# 0.2 s), and its CPU (user+sys) against the PostgreSQL server's over the same run; then one
# more run of (a) under `perf record` for a profile of the client. Then pgsplit on one large
# table (peak RSS) and `pgsplit plan` on 2,000 and 10,000 tables.
# It reports and asserts nothing: the exit code is 0 unless a method itself failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bench_sql=$root/scripts/bench

scale=10
runs=1
jobs=2
big_gb=1
keep=false
output=docs/benchmarks.md
config=$root/config/demo.yaml
sandbox=bench

usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --big-table-gb) big_gb=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    --output) output=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $scale =~ ^[0-9]+(\.[0-9]+)?$ && $big_gb =~ ^[0-9]+(\.[0-9]+)?$ ]] ||
  { echo "bench.sh: --scale and --big-table-gb take a number" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ && $jobs =~ ^[1-9][0-9]*$ ]] ||
  { echo "bench.sh: --runs and --jobs take a positive integer" >&2; exit 2; }
[[ $output == /* ]] || output=$root/$output

# --- helpers -------------------------------------------------------------------------------------

step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
note() { echo "   $*" >&2; }

# Runs SQL on a database URL, quietly (no NOTICE), tuples only, each further argument as its own
# statement (so that DROP DATABASE or VACUUM can follow another one); stops at the first error.
sql() {
  local url=$1 statement arguments=()
  shift
  for statement in "$@"; do arguments+=(-c "$statement"); done
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 "$url" "${arguments[@]}"
}
url_of() { echo "$base/$1"; }
drop_db() { sql "$admin_url" "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"; }
create_db() { drop_db "$1"; sql "$admin_url" "CREATE DATABASE \"$1\""; }

# A cached database is complete when it carries this comment, set only after a successful load.
complete_marker="pgsplit bench: complete"
is_complete() {
  [[ $(sql "$admin_url" "SELECT shobj_description(oid, 'pg_database') FROM pg_database
                         WHERE datname = '$1'") == "$complete_marker"* ]]
}
mark_complete() { sql "$admin_url" "COMMENT ON DATABASE \"$1\" IS '$complete_marker ($2)'"; }

# Seconds since an $EPOCHREALTIME reading, e.g. `started=$EPOCHREALTIME; ...; since "$started"`.
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }

# Results are lines "<method> <run> <key> <value>" in one file, so that methods can run in
# subshells (see run_method) and the report reads them all at the end.
record() { printf '%s %s %s %s\n' "$1" "$2" "$3" "$4" >>"$work/results"; }
values_of() { awk -v m="$1" -v k="$2" '$1 == m && $3 == k { print $4 }' "$work/results"; }
median_of() {
  values_of "$1" "$2" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2];
                              else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Peak RSS in kB from a `/usr/bin/time -v` report.
peak_rss_kb() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

# A number from pgsplit's `apply --format json` report (the copy report may be nested under
# "apply" when verification or stamps are reported beside it).
apply_report_value() {
  python3 - "$1" "$2" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
report = report.get("apply", report)
print(report[sys.argv[2]])
PY
}

# --- setup ---------------------------------------------------------------------------------------

work=$(mktemp -d /tmp/pgsplit-bench.XXXXXX)   # dumps, lists, logs; removed after a clean run
failed_methods=()
sandbox_started=false
cleanup() {
  local status=$?
  jobs -p | xargs -r kill 2>/dev/null || true
  if ! $sandbox_started; then
    :
  elif $keep; then
    echo "bench.sh: the sandbox '$sandbox' is still running; stop it with: scripts/pg-sandbox stop $sandbox" >&2
  else
    "$root/scripts/pg-sandbox" stop "$sandbox" || true
  fi
  if [[ $status -eq 0 && ${#failed_methods[@]} -eq 0 ]]; then
    rm -rf "$work"
  else
    echo "bench.sh: logs kept in $work" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

install_tools() {
  step "Installing dependencies and building pgsplit"
  scripts/install-deps.sh
  if ! command -v pgcopydb >/dev/null; then
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo=sudo
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq pgcopydb; } \
      >/dev/null 2>&1 ||
      note "pgcopydb is not installable here: method (c) will be reported as n/a"
  fi
  if ! command -v perf >/dev/null; then
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo=sudo
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq linux-perf; } \
      >/dev/null 2>&1 || note "perf is not installable here: the client profile is left out"
  fi
  if [[ -n ${PGSPLIT_BIN:-} ]]; then
    pgsplit=$PGSPLIT_BIN
  else
    PGSPLIT_BUILD_DIR=${PGSPLIT_BUILD_DIR:-build-bench} scripts/build.sh pgsplit >/dev/null
    pgsplit=$root/${PGSPLIT_BUILD_DIR:-build-bench}/apps/pgsplit
  fi
  note "$("$pgsplit" --version)"
}

start_sandbox() {
  step "Starting the sandbox '$sandbox'"
  admin_url=$("$root/scripts/pg-sandbox" start "$sandbox")
  sandbox_started=true
  base=${admin_url%/postgres}
  note "$admin_url"
  # The server's own client programs, first on the PATH (for pgcopydb too): Debian's
  # /usr/bin/psql is a Perl wrapper that costs a few tenths of a second per call, which would
  # weigh on the floor's two psql per table.
  local major
  major=$(sql "$admin_url" "SELECT current_setting('server_version_num')::int / 10000")
  if [[ -x /usr/lib/postgresql/$major/bin/psql ]]; then
    export PATH=/usr/lib/postgresql/$major/bin:$PATH
  fi
}

# The demo monolith at this scale, in a database named after it; reused when a kept sandbox
# already holds a complete one. The monolith is never modified after its load.
load_monolith() {
  monolith=bench_monolith_s${scale//./_}
  monolith_url=$(url_of "$monolith")
  if is_complete "$monolith"; then
    step "Reusing the demo monolith $monolith"
  else
    step "Loading the demo monolith at scale $scale into $monolith"
    create_db "$monolith"
    local started=$EPOCHREALTIME
    psql -X -q -v ON_ERROR_STOP=1 -v scale="$scale" "$monolith_url" -f sql/demo/monolith.sql
    mark_complete "$monolith" "scale $scale"
    note "loaded in $(since "$started") s"
  fi
  monolith_bytes=$(sql "$admin_url" "SELECT pg_database_size('$monolith')")
}

# The mapping's URLs are ${VAR} references; each method points them at its own databases.
# Writes $work/urls: "source VAR" and "target NAME VAR" lines, read from the YAML's layout
# (top-level sections, targets indented by two spaces) to need no YAML library.
read_mapping_urls() {
  awk '
    /^[^ #]/ { section = $1 }
    section == "targets:" && /^  [A-Za-z0-9_-]+:/ { name = $1; sub(/:$/, "", name) }
    /^ +url:/ {
      if (!match($0, /\$\{[A-Za-z_][A-Za-z0-9_]*\}/)) {
        print "bench.sh: " FILENAME ": every url must be one ${VAR} reference: " $0 > "/dev/stderr"
        exit 1
      }
      variable = substr($0, RSTART + 2, RLENGTH - 3)
      if (section == "source:") print "source", variable
      else if (section == "targets:") print "target", name, variable
    }' "$config" >"$work/urls"
  target_names=($(awk '$1 == "target" { print $2 }' "$work/urls"))
}

# Exports the mapping's variables: the monolith, and targets named bench_<method>_<target>.
point_mapping_at() {
  local method=$1 kind first second
  while read -r kind first second; do
    case $kind in
      source) export "$first=$monolith_url" ;;                              # source VAR
      target) export "$second=$(url_of "bench_${method}_$first")" ;;        # target NAME VAR
    esac
  done <"$work/urls"
}

# What each target receives, as pgsplit's plan says, and the checks every method is held to:
#   $work/tables/T      the target's tables (partitions included), comma-separated
#   $work/relations/T   the same plus its sequences and views (for the filtered restore)
#   $work/leaves/T      its leaf tables with column list and COPY format (floor_tables.sql)
#   $work/toc/T.objects the catalog objects a filtered restore keeps (toc_objects.sql)
#   $work/counts/source the source's row count of every mapped leaf table
prepare_expectations() {
  step "Planning the split (what every method must produce)"
  point_mapping_at a
  "$pgsplit" plan -c "$config" --format json >"$work/plan.json"
  mkdir -p "$work/tables" "$work/relations" "$work/leaves" "$work/toc" "$work/counts"
  python3 - "$work/plan.json" "$work" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
for target in plan["targets"]:
    tables = [table["source"] for table in target["tables"]]
    others = list(target.get("sequences", [])) + [view["name"] for view in target.get("views", [])]
    open(f"{sys.argv[2]}/tables/{target['name']}", "w").write(",".join(tables))
    open(f"{sys.argv[2]}/relations/{target['name']}", "w").write(",".join(tables + others))
PY
  local target
  : >"$work/leaves/all"
  for target in "${target_names[@]}"; do
    psql -X -q -At -F $'\t' -v ON_ERROR_STOP=1 -v rels="$(cat "$work/tables/$target")" \
      "$monolith_url" -f "$bench_sql/floor_tables.sql" >"$work/leaves/$target"
    cat "$work/leaves/$target" >>"$work/leaves/all"
    psql -X -q -At -v ON_ERROR_STOP=1 -v rels="$(cat "$work/relations/$target")" \
      "$monolith_url" -f "$bench_sql/toc_objects.sql" >"$work/toc/$target.objects"
  done
  # Every mapped table of every target (partitioned parents included), for the floor's builds
  # and pgcopydb's filter.
  local file
  for file in "$work"/tables/*; do tr ',' '\n' <"$file"; echo; done |
    awk 'NF && !seen[$0]++' | paste -sd, - >"$work/all_roots"
  mv "$work/all_roots" "$work/tables/all_roots"
  # The floor copies the largest tables first, whatever their target.
  sort -t $'\t' -k4,4nr -o "$work/leaves/all" "$work/leaves/all"
  row_counts "$monolith_url" "$work/leaves/all" >"$work/counts/source"
  leaf_count=$(wc -l <"$work/leaves/all")
  note "${#target_names[@]} targets, $leaf_count leaf tables, $(awk '{ s += $2 } END { print s }' "$work/counts/source") rows"
}

# "table count" for every table of a leaves file, counted in one query on the given database.
row_counts() {
  local url=$1 leaves=$2 query
  query=$(awk -F'\t' '{ printf "%sSELECT %s AS t, count(*) AS n FROM ONLY %s\n",
                         (NR > 1 ? "UNION ALL " : ""), "'"'"'" $1 "'"'"'", $1 }' "$leaves")
  sql "$url" "SELECT t || ' ' || n FROM ($query) AS counts ORDER BY t"
}

# Fails when a database's row counts differ from the source's for the given leaf tables.
check_counts() {
  local url=$1 leaves=$2 label=$3
  row_counts "$url" "$leaves" >"$work/counts/check"
  if ! diff <(awk -F'\t' 'NR == FNR { wanted[$1] = 1; next } ($1 in wanted)' "$leaves" \
                FS=' ' "$work/counts/source" | sort) \
            <(sort "$work/counts/check") >"$work/counts/diff"; then
    echo "bench.sh: $label: row counts differ from the source:" >&2
    cat "$work/counts/diff" >&2
    return 1
  fi
}

drop_targets() {
  local name
  for name in "${target_names[@]}"; do drop_db "bench_$1_$name"; done
}

# --- the four methods ----------------------------------------------------------------------------

# CPU seconds (user + system) the sandbox's server has used so far: the postmaster, the
# children it has reaped (backends that ended) and the children still running.
server_cpu_seconds() {
  local postmaster ticks
  postmaster=$(head -n 1 "/tmp/pgsplit-sandbox-$sandbox/data/postmaster.pid")
  ticks=$(getconf CLK_TCK)
  {
    awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
    for child in $(pgrep -P "$postmaster"); do
      awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || true
    done
  } | awk -v t="$ticks" '{ s += $1 } END { printf "%.2f", s / t }'
}

# Until killed: the most sessions named pgsplit* seen at once in pg_stat_activity (sampled every
# 0.2 s; psql's own session is not one), written to the given file after each sample.
sample_connections() {
  local out=$1 most=0 now
  while :; do
    now=$(sql "$admin_url" "SELECT count(*) FROM pg_stat_activity
                            WHERE application_name LIKE 'pgsplit%'" 2>/dev/null || echo 0)
    ((now > most)) && most=$now
    echo "$most" >"$out"
    sleep 0.2
  done
}

# User + system seconds from a `/usr/bin/time -v` report.
client_cpu_seconds() {
  awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"
}

# (a) and (e): pgsplit apply into fresh targets, under /usr/bin/time for the peak RSS and the
# client's CPU. (a) with --verify none (the other methods check nothing either; every method's
# row counts are checked afterwards, untimed), (e) with apply's default verification.
method_pgsplit() {
  local run=$1 key=${2:-a} verify=${3:-none} started seconds target sampler cpu_before
  drop_targets "$key"
  point_mapping_at "$key"
  sample_connections "$work/$key.connections" &
  sampler=$!
  cpu_before=$(server_cpu_seconds)
  started=$EPOCHREALTIME
  /usr/bin/time -v -o "$work/$key.time" "$pgsplit" apply -c "$config" -j "$jobs" \
    --verify "$verify" --format json >"$work/$key.json" 2>"$work/$key.err" ||
    { kill "$sampler"; tail -n 20 "$work/$key.err" >&2; return 1; }
  seconds=$(since "$started")
  record "$key" "$run" server_cpu "$(awk -v a="$cpu_before" -v b="$(server_cpu_seconds)" 'BEGIN { printf "%.2f", b - a }')"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  record "$key" "$run" seconds "$seconds"
  record "$key" "$run" data_seconds "$(apply_report_value "$work/$key.json" data_seconds)"
  record "$key" "$run" rss_kb "$(peak_rss_kb "$work/$key.time")"
  record "$key" "$run" client_cpu "$(client_cpu_seconds "$work/$key.time")"
  record "$key" "$run" connections "$(cat "$work/$key.connections" 2>/dev/null || echo 0)"
  for target in "${target_names[@]}"; do
    check_counts "$(url_of "bench_${key}_$target")" "$work/leaves/$target" "pgsplit, target $target"
  done
  drop_targets "$key"
  note "($key) pgsplit apply --verify $verify: ${seconds} s"
}
method_pgsplit_verified() { method_pgsplit "$1" e counts; }

# One more run of (a) under `perf record`, untimed: where the client's own CPU goes.
profile_pgsplit() {
  step "Profile: pgsplit apply under perf record"
  if ! command -v perf >/dev/null || ! perf record -o "$work/perf.data" -F 499 -g true >/dev/null 2>&1; then
    note "perf cannot record here: the profile is left out (client CPU comes from /usr/bin/time)"
    return 0
  fi
  drop_targets p
  point_mapping_at p
  perf record -o "$work/perf.data" -F 499 -g -- "$pgsplit" apply -c "$config" -j "$jobs" \
    --verify none --quiet >/dev/null 2>"$work/perf.err" || { tail -n 20 "$work/perf.err" >&2; return 1; }
  drop_targets p
  # Into a file first: awk stops reading after the top entries, which would fail perf report
  # with SIGPIPE under pipefail.
  perf report -i "$work/perf.data" --stdio --no-children --sort dso,symbol >"$work/perf.report" 2>/dev/null
  awk '/^ +[0-9.]+%/ { sub(/[ -]+$/, ""); print; if (++n == 15) exit }' "$work/perf.report" >"$work/perf.top"
  note "profile: $(wc -l <"$work/perf.top") lines in $work/perf.top"
}

# (b) The runbook done right: one directory-format dump, then per target a restore of the TOC
# entries that belong to it (shared types, functions and schemas; its tables, their data,
# indexes, constraints, triggers, sequences and views; foreign keys inside the target only).
method_dump_restore() {
  local run=$1 started seconds target
  drop_targets b
  rm -rf "$work/dump"
  for target in "${target_names[@]}"; do create_db "bench_b_$target"; done
  started=$EPOCHREALTIME
  pg_dump -Fd -j "$jobs" -f "$work/dump" "$monolith_url"
  pg_restore -l "$work/dump" >"$work/dump.toc"
  for target in "${target_names[@]}"; do
    awk -f "$bench_sql/toc_filter.awk" "$work/toc/$target.objects" "$work/dump.toc" \
      >"$work/toc/$target.list"
    pg_restore -j "$jobs" --exit-on-error -d "$(url_of "bench_b_$target")" \
      -L "$work/toc/$target.list" "$work/dump"
  done
  seconds=$(since "$started")
  record b "$run" seconds "$seconds"
  record b "$run" dump_bytes "$(du -sb "$work/dump" | cut -f1)"
  for target in "${target_names[@]}"; do
    check_counts "$(url_of "bench_b_$target")" "$work/leaves/$target" "pg_restore, target $target"
  done
  drop_targets b
  rm -rf "$work/dump"
  note "(b) pg_dump + filtered pg_restore: ${seconds} s"
}

# (c) pgcopydb clone of the mapped tables into one target: every target's tables, whatever
# their target, through an include-only-table filter (pgcopydb has no notion of several
# targets, and the same bytes are moved). When its filtered clone fails, the whole database is
# cloned instead and the report says so. --no-comments: pgcopydb 0.10's filtered pre-data
# restore keeps the COMMENT of a table its filter leaves out (the demo's alembic_version) and
# fails on it; comments are a few catalog rows, not part of what is timed. setsid: when
# pgcopydb fails, it terminates its whole process group, which would otherwise be this script.
method_pgcopydb() {
  local run=$1 started seconds scope=mapped
  if ! command -v pgcopydb >/dev/null; then
    record c "$run" status n/a
    note "(c) pgcopydb: n/a (not installed)"
    return 0
  fi
  { echo "[include-only-table]"; cut -f1 "$work/leaves/all" | tr -d '"'
    tr ',' '\n' <"$work/tables/all_roots"; } | awk '!seen[$0]++' >"$work/pgcopydb.filters"
  create_db bench_c_all
  rm -rf "$work/pgcopydb"
  started=$EPOCHREALTIME
  if ! PGCOPYDB_SOURCE_PGURI=$monolith_url PGCOPYDB_TARGET_PGURI=$(url_of bench_c_all) \
    setsid --wait pgcopydb clone --dir "$work/pgcopydb" --table-jobs "$jobs" --index-jobs "$jobs" \
    --no-comments --filters "$work/pgcopydb.filters" >"$work/pgcopydb.log" 2>&1; then
    note "(c) pgcopydb's filtered clone failed ($(grep -m1 "ERROR" "$work/pgcopydb.log" | cut -c1-200)); cloning the whole database"
    grep -m2 "ERROR" "$work/pgcopydb.log" | tail -n 1 | cut -c 1-300 >"$work/pgcopydb.filter_error"
    scope=whole
    create_db bench_c_all
    rm -rf "$work/pgcopydb"
    started=$EPOCHREALTIME
    PGCOPYDB_SOURCE_PGURI=$monolith_url PGCOPYDB_TARGET_PGURI=$(url_of bench_c_all) \
      setsid --wait pgcopydb clone --dir "$work/pgcopydb" --table-jobs "$jobs" --index-jobs "$jobs" \
      >"$work/pgcopydb.log" 2>&1 || { tail -n 30 "$work/pgcopydb.log" >&2; return 1; }
  fi
  seconds=$(since "$started")
  record c "$run" seconds "$seconds"
  record c "$run" scope "$scope"
  # Tables pgcopydb left incomplete are reported beside its time, not as a failure to run
  # (version 0.10 copies no rows of UNLOGGED tables).
  if ! check_counts "$(url_of bench_c_all)" "$work/leaves/all" "pgcopydb" 2>/dev/null; then
    record c "$run" incomplete "$(awk '/^>/ { printf "%s%s", sep, $2; sep = "," }' "$work/counts/diff")"
  fi
  drop_db bench_c_all
  rm -rf "$work/pgcopydb"
  note "(c) pgcopydb clone ($scope): ${seconds} s"
}

# One table of the floor: the source's COPY piped into the target's, nothing else.
floor_copy() {
  local table=$1 format=$2 columns=$3
  psql -X -q -v ON_ERROR_STOP=1 "$monolith_url" </dev/null \
    -c "COPY (SELECT $columns FROM ONLY $table) TO STDOUT (FORMAT $format)" |
    psql -X -q -v ON_ERROR_STOP=1 "$(url_of bench_d_floor)" \
      -c "COPY $table ($columns) FROM STDIN (FORMAT $format)"
}

# (d) The floor: what a perfect tool could not avoid. Every mapped leaf table piped COPY to
# COPY, largest first, $jobs at a time, into tables without indexes or constraints (the
# pre-data section, restored beforehand and not timed); then every index, key and constraint of
# the mapped tables, built by pg_restore -j $jobs --section=post-data (a trivial scheduler:
# all copies first, then all builds). Same format choice as pgsplit (floor_tables.sql); no
# verification, no statistics, no stamps.
method_floor() {
  local run=$1 started copied seconds running=0 status=0 table format columns
  create_db bench_d_floor
  pg_dump --schema-only --section=pre-data "$monolith_url" |
    psql -X -q -v ON_ERROR_STOP=1 "$(url_of bench_d_floor)" >/dev/null
  local selection=()
  while IFS= read -r table; do selection+=(-t "$table"); done < <(tr ',' '\n' <"$work/tables/all_roots")
  pg_dump -Fc --section=post-data "${selection[@]}" -f "$work/post-data.dump" "$monolith_url"
  started=$EPOCHREALTIME
  while IFS=$'\t' read -r table format columns _; do
    if ((running >= jobs)); then
      wait -n || status=1
      running=$((running - 1))
    fi
    floor_copy "$table" "$format" "$columns" &
    running=$((running + 1))
  done <"$work/leaves/all"
  while ((running > 0)); do
    wait -n || status=1
    running=$((running - 1))
  done
  copied=$(since "$started")
  [[ $status -eq 0 ]] || { echo "bench.sh: a COPY pipe of the floor failed" >&2; return 1; }
  pg_restore -j "$jobs" --exit-on-error -d "$(url_of bench_d_floor)" "$work/post-data.dump"
  seconds=$(since "$started")
  record d "$run" seconds "$seconds"
  record d "$run" copy_seconds "$copied"
  check_counts "$(url_of bench_d_floor)" "$work/leaves/all" "floor"
  drop_db bench_d_floor
  note "(d) floor: ${seconds} s (copies ${copied} s, then the builds)"
}

# Runs one method in a subshell with errexit in force (a function called from `if` or `||`
# runs without it), so that any failing command fails the method, not the whole benchmark.
run_method() {
  local method=$1 run=$2 function status=0
  case $method in
    a) function=method_pgsplit ;;
    b) function=method_dump_restore ;;
    c) function=method_pgcopydb ;;
    d) function=method_floor ;;
    e) function=method_pgsplit_verified ;;
  esac
  set +e
  (set -e; "$function" "$run")
  status=$?
  set -e
  if [[ $status -ne 0 ]]; then
    record "$method" "$run" status failed
    failed_methods+=("$method")
    note "($method) failed (exit $status); logs in $work"
  fi
}

run_methods() {
  local run index order=(a b c d e)
  for ((run = 1; run <= runs; run++)); do
    step "Round $run of $runs"
    for ((index = 0; index < 5; index++)); do
      # Each round starts one method later, so that no method always runs first (cold caches).
      run_method "${order[(index + run - 1) % 5]}" "$run"
    done
  done
}

# --- memory: one large table (issue #5) ----------------------------------------------------------

# A database holding one table `big` of at least G GiB (pg_relation_size), cached like the
# monolith. Rows of about 300 bytes, inserted in batches until the size is reached; the primary
# key is built once at the end (faster than maintaining it row by row).
load_big_table() {
  big_db=bench_big_${big_gb//./_}gb
  local goal_bytes batch=500000 next=1
  goal_bytes=$(awk -v g="$big_gb" 'BEGIN { printf "%.0f", g * 1024 ^ 3 }')
  if is_complete "$big_db"; then
    step "Reusing the one-table database $big_db"
  else
    step "Filling $big_db with one table of at least $big_gb GiB"
    create_db "$big_db"
    sql "$(url_of "$big_db")" "CREATE TABLE big (id bigint NOT NULL, payload text NOT NULL)"
    while (($(sql "$(url_of "$big_db")" "SELECT pg_relation_size('big')") < goal_bytes)); do
      sql "$(url_of "$big_db")" "INSERT INTO big SELECT i, repeat(md5(i::text), 8)
                                 FROM generate_series($next, $((next + batch - 1))) AS i"
      next=$((next + batch))
    done
    sql "$(url_of "$big_db")" "ALTER TABLE big ADD PRIMARY KEY (id)" "VACUUM ANALYZE big"
    mark_complete "$big_db" "$big_gb GiB"
  fi
  big_bytes=$(sql "$(url_of "$big_db")" "SELECT pg_relation_size('big')")
  cat >"$work/big.yaml" <<YAML
# One table to one target: the memory measurement of bench.sh.
source:
  url: \${BENCH_BIG_SOURCE_URL}
targets:
  big:
    url: \${BENCH_BIG_TARGET_URL}
    create_database: true
    tables: [big]
YAML
}

# pgsplit apply of the one-table mapping under /usr/bin/time; extra options are passed on.
apply_big() {
  local key=$1 started seconds
  shift
  drop_db bench_big_target
  started=$EPOCHREALTIME
  BENCH_BIG_SOURCE_URL=$(url_of "$big_db") BENCH_BIG_TARGET_URL=$(url_of bench_big_target) \
    /usr/bin/time -v -o "$work/$key.time" "$pgsplit" apply -c "$work/big.yaml" -j "$jobs" \
    --verify none --format json "$@" >"$work/$key.json" 2>"$work/$key.err" ||
    { tail -n 20 "$work/$key.err" >&2; return 1; }
  seconds=$(since "$started")
  record "$key" 1 seconds "$seconds"
  record "$key" 1 data_seconds "$(apply_report_value "$work/$key.json" data_seconds)"
  record "$key" 1 rss_kb "$(peak_rss_kb "$work/$key.time")"
  [[ $(sql "$(url_of bench_big_target)" "SELECT count(*) FROM big") == \
     $(sql "$(url_of "$big_db")" "SELECT count(*) FROM big") ]] ||
    { echo "bench.sh: the big table's row count differs after the copy" >&2; return 1; }
  drop_db bench_big_target
  note "$key: ${seconds} s, peak RSS $(($(peak_rss_kb "$work/$key.time") / 1024)) MB"
}

measure_memory() {
  step "Memory: pgsplit apply of one $(awk -v b="$big_bytes" 'BEGIN { printf "%.2f", b / 1024 ^ 3 }') GiB table"
  set +e
  (set -e; apply_big big)
  [[ $? -eq 0 ]] || { record big 1 status failed; failed_methods+=(big); }
  if "$pgsplit" apply --help 2>&1 | grep -q -- '--split-larger-than'; then
    (set -e; apply_big big_split --split-larger-than 256MB)
    [[ $? -eq 0 ]] || { record big_split 1 status failed; failed_methods+=(big_split); }
  else
    record big_split 1 status n/a
    note "this pgsplit has no --split-larger-than: n/a"
  fi
  set -e
}

# --- pgsplit plan on 2,000 and 10,000 tables ---------------------------------------------------

# `pgsplit plan` on SERVICES x 100 tables, one target per service; records plan_<tables>.
measure_plan_of() {
  local services=$1 tables=$(($1 * 100)) plan_db service run started key
  plan_db=bench_plan_$tables
  key=plan_$tables
  if is_complete "$plan_db"; then
    step "Reusing the $tables-table schema $plan_db"
  else
    step "Creating a schema of $tables tables in $plan_db"
    create_db "$plan_db"
    psql -X -q -v ON_ERROR_STOP=1 -v services="$services" "$(url_of "$plan_db")" \
      -f "$bench_sql/many_tables.sql"
    mark_complete "$plan_db" "$tables tables"
  fi
  # One target per service; the databases are never created (plan writes nothing).
  {
    echo "source:"
    echo "  url: $(url_of "$plan_db")"
    echo "targets:"
    for service in $(seq -f '%03g' 1 "$services"); do
      echo "  svc$service:"
      echo "    url: $(url_of "bench_plan_svc$service")"
      echo "    create_database: true"
      echo "    tables: [\"svc${service}_*\"]"
    done
    echo "options:"
    echo "  cross_target_foreign_keys: drop"
  } >"$work/$key.yaml"
  step "pgsplit plan on $tables tables"
  local seconds
  for ((run = 1; run <= runs; run++)); do
    started=$EPOCHREALTIME
    # JSON, so that the plan can be checked to have placed every table (untimed).
    if "$pgsplit" plan -c "$work/$key.yaml" --format json >"$work/$key.out" 2>&1 &&
      seconds=$(since "$started") &&
      [[ $(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["totals"]["tables"])' \
           "$work/$key.out") == "$tables" ]]; then
      record "$key" "$run" seconds "$seconds"
      note "run $run: $(values_of "$key" seconds | tail -n 1) s"
    else
      record "$key" "$run" status failed
      failed_methods+=("$key")
      tail -n 20 "$work/$key.out" >&2
    fi
  done
}

measure_plan() {
  measure_plan_of 20
  measure_plan_of 100
}

# --- the report ----------------------------------------------------------------------------------

seconds_cell() {
  local method=$1 median
  if values_of "$method" status | grep -q failed; then echo "failed"; return; fi
  median=$(median_of "$method" seconds)
  if [[ -z $median ]]; then echo "n/a"; else printf '%.1f s' "$median"; fi
}
# "; rows missing in: t1, t2" when a method's copy was checked and found incomplete.
incomplete_note() {
  local tables
  tables=$(values_of "$1" incomplete | tr ',' '\n' | sort -u | paste -sd, - | sed 's/,/, /g')
  [[ -z $tables ]] || echo "; **rows missing in: $tables**"
}
runs_cell() { values_of "$1" seconds | xargs -r printf '%.1f ' | sed 's/ $//'; }
# A peak RSS (kB, as /usr/bin/time gives it) in MiB.
megabytes() { [[ -n $1 ]] && awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }' || echo "n/a"; }
dump_size() {
  local bytes
  bytes=$(median_of b dump_bytes)
  [[ -z $bytes ]] || awk -v b="$bytes" 'BEGIN { printf ", %.0f MB on disk", b / 1e6 }'
}

# "0.52 | ≤ 0.6 | met" for a ratio of two medians, or n/a when either is missing.
ratio_row() {
  local name=$1 numerator=$2 denominator=$3 limit=$4 goal=$5
  if [[ -z $numerator || -z $denominator ]]; then
    echo "| $name | n/a | $goal | n/a |"
    return
  fi
  awk -v n="$numerator" -v d="$denominator" -v l="$limit" -v name="$name" -v goal="$goal" \
    'BEGIN { r = n / d; printf "| %s | %.3f | %s | %s |\n", name, r, goal, (r <= l ? "met" : "not met") }'
}
# A ratio that has no goal, only a measurement.
reported_row() {
  local name=$1 numerator=$2 denominator=$3
  if [[ -z $numerator || -z $denominator ]]; then echo "| $name | n/a | (reported) | |"; return; fi
  awk -v n="$numerator" -v d="$denominator" -v name="$name" \
    'BEGIN { printf "| %s | %.3f | (reported) | |\n", name, n / d }'
}
limit_row() {
  local name=$1 value=$2 limit=$3 goal=$4 shown=$5
  if [[ -z $value ]]; then echo "| $name | n/a | $goal | n/a |"; return; fi
  awk -v v="$value" -v l="$limit" -v name="$name" -v goal="$goal" -v shown="$shown" \
    'BEGIN { printf "| %s | %s | %s | %s |\n", name, shown, goal, (v + 0 <= l + 0 ? "met" : "not met") }'
}

describe_machine() {
  local cpu cores memory disk debian postgres
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  cores=$(nproc)
  memory=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1024 / 1024 }' /proc/meminfo)
  disk=$(df -h --output=source,fstype,size "/tmp/pgsplit-sandbox-$sandbox" | awk 'NR == 2 { print $1 ", " $2 ", " $3 }')
  debian=$(cat /etc/debian_version)
  postgres=$(sql "$admin_url" "SHOW server_version")
  echo "| CPU | $cpu, $cores cores (load average $load_at_start when the run started) |"
  echo "| memory | $memory |"
  echo "| disk | $disk (the sandbox's directory) |"
  echo "| system | Debian $debian, Linux $(uname -r) |"
  echo "| PostgreSQL | $postgres: one sandbox cluster (scripts/pg-sandbox: fsync off, shared_buffers 256MB) holds the source and every target |"
  echo "| tools | $("$pgsplit" --version | head -n 1); $(pg_dump --version); $(command -v pgcopydb >/dev/null && pgcopydb --version 2>/dev/null | grep -m1 '^pgcopydb version' || echo 'pgcopydb not installed') |"
}

# "12.3 s/GB" for a median time over the monolith's size.
per_gigabyte() {
  [[ -n $1 ]] && awk -v t="$1" -v b="$monolith_bytes" 'BEGIN { printf "%.1f s/GB", t / (b / 1e9) }' || echo "n/a"
}

write_report() {
  local a b c d e a_data a_rss e_rss big_rss big_split_rss plan2 plan10 a_client a_server a_conn e_conn d_copy
  a=$(median_of a seconds); b=$(median_of b seconds); c=$(median_of c seconds)
  d=$(median_of d seconds); e=$(median_of e seconds); d_copy=$(median_of d copy_seconds)
  a_data=$(median_of a data_seconds); a_rss=$(median_of a rss_kb); e_rss=$(median_of e rss_kb)
  a_client=$(median_of a client_cpu); a_server=$(median_of a server_cpu)
  a_conn=$(values_of a connections | sort -g | tail -n 1); e_conn=$(values_of e connections | sort -g | tail -n 1)
  big_rss=$(median_of big rss_kb); big_split_rss=$(median_of big_split rss_kb)
  plan2=$(median_of plan_2000 seconds); plan10=$(median_of plan_10000 seconds)
  local rss_max c_scope
  rss_max=$(printf '%s\n' $a_rss $e_rss $big_rss $big_split_rss | sort -g | tail -n 1)
  c_scope=$(values_of c scope | sort -u | paste -sd/ -)
  mkdir -p "$(dirname "$output")"
  {
    echo "# Benchmarks"
    echo
    echo "Written by \`scripts/bench.sh --scale $scale --runs $runs --jobs $jobs --big-table-gb $big_gb\`"
    echo "on $(date -u '+%Y-%m-%d %H:%M UTC'). Times are wall-clock medians of $runs run(s)."
    echo
    echo "## Machine"
    echo
    echo "| | |"
    echo "|---|---|"
    describe_machine
    echo
    echo "## Splitting the demo monolith"
    echo
    echo "Scale $scale: \`$monolith\`, $(awk -v b="$monolith_bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }')"
    echo "(pg_database_size), split by \`config/demo.yaml\` into ${#target_names[@]} targets"
    echo "($leaf_count leaf tables). Every method runs $jobs jobs at a time into freshly dropped"
    echo "databases; each result's row counts are checked against the source afterwards, untimed."
    echo
    echo "| method | time | per GB | runs | notes |"
    echo "|---|---|---|---|---|"
    echo "| (a) \`pgsplit apply -j $jobs --verify none\` | $(seconds_cell a) | $(per_gigabyte "$a") | $(runs_cell a) | data phase $( [[ -n $a_data ]] && printf '%.1f s' "$a_data" || echo n/a), peak RSS $(megabytes "$a_rss"), at most ${a_conn:-n/a} pgsplit sessions seen; schema, data, indexes, keys, ANALYZE, sequences, views, stamps |"
    echo "| (e) \`pgsplit apply -j $jobs\` (default \`--verify counts\`) | $(seconds_cell e) | $(per_gigabyte "$e") | $(runs_cell e) | as (a), then the verification; peak RSS $(megabytes "$e_rss"), at most ${e_conn:-n/a} pgsplit sessions seen |"
    echo "| (b) \`pg_dump -Fd -j $jobs\`, then per target \`pg_restore -j $jobs -L\` of its filtered TOC | $(seconds_cell b) | $(per_gigabyte "$b") | $(runs_cell b) | dump (default compression$(dump_size)) and every restore; no ANALYZE |"
    echo "| (c) \`pgcopydb clone --table-jobs $jobs --index-jobs $jobs\`, one target | $(seconds_cell c) | $(per_gigabyte "$c") | $(runs_cell c) | scope: ${c_scope:-n/a} (mapped: an include-only-table filter of every mapped table, \`--no-comments\`; whole: every table, its filtered clone having failed), its VACUUM ANALYZE of each$(incomplete_note c) |"
    echo "| (d) floor: raw \`COPY … TO STDOUT \| COPY … FROM STDIN\`, $jobs at a time, then \`pg_restore -j $jobs --section=post-data\` | $(seconds_cell d) | $(per_gigabyte "$d") | $(runs_cell d) | copies $( [[ -n $d_copy ]] && printf '%.1f s' "$d_copy" || echo n/a), then every index, key and constraint of the mapped tables; nothing else |"
    echo
    echo "## Goals (issue #20)"
    echo
    echo "| goal | measured | target | status |"
    echo "|---|---|---|---|"
    ratio_row "pgsplit without verification / floor (a/d)" "$a" "$d" 1.15 "≤ 1.15"
    reported_row "pgsplit with verification / floor (e/d)" "$e" "$d"
    ratio_row "pgsplit / pg_dump+pg_restore (a/b)" "$a" "$b" 0.65 "≤ 0.65"
    ratio_row "pgsplit / pgcopydb (a/c)" "$a" "$c" 0.999 "< 1"
    limit_row "peak RSS (demo and big table)" "${rss_max:-}" $((32 * 1024)) "≤ 32 MiB" "$(megabytes "${rss_max:-}")"
    limit_row "\`pgsplit plan\`, 10,000 tables" "${plan10:-}" 5 "< 5 s" "$( [[ -n $plan10 ]] && printf '%.2f s' "$plan10")"
    reported_row "pgsplit's CPU / the server's, run (a)" "$a_client" "$a_server"
    echo
    echo "Client CPU: user+sys of pgsplit (\`/usr/bin/time\`), ${a_client:-n/a} s; server CPU: the"
    echo "sandbox's postmaster, its reaped and its live children (\`/proc\`), ${a_server:-n/a} s, over the"
    echo "same run (a). Sessions: the most \`application_name LIKE 'pgsplit%'\` rows of"
    echo "\`pg_stat_activity\` seen at once, sampled every 0.2 s (source and targets share the cluster)."
    if [[ -s ${work}/perf.top ]]; then
      echo
      echo "Profile of pgsplit's own CPU (\`perf record -g\`, one more run of (a); self time by"
      echo "library and symbol, top entries):"
      echo
      echo '```'
      cat "$work/perf.top"
      echo '```'
    fi
    echo
    echo "## Memory: one large table (issue #5)"
    echo
    echo "One table \`big (id bigint PRIMARY KEY, payload text)\` of"
    echo "$(awk -v b="$big_bytes" 'BEGIN { printf "%.2f GiB", b / 1024 ^ 3 }') (pg_relation_size), copied to one target with \`-j $jobs --verify none\`."
    echo
    echo "| run | time | data phase | peak RSS |"
    echo "|---|---|---|---|"
    local key label
    for key in big big_split; do
      label="\`pgsplit apply\`"
      [[ $key == big_split ]] && label="\`pgsplit apply --split-larger-than 256MB\`"
      if [[ -z $(median_of "$key" seconds) ]]; then
        echo "| $label | $(seconds_cell "$key") | | |"
      else
        printf '| %s | %s | %.1f s | %s |\n' "$label" "$(seconds_cell "$key")" \
          "$(median_of "$key" data_seconds)" "$(megabytes "$(median_of "$key" rss_kb)")"
      fi
    done
    echo
    echo "## \`pgsplit plan\` on many tables"
    echo
    echo "Services of 100 tables each, one target per service (primary key, foreign key and index"
    echo "per table; each service's root references the previous one's, across targets):"
    echo "2,000 tables $(seconds_cell plan_2000) (runs: $(runs_cell plan_2000)), 10,000 tables"
    echo "$(seconds_cell plan_10000) (runs: $(runs_cell plan_10000))."
    echo
    echo "## Reproduce"
    echo
    echo '```sh'
    echo "scripts/bench.sh --scale $scale --runs $runs --jobs $jobs --big-table-gb $big_gb   # --keep reuses the loaded databases next time"
    echo '```'
  } >"$output"
}

print_summary() {
  step "Results (also in ${output#"$root"/})"
  sed -n '/^## Splitting/,$p' "$output" | grep -v '^$' >&2
}

# --- main ----------------------------------------------------------------------------------------

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
install_tools
start_sandbox
load_monolith
read_mapping_urls
prepare_expectations
run_methods
set +e
(set -e; profile_pgsplit)
[[ $? -eq 0 ]] || failed_methods+=(profile)
set -e
load_big_table
measure_memory
measure_plan
write_report
print_summary
if [[ ${#failed_methods[@]} -gt 0 ]]; then
  echo "bench.sh: failed: ${failed_methods[*]}" >&2
  exit 1
fi
