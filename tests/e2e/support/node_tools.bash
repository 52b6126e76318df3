# Shared by the stamp_real_*.sh scripts: the migration tools of Node.js projects, installed from
# the npm registry at pinned versions (dbmate's and Liquibase's packages ship the programs;
# Liquibase runs on the machine's Java), and the split that each of those scripts proves.
# Sourced after common.bash.
#
#   node_tools_install            # once per machine; later runs find the cache and skip npm
#   node_project "$E2E_WORK/project"
#   "$NODE_TOOLS_BIN/knex" …      # the tools' command-line programs
#   split_with_stamp MONO TARGET "<stamp entry>" "<excluded tables>" TABLES…
#
# The cache is ${PGSPLIT_NODE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pgsplit-e2e/node}. A tool that
# cannot be installed fails the test (exit 1): it is never skipped.

NODE_TOOLS_BIN=
NODE_TOOLS_DIR=

# The versions every run uses: a new version is a change of this file, reviewed like code.
node_tools_package_json() {
  cat <<'JSON'
{
  "name": "pgsplit-e2e-node-tools",
  "private": true,
  "description": "migration tools the pgsplit stamp tests run (tests/e2e/support/node_tools.bash)",
  "dependencies": {
    "dbmate": "2.28.0",
    "knex": "3.1.0",
    "liquibase": "4.28.1",
    "node-pg-migrate": "8.0.3",
    "pg": "8.16.3",
    "reflect-metadata": "0.2.2",
    "sequelize": "6.37.7",
    "sequelize-cli": "6.6.3",
    "typeorm": "0.3.27"
  }
}
JSON
}

# node_tools_install: installs the pinned tools into the cache unless the cache already holds
# exactly them. Concurrent scripts (ctest -j) wait for each other on a lock.
node_tools_install() {
  command -v node >/dev/null && command -v npm >/dev/null ||
    fail "node and npm are needed to install the migration tools (apt-get install nodejs npm)"
  NODE_TOOLS_DIR=${PGSPLIT_NODE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pgsplit-e2e/node}
  NODE_TOOLS_BIN=$NODE_TOOLS_DIR/node_modules/.bin
  mkdir -p "$NODE_TOOLS_DIR" || fail "cannot create $NODE_TOOLS_DIR"
  local wanted=$E2E_WORK/package.json
  node_tools_package_json >"$wanted"
  (
    flock -w 600 9 || { echo "timed out waiting for $NODE_TOOLS_DIR/.lock" >&2; exit 1; }
    if cmp -s "$wanted" "$NODE_TOOLS_DIR/installed.json"; then
      exit 0
    fi
    cp "$wanted" "$NODE_TOOLS_DIR/package.json"
    rm -f "$NODE_TOOLS_DIR/installed.json"
    (cd "$NODE_TOOLS_DIR" && npm install --no-audit --no-fund --loglevel=error) >&2 || exit 1
    cp "$wanted" "$NODE_TOOLS_DIR/installed.json"
  ) 9>"$NODE_TOOLS_DIR/.lock" || fail "npm could not install the migration tools into $NODE_TOOLS_DIR"
  ok "node migration tools installed (pinned versions, $NODE_TOOLS_DIR)"
}

# node_project DIR: makes DIR a project that uses the installed tools (its node_modules is the
# cache's), as the tools' command-line programs look for their own package from the project.
node_project() {
  mkdir -p "$1"
  ln -sfn "$NODE_TOOLS_DIR/node_modules" "$1/node_modules"
}

# node_stamp_begin NAME: the start every npm-tool stamp test shares: e2e_begin with a server, the
# tools installed, two new databases $mono (the monolith) and $target, and $project, a project
# folder that uses the installed tools.
node_stamp_begin() {
  e2e_begin "$1" --server
  node_tools_install
  db_name mono; mono=$E2E_DB
  db_name target; target=$E2E_DB
  create_db "$mono"
  create_db "$target"
  project=$E2E_WORK/project
  node_project "$project"
}

