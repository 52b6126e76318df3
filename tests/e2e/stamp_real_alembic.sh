#!/usr/bin/env bash
# The alembic stamps, proven by Alembic itself (Debian's alembic): two services share one
# target, each with its own version table.
#   billing: version table alembic_version_billing, a branch merged again (a merge revision with
#     a tuple down_revision) and a revision in the annotated form (revision: str = "…");
#   ledger: the default alembic_version, two unmerged heads stamped with `heads: all`.
# Alembic migrates the monolith; pgsplit splits it into a fresh target with both stamps; there
# `alembic current` shows each service at its head(s), `alembic upgrade` has nothing to do, and
# a revision written afterwards applies without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/real_tools.bash"
e2e_begin stamp_real_alembic --server

real_tool_install "/usr/bin/alembic --version && $REAL_PYTHON -c 'import psycopg2'" alembic python3-psycopg2
real_tools_databases

# new_service NAME VERSION_TABLE: an Alembic environment reading the database URL from
# ALEMBIC_URL; its revisions go to $E2E_WORK/NAME/versions.
new_service() {
  local dir=$E2E_WORK/$1
  mkdir -p "$dir/versions"
  printf '[alembic]\nscript_location = %%(here)s\n' >"$dir/alembic.ini"
  cat >"$dir/env.py" <<PY
import logging
import os
from alembic import context
from sqlalchemy import create_engine

logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")  # "Running upgrade …"

with create_engine(os.environ["ALEMBIC_URL"]).connect() as connection:
    context.configure(connection=connection, version_table="$2")
    with context.begin_transaction():
        context.run_migrations()
PY
}

# revision SERVICE ID DOWN_REVISION SQL [annotated]
revision() {
  local file=$E2E_WORK/$1/versions/$2.py
  if [[ ${5:-} == annotated ]]; then
    cat >"$file" <<PY
from typing import Sequence, Union

from alembic import op

revision: str = "$2"
down_revision: Union[str, Sequence[str], None] = $3
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("$4")
PY
  else
    cat >"$file" <<PY
from alembic import op

revision = "$2"
down_revision = $3
branch_labels = None
depends_on = None


def upgrade():
    op.execute("$4")
PY
  fi
}

new_service billing alembic_version_billing
revision billing b1a000000001 None "CREATE TABLE invoices (id serial PRIMARY KEY, total int)"
revision billing b2b000000002 '"b1a000000001"' "ALTER TABLE invoices ADD COLUMN currency text" annotated
revision billing b3c000000003 '"b1a000000001"' "CREATE TABLE refunds (id serial PRIMARY KEY)"
revision billing b4d000000004 '("b2b000000002", "b3c000000003")' "SELECT 1"
new_service ledger alembic_version
revision ledger l1a000000001 None "CREATE TABLE entries (id serial PRIMARY KEY, amount int)"
revision ledger l2b000000002 "'l1a000000001'" "ALTER TABLE entries ADD COLUMN memo text"
revision ledger l3c000000003 "'l1a000000001'" "CREATE TABLE accounts (id serial PRIMARY KEY)"
ok "billing: a merged branch and an annotated revision; ledger: two heads"

alembic_at() { (cd "$E2E_WORK/$2" && ALEMBIC_URL=$1 /usr/bin/alembic "${@:3}"); }
real_tools_run upgrade-billing alembic_at "$MONOLITH_URL" billing upgrade head
real_tools_run upgrade-ledger alembic_at "$MONOLITH_URL" ledger upgrade heads
psql_at "$MONOLITH_URL" -c "INSERT INTO invoices (total, currency) VALUES (10, 'EUR'); INSERT INTO entries (amount) VALUES (5)"
ok "alembic upgrade migrated the monolith"

cat >"$E2E_WORK/mapping.yaml" <<'YAML'
source:
  url: ${MONOLITH_URL}
  schemas: [public]
exclude: [alembic_version, alembic_version_billing]
targets:
  money:
    url: ${TARGET_URL}
    create_database: true
    tables: [invoices, refunds, entries, accounts]
    stamp:
      - alembic: {table: alembic_version_billing, version: head, versions_dir: billing/versions}
      - alembic: {version: head, heads: all, versions_dir: ledger/versions}
YAML
real_tools_split "$E2E_WORK/mapping.yaml" 'stamped money: alembic: "alembic_version_billing" at revision b4d000000004'
expect_contains "$E2E_OUT" 'stamped money: alembic: "alembic_version" at revisions l2b000000002, l3c000000003'

version_rows() { psql_at "$1" -c "SELECT version_num FROM $2 ORDER BY 1"; }
for table in alembic_version_billing alembic_version; do
  diff <(version_rows "$MONOLITH_URL" $table) <(version_rows "$TARGET_URL" $table) >"$E2E_WORK/rows.diff" ||
    { show_file diff "$E2E_WORK/rows.diff"; fail "the stamped $table differs from Alembic's"; }
done
ok "both version tables hold the rows Alembic wrote"

real_tools_run current-billing alembic_at "$TARGET_URL" billing current
expect_contains "$E2E_WORK/current-billing.out" "b4d000000004 (head) (mergepoint)"
real_tools_run current-ledger alembic_at "$TARGET_URL" ledger current
expect_contains "$E2E_WORK/current-ledger.out" "l2b000000002 (head)"
expect_contains "$E2E_WORK/current-ledger.out" "l3c000000003 (head)"
real_tools_run upgrade-nothing-billing alembic_at "$TARGET_URL" billing upgrade head
real_tools_run upgrade-nothing-ledger alembic_at "$TARGET_URL" ledger upgrade heads
expect_contains "$E2E_WORK/upgrade-nothing-billing.out" "Will assume transactional DDL"
expect_not_contains "$E2E_WORK/upgrade-nothing-billing.out" "Running upgrade"
expect_not_contains "$E2E_WORK/upgrade-nothing-ledger.out" "Running upgrade"
ok "on the target, alembic current shows every head and upgrade runs nothing"

revision billing b5e000000005 '"b4d000000004"' "ALTER TABLE refunds ADD COLUMN reason text" annotated
revision ledger l4d000000004 '("l2b000000002", "l3c000000003")' "ALTER TABLE accounts ADD COLUMN name text"
real_tools_run upgrade-billing-new alembic_at "$TARGET_URL" billing upgrade head
real_tools_run upgrade-ledger-new alembic_at "$TARGET_URL" ledger upgrade head
expect_contains "$E2E_WORK/upgrade-billing-new.out" "Running upgrade b4d000000004 -> b5e000000005"
expect_contains "$E2E_WORK/upgrade-ledger-new.out" "Running upgrade l2b000000002, l3c000000003 -> l4d000000004"
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT string_agg(version_num, ',' ORDER BY version_num) FROM alembic_version")" \
  "l4d000000004" "ledger's version table after merging its heads"
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT count(*) FROM information_schema.columns WHERE (table_name, column_name) IN (('refunds', 'reason'), ('accounts', 'name'))")" \
  "2" "the new columns"
ok "revisions written after the split apply on the target"
