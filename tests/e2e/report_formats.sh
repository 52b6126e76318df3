#!/usr/bin/env bash
# The reports to paste and to look at (issue 19): `--format markdown` of plan, apply and verify
# (Markdown tables, verdict first, no terminal escapes), and `plan --format svg` rendered by
# Graphviz's dot, with a clear error naming the graphviz package when dot is not installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
e2e_begin report_formats --server
demo_split_setup

no_escapes() { # file, label: no ESC byte (terminal colours, cursor moves)
  if grep -q $'\x1b' "$1"; then show_file "$2" "$1"; fail "$2 contains terminal escapes"; fi
}

# --- svg without Graphviz: exit 2 before connecting anywhere, naming the package ---------------
mkdir -p "$E2E_WORK/empty-path"
expect_exit 2 env PATH="$E2E_WORK/empty-path" "$PGSPLIT_BIN" plan -c "$config" --format svg
expect_contains "$E2E_ERR" "Graphviz's \`dot\` is not installed"
expect_contains "$E2E_ERR" "graphviz"
expect_contains "$E2E_ERR" "--format dot"
expect_empty "$E2E_OUT" "stdout of plan --format svg without dot"
ok "plan --format svg without dot on PATH exits 2 naming the Debian package graphviz"

# --- svg with Graphviz ------------------------------------------------------------------------
command -v dot >/dev/null || fail "Graphviz's dot is not installed (scripts/install-deps.sh installs graphviz)"
expect_exit 0 "$PGSPLIT_BIN" plan -c "$config" --format svg
expect_contains "$E2E_OUT" "<svg"
expect_contains "$E2E_OUT" "</svg>"
for target in auth candidate company payment document logs; do
  expect_contains "$E2E_OUT" "$target" "svg (target $target)"
done
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$E2E_OUT" ||
  fail "plan --format svg is not well-formed XML"
ok "plan --format svg prints a well-formed SVG naming the six targets"

# A dot that fails (here: exits at once without reading its input) is a runtime error naming it,
# not a crash by SIGPIPE.
mkdir -p "$E2E_WORK/broken-dot"
printf '#!/bin/sh\necho "dot: broken on purpose" >&2\nexit 1\n' >"$E2E_WORK/broken-dot/dot"
chmod +x "$E2E_WORK/broken-dot/dot"
expect_exit 1 env PATH="$E2E_WORK/broken-dot:$PATH" "$PGSPLIT_BIN" plan -c "$config" --format svg
expect_contains "$E2E_ERR" "dot: broken on purpose"
expect_contains "$E2E_ERR" "Graphviz's \`dot -Tsvg\` failed"
ok "plan --format svg with a failing dot exits 1 with dot's message and pgsplit's"

# --- plan --format markdown -------------------------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" plan -c "$config" --format markdown
expect_match "$E2E_OUT" '^### pgsplit plan: plan OK: 6 targets' "first line of plan markdown"
expect_match "$E2E_OUT" '^\| target +\| database +\| +tables \|' "plan markdown table header"
expect_match "$E2E_OUT" '^\| :-+ \| :-+ \| -+: \|' "plan markdown alignment row"
expect_match "$E2E_OUT" '^\| \*\*total\*\* ' "plan markdown total row"
expect_contains "$E2E_OUT" "**Cross-target foreign keys**"
no_escapes "$E2E_OUT" "plan --format markdown"
ok "plan --format markdown: verdict heading, a Markdown table of targets with totals"

# --- apply --format markdown (with its verify) ------------------------------------------------
expect_exit 0 "$PGSPLIT_BIN" apply -c "$config" --format markdown
expect_match "$E2E_OUT" '^### pgsplit apply complete: ' "first line of apply markdown"
expect_match "$E2E_OUT" '^\| target +\| +tables \| kept \(resume\) \| +rows \|' "apply table header"
expect_contains "$E2E_OUT" "**Slowest tables**"
expect_match "$E2E_OUT" '^### pgsplit verify OK: 6 targets' "verify heading inside apply markdown"
expect_contains "$E2E_OUT" "**Stamps**"
no_escapes "$E2E_OUT" "apply --format markdown"
ok "apply --format markdown: apply and verify summaries as Markdown, then the stamps"

# --- verify --format markdown: a clean run, then a mismatch listed first ----------------------
expect_exit 0 "$PGSPLIT_BIN" verify -c "$config" --format markdown
expect_match "$E2E_OUT" '^### pgsplit verify OK: 6 targets, ' "first line of verify markdown"
expect_match "$E2E_OUT" '^\| target +\| +tables \| +source rows \| +target rows \| result +\|' \
  "verify markdown table header"
expect_not_contains "$E2E_OUT" "**Mismatches**"
no_escapes "$E2E_OUT" "verify --format markdown"

psql_at "${target_url[logs]}" -c "DELETE FROM notifications WHERE ctid IN (SELECT ctid FROM notifications LIMIT 1)" >/dev/null ||
  fail "deleting a row of the logs target"
expect_exit 3 "$PGSPLIT_BIN" verify -c "$config" --format markdown
expect_match "$E2E_OUT" '^### pgsplit verify FAILED: 1 mismatch' "first line of a failed verify"
expect_match "$E2E_OUT" '^\| rows +\| logs +\| `public.notifications`' "the mismatch row"
mismatch_line=$(grep -n '^\*\*Mismatches\*\*' "$E2E_OUT" | cut -d: -f1)
target_line=$(grep -n '^| target ' "$E2E_OUT" | cut -d: -f1)
[[ -n $mismatch_line && $mismatch_line -lt $target_line ]] || fail "the mismatches do not come first"
ok "verify --format markdown: a clean run, then a missing row listed first (exit 3)"