# tool_run LABEL CMD...: runs a tool of the project (stdout and stderr → $E2E_OUT, $E2E_ERR) and
# fails with its output unless it exits 0.
tool_run() {
  local label=$1
  shift
  expect_exit 0 "$@"
  ok "$label"
}

# split_with_stamp MONOLITH_DB TARGET_DB STAMP_ENTRY EXCLUDED TABLE…: splits TABLEs of the
# monolith into the (empty, existing) target with `pgsplit apply`, the version table(s) of the
# tool (EXCLUDED, a YAML list) left in the monolith, STAMP_ENTRY (one YAML flow mapping, e.g.
# `knex: {version: latest, migrations_dir: migrations}`, relative to $E2E_WORK/project) as the
# target's stamp. The mapping is $E2E_WORK/project/pgsplit.yaml.
split_with_stamp() {
  local monolith=$1 target=$2 entry=$3 excluded=$4
  shift 4
  local tables
  tables=$(printf '%s, ' "$@")
  cat >"$E2E_WORK/project/pgsplit.yaml" <<YAML
source:
  url: $(db_url "$monolith")
exclude: $excluded
targets:
  svc:
    url: $(db_url "$target")
    tables: [${tables%, }]
    stamp:
      - $entry
YAML
  expect_exit 0 "$PGSPLIT_BIN" apply -c "$E2E_WORK/project/pgsplit.yaml" --quiet
  ok "pgsplit apply splits the monolith into the target, with the stamp"
}

# jdbc_url DB: the JDBC URL of database DB on the test cluster, for Liquibase (the user and any
# password of PGSPLIT_TEST_URL become its user and password parameters).
jdbc_url() {
  [[ $PGSPLIT_TEST_URL =~ ^postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?([^/?]+) ]] ||
    fail "cannot read host and port from PGSPLIT_TEST_URL"
  local user=${BASH_REMATCH[3]} password=${BASH_REMATCH[5]} host=${BASH_REMATCH[6]}
  local url="jdbc:postgresql://$host/$1?sslmode=disable"
  [[ -n $user ]] && url="$url&user=$user"
  [[ -n $password ]] && url="$url&password=$password"
  echo "$url"
}

# expect_sql DB SQL EXPECTED: the query's output (psql -At) equals EXPECTED.
expect_sql() {
  local got
  got=$(psql_at "$(db_url "$1")" -c "$2") || fail "query failed on $1: $2"
  [[ $got == "$3" ]] || fail "on $1: $2 gave '$got', expected '$3'"
}

# node_package_extract NAME@VERSION: the files of one npm package (a pinned version), fetched
# with `npm pack` into the cache's packs/ folder (reused when there) and unpacked into
# $E2E_WORK; sets NODE_PACKAGE_ROOT to the unpacked folder (npm's `package/`). For packages that
# ship SQL and that no program of the tests runs. A package that cannot be fetched fails the test.
node_package_extract() {
  local spec=$1
  command -v npm >/dev/null || fail "npm is needed to fetch $spec (apt-get install npm)"
  local packs=${PGSPLIT_NODE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pgsplit-e2e/node}/packs
  local name=${spec%@*}
  local file=$packs/$(echo "${name#@}" | tr / -)-${spec##*@}.tgz
  mkdir -p "$packs" || fail "cannot create $packs"
  if [[ ! -s $file ]]; then
    (cd "$packs" && npm pack "$spec" --loglevel=error) >"$E2E_WORK/npm-pack.log" 2>&1 ||
      { show_file "npm pack" "$E2E_WORK/npm-pack.log"; fail "npm could not fetch $spec"; }
    [[ -s $file ]] || fail "npm pack $spec did not write $file"
  fi
  NODE_PACKAGE_ROOT=$E2E_WORK/npm-$(basename "$file" .tgz)
  mkdir -p "$NODE_PACKAGE_ROOT"
  tar -xzf "$file" -C "$NODE_PACKAGE_ROOT" || fail "cannot unpack $file"
  NODE_PACKAGE_ROOT=$NODE_PACKAGE_ROOT/package
  ok "fetched and unpacked: $spec"
}
