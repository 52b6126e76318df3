#!/usr/bin/env bash
# The command line itself (README.md, "Usage" and "Exit codes"): --version, --help, a command's
# --help, and the usage errors for an unknown command, an unknown option and no command at all.
# Needs no server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin cli_basics

# --version: "pgsplit X.Y.Z[+gitN.HASH]" then the libpq it runs with, on stdout, nothing on
# stderr. The libpq version is the one the process loaded (PQlibVersion), e.g. "libpq 15.10".
expect_exit 0 "$PGSPLIT_BIN" --version
expect_match "$E2E_OUT" '^pgsplit [0-9]+\.[0-9]+\.[0-9]+(\+git[0-9]+\.[0-9a-f]+)?$' "--version output"
expect_match "$E2E_OUT" '^libpq [0-9]+\.[0-9]+$' "--version libpq line"
expect_eq "$(wc -l <"$E2E_OUT")" 2 "--version line count"
expect_empty "$E2E_ERR" "--version stderr"
if command -v pg_config >/dev/null; then # the libpq of this machine (libpq-dev)
  expect_eq "$(sed -n 2p "$E2E_OUT")" "libpq $(pg_config --version | awk '{print $2}')" \
    "--version libpq line against pg_config"
fi
ok "--version prints '$(tr '\n' ' ' <"$E2E_OUT")' and exits 0"

# --help: the commands, each with a summary line.
expect_exit 0 "$PGSPLIT_BIN" --help
expect_contains "$E2E_OUT" "Usage: pgsplit"
expect_match "$E2E_OUT" '^ +init +[a-z]' "--help command list"
expect_match "$E2E_OUT" '^ +plan +[a-z]' "--help command list"
expect_empty "$E2E_ERR" "--help stderr"
ok "--help lists init and plan and exits 0"

expect_exit 0 "$PGSPLIT_BIN" -h
expect_match "$E2E_OUT" '^ +plan +[a-z]' "-h command list"
ok "-h is --help"

# A misspelt command: usage error with a suggestion, nothing on stdout.
expect_exit 2 "$PGSPLIT_BIN" plna
expect_contains "$E2E_ERR" "pgsplit: error: unknown command 'plna'"
expect_contains "$E2E_ERR" "did you mean 'plan'"
expect_contains "$E2E_ERR" "hint:"
expect_empty "$E2E_OUT" "stdout of an unknown command"
ok "pgsplit plna exits 2 with \"did you mean 'plan'\""

expect_exit 2 "$PGSPLIT_BIN" intt
expect_contains "$E2E_ERR" "did you mean 'init'"
ok "pgsplit intt exits 2 with \"did you mean 'init'\""

# An unknown option of a command.
expect_exit 2 "$PGSPLIT_BIN" plan --frobnicate
expect_contains "$E2E_ERR" "pgsplit: error:"
expect_contains "$E2E_ERR" "unknown option"
expect_contains "$E2E_ERR" "frobnicate"
expect_contains "$E2E_ERR" "pgsplit plan --help"
expect_empty "$E2E_OUT" "stdout of an unknown option"
ok "pgsplit plan --frobnicate exits 2 with 'unknown option'"

# A misspelt option gets a suggestion too (README: "An unknown command or option is a usage error
# (exit 2) with a 'did you mean …' suggestion").
expect_exit 2 "$PGSPLIT_BIN" plan --formt json
expect_contains "$E2E_ERR" "unknown option"
expect_contains "$E2E_ERR" "did you mean '--format'"
ok "pgsplit plan --formt exits 2 with \"did you mean '--format'\""

# A bad --format value is a usage error, before the mapping file is even read.
expect_exit 2 "$PGSPLIT_BIN" plan --format yaml -c "$E2E_WORK/does-not-matter.yaml"
expect_contains "$E2E_ERR" "unknown format 'yaml'"
ok "pgsplit plan --format yaml exits 2 with 'unknown format'"

# A command's --help: exit 0, its options documented, nothing else done (no mapping file needed).
expect_exit 0 "$PGSPLIT_BIN" plan --help
expect_contains "$E2E_OUT" "Usage: pgsplit plan"
expect_contains "$E2E_OUT" "--format"
for format in text json markdown dot mermaid svg; do
  expect_contains "$E2E_OUT" "$format" "plan --help (format $format)"
done
expect_contains "$E2E_OUT" "--config"
expect_contains "$E2E_OUT" "-c"
expect_contains "$E2E_OUT" "--help"
expect_empty "$E2E_ERR" "plan --help stderr"
expect_eq "$(tail -c 1 "$E2E_OUT" | od -An -c | tr -d ' ')" '\n' "last character of plan --help"
ok "pgsplit plan --help exits 0 and documents --format (text, json, markdown, dot, mermaid, svg) and -c"

expect_exit 0 "$PGSPLIT_BIN" init --help
expect_contains "$E2E_OUT" "Usage: pgsplit init"
expect_contains "$E2E_OUT" "--source"
ok "pgsplit init --help exits 0 and documents --source"

# `init` without its required --source: usage error.
expect_exit 2 "$PGSPLIT_BIN" init
expect_contains "$E2E_ERR" "source"
expect_empty "$E2E_OUT" "stdout of init without --source"
ok "pgsplit init without --source exits 2"

# No command at all: usage error; the overview says what to run.
expect_exit 2 "$PGSPLIT_BIN"
if ! grep -qE '^ +plan ' "$E2E_OUT" "$E2E_ERR"; then
  show_last_run
  fail "pgsplit without arguments does not tell which commands exist"
fi
# README: an exit status 2 is a usage error, and "errors are printed once, as
# `pgsplit: error: …` followed by `hint: …`".
expect_contains "$E2E_ERR" "pgsplit: error:" "stderr of pgsplit without a command"
expect_contains "$E2E_ERR" "hint:" "stderr of pgsplit without a command"
ok "pgsplit alone exits 2, lists the commands and reports a usage error on stderr"

# plan with the default ./pgsplit.yaml missing (the scratch directory is the working directory).
expect_exit 2 "$PGSPLIT_BIN" plan
expect_contains "$E2E_ERR" "pgsplit.yaml: no such file"
expect_contains "$E2E_ERR" "hint:"
ok "pgsplit plan without ./pgsplit.yaml exits 2 naming the file"
