#!/usr/bin/env bash
# The man pages and shell completions the build generates (scripts/make-docs.sh) know every
# command and every option that the binary's --help texts list, and the completions offer the
# right values: --format's choices, *.yaml files for -c. A command or option missing from any of
# them fails here. Needs no server; needs the build's docs (PGSPLIT_DOCS_DIR, set by ctest).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin man_and_completion
require_env PGSPLIT_DOCS_DIR

man_text() { # the page rendered as plain ASCII text
  LC_ALL=C MANWIDTH=200 man -l "$1" 2>/dev/null | col -b
}
man_text "$PGSPLIT_DOCS_DIR/pgsplit.1.gz" >"$E2E_WORK/pgsplit.1.txt"
man_text "$PGSPLIT_DOCS_DIR/pgsplit-mapping.5.gz" >"$E2E_WORK/mapping.5.txt"
expect_contains "$E2E_WORK/pgsplit.1.txt" "COMMANDS"
expect_contains "$E2E_WORK/mapping.5.txt" "pgsplit-mapping - the mapping file"
expect_contains "$E2E_WORK/mapping.5.txt" "create_database" "pgsplit-mapping(5)"
expect_contains "$E2E_WORK/mapping.5.txt" "Environment variables" "pgsplit-mapping(5)"
ok "pgsplit(1) and pgsplit-mapping(5) render with man"

# bash: the completion function's answer for the words given (the last one being completed).
source "$PGSPLIT_DOCS_DIR/pgsplit.bash"
complete_bash() {
  COMP_WORDS=(pgsplit "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _pgsplit || true # compgen fails when nothing matches; set -e must not stop here
  printf '%s\n' "${COMPREPLY[@]}"
}
zsh_file="$PGSPLIT_DOCS_DIR/_pgsplit"
zsh -n "$zsh_file" || fail "_pgsplit is not valid zsh"
# zsh: the completion function run with the completion system's entry points stubbed to print
# what they are given: the command list (_describe) at the first word, then per command the
# option specs (_arguments), one per line after "== command".
cat >"$E2E_WORK/zsh-probe.zsh" <<'PROBE'
_describe() { print -l -- "${(@P)4}" }
_arguments() { print -l -- "$@" }
words=(pgsplit "")
CURRENT=2
print "== (commands)"
source "$1"
for command in "${@:2}"; do
  words=(pgsplit "$command" "")
  CURRENT=3
  print "== $command"
  _pgsplit
done
PROBE
zsh_section() { # command: the lines the zsh completion printed for it
  awk -v heading="== $1" '$0 == heading {inside = 1; next} /^== / {inside = 0} inside' \
    "$E2E_WORK/zsh.out"
}

# The commands, from the overview `pgsplit --help` prints.
mapfile -t commands < <("$PGSPLIT_BIN" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 {print $1}')
[[ ${#commands[@]} -ge 5 ]] || fail "found only ${#commands[@]} commands in pgsplit --help"
complete_bash "" >"$E2E_WORK/bash.commands"
zsh -f "$E2E_WORK/zsh-probe.zsh" "$zsh_file" "${commands[@]}" >"$E2E_WORK/zsh.out" ||
  { show_file "zsh completion run" "$E2E_WORK/zsh.out"; fail "the zsh completion failed to run"; }
options_checked=0
for command in "${commands[@]}"; do
  grep -qE "^   +$command\$" "$E2E_WORK/pgsplit.1.txt" || fail "pgsplit(1) has no section for '$command'"
  grep -qx "$command" "$E2E_WORK/bash.commands" || fail "bash completion does not offer '$command'"
  zsh_section "(commands)" | grep -q "^$command:" || fail "zsh completion does not offer '$command'"
  zsh_section "$command" >"$E2E_WORK/zsh.options"
  "$PGSPLIT_BIN" "$command" --help >"$E2E_WORK/help.txt"
  # The command's subsection of pgsplit(1): from its heading to the next heading.
  awk -v heading="   $command" '$0 == heading {inside = 1; next}
    inside && /^([^ \t]|   [^ \t])/ {inside = 0} inside' "$E2E_WORK/pgsplit.1.txt" >"$E2E_WORK/man.section"
  complete_bash "$command" "-" >"$E2E_WORK/bash.options"
  # Every option of the command's --help: "--long" and, when it has one, "-x".
  while read -r option; do
    # An item of the section: "-c, --config VALUE" or "--sql  print …".
    grep -qE -e "^       (-[a-zA-Z], )?--[a-z-]+ |^       (-[a-zA-Z], )?--[a-z-]+\$" "$E2E_WORK/man.section" &&
      grep -E -e "^       (-[a-zA-Z], )?--" "$E2E_WORK/man.section" | grep -qE -e "(^| )$option( |,|\$)" ||
      fail "pgsplit(1) lacks $command $option"
    grep -qx -e "$option" "$E2E_WORK/bash.options" || fail "bash completion lacks $command $option"
    grep -qE -e "^(\([^)]*\))?$option\[" "$E2E_WORK/zsh.options" ||
      fail "zsh completion lacks $command $option"
    options_checked=$((options_checked + 1))
  done < <(grep -oE '^  (-[a-zA-Z] \[ )?--[a-z][a-z-]*' "$E2E_WORK/help.txt" |
    sed -E 's/^  //; s/ \[ / /' | tr ' ' '\n')
done
[[ $options_checked -ge 20 ]] || fail "checked only $options_checked options"
ok "pgsplit(1), bash and zsh completion know all ${#commands[@]} commands and $options_checked option names"

# Values: --format's choices per command, --verify's, and mapping files for -c / --config.
expect_eq "$(complete_bash plan --format "" | tr '\n' ' ')" "text json markdown dot mermaid svg " \
  "bash: plan --format"
expect_eq "$(complete_bash verify --format m | tr '\n' ' ')" "markdown " "bash: verify --format m"
expect_eq "$(complete_bash apply --verify "" | tr '\n' ' ')" "counts checksums none " \
  "bash: apply --verify"
zsh_section plan | grep -qE '^--format\[.*\]:format:\(text json markdown dot mermaid svg\)$' ||
  fail "zsh: plan --format values"
ok "--format and --verify complete to their values in bash and zsh"

mkdir -p "$E2E_WORK/files/sub"
touch "$E2E_WORK/files/demo.yaml" "$E2E_WORK/files/other.yml" "$E2E_WORK/files/notes.txt"
(cd "$E2E_WORK/files" && complete_bash plan -c "") | sort >"$E2E_WORK/bash.files"
expect_eq "$(tr '\n' ' ' <"$E2E_WORK/bash.files")" "demo.yaml other.yml sub " "bash: plan -c"
(cd "$E2E_WORK/files" && complete_bash verify --config d) >"$E2E_WORK/bash.files"
expect_eq "$(tr '\n' ' ' <"$E2E_WORK/bash.files")" "demo.yaml " "bash: verify --config d"
zsh_section verify | grep -qE "^\(-c --config\)-c\[.*\]:mapping file:_files -g '\*\.\(yaml\|yml\)'$" ||
  fail "zsh: -c does not complete *.yaml"
ok "-c / --config complete to *.yaml and *.yml files and directories, not other files"

