# Shared steps of the stamp_real_<tool>.sh scripts: each proves a stamp with the migration tool
# itself. Sourced after common.bash and e2e_begin.
#
#   real_tool_install "CHECK COMMAND" PACKAGE...   # apt-get install when CHECK fails
#   real_tools_databases                            # MONOLITH_URL, TARGET_URL, target_db
#   real_tools_split MAPPING "STAMP LINE"           # pgsplit apply; its stamp line printed
#
# A tool that cannot be installed is a failure, never a skip. Debian's Python modules are found
# by /usr/bin/python3 only ("python3" may be another interpreter, e.g. a pyenv shim).

REAL_PYTHON=/usr/bin/python3

# real_tool_install "CHECK" PACKAGE...: runs CHECK (a shell command); when it fails, installs the
# packages with apt-get (waiting for another apt-get to finish) and runs CHECK again.
real_tool_install() {
  local check=$1
  shift
  if ! bash -c "$check" >/dev/null 2>&1; then
    command -v apt-get >/dev/null || fail "'$check' fails and apt-get is not available to install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o DPkg::Lock::Timeout=900 "$@" >"$E2E_WORK/apt.log" 2>&1 ||
      { show_file apt-get "$E2E_WORK/apt.log"; fail "could not install $* (apt-get install, as root)"; }
    bash -c "$check" >"$E2E_WORK/check.log" 2>&1 ||
      { show_file check "$E2E_WORK/check.log"; fail "$* installed, but '$check' still fails"; }
  fi
  ok "installed: $*"
}

# real_tools_databases: an empty monolith database (MONOLITH_URL, monolith_db) and the name of a
# target database that apply creates (TARGET_URL, target_db); both dropped at exit.
real_tools_databases() {
  db_name monolith; monolith_db=$E2E_DB
  create_db "$monolith_db"
  db_name target; target_db=$E2E_DB
  export MONOLITH_URL TARGET_URL
  MONOLITH_URL=$(db_url "$monolith_db")
  TARGET_URL=$(db_url "$target_db")
}

# real_tools_url_part FIELD: host, port or user of PGSPLIT_TEST_URL, for tools configured by
# parts (Django's DATABASES).
real_tools_url_part() {
  "$REAL_PYTHON" - "$PGSPLIT_TEST_URL" "$1" <<'PY'
import sys, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
print({"host": url.hostname or "", "port": url.port or 5432, "user": url.username or ""}[sys.argv[2]])
PY
}

# real_tools_split MAPPING EXPECTED: `pgsplit apply` with the mapping (source MONOLITH_URL, one
# target TARGET_URL created by apply); exit 0, its output holds EXPECTED (the stamp's summary).
real_tools_split() {
  local mapping=$1 expected=$2
  expect_exit 0 "$PGSPLIT_BIN" apply -c "$mapping"
  expect_contains "$E2E_OUT" "$expected"
  ok "pgsplit apply split the monolith and stamped the target: $expected"
}

# real_tools_run LABEL CMD...: runs a tool's command; its output in $E2E_WORK/<LABEL>.out
# (stdout and stderr); a non-zero exit fails with the output shown.
real_tools_run() {
  local label=$1 status=0
  shift
  "$@" >"$E2E_WORK/$label.out" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    show_file "$label" "$E2E_WORK/$label.out"
    fail "$label: '$*' exited $status"
  fi
}

# real_package_extract PACKAGE: the files of a Debian package, unpacked (not installed) into
# $E2E_WORK/PACKAGE; sets REAL_PACKAGE_ROOT to that folder. For packages that ship a schema
# whose maintainer scripts would configure a database or start a service: `apt-get download`
# fetches the package the ordinary way (after `apt-get update` when the lists are missing or
# stale), `dpkg-deb -x` unpacks it. A package that cannot be fetched fails the test.
real_package_extract() {
  local package=$1 folder=$E2E_WORK/$1
  command -v apt-get >/dev/null || fail "apt-get is needed to fetch the Debian package $package"
  mkdir -p "$folder/deb"
  if ! (cd "$folder/deb" && apt-get download -q "$package") >"$folder/apt.log" 2>&1; then
    apt-get update -q -o DPkg::Lock::Timeout=900 >>"$folder/apt.log" 2>&1 || true
    (cd "$folder/deb" && apt-get download -q "$package") >>"$folder/apt.log" 2>&1 ||
      { show_file apt-get "$folder/apt.log"; fail "could not fetch the Debian package $package"; }
  fi
  dpkg-deb -x "$folder"/deb/*.deb "$folder/root" ||
    fail "could not unpack $(basename "$folder"/deb/*.deb)"
  REAL_PACKAGE_ROOT=$folder/root
  ok "fetched and unpacked: $(basename "$folder"/deb/*.deb)"
}
