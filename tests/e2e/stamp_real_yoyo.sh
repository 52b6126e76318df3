#!/usr/bin/env bash
# The yoyo stamp, proven by yoyo itself (Debian's yoyo): SQL and Python migrations (one with a
# rollback script, one depending on another, and a post-apply hook) migrate a monolith with a
# custom migration table; pgsplit splits it into a fresh target stamped with `yoyo:`; there
# `yoyo list` shows every migration applied (A, none U), `yoyo apply` has nothing to do, and a
# migration written afterwards applies without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/real_tools.bash"
e2e_begin stamp_real_yoyo --server

real_tool_install "/usr/bin/yoyo --help && $REAL_PYTHON -c 'import psycopg2'" yoyo python3-psycopg2
real_tools_databases

migrations=$E2E_WORK/migrations
mkdir -p "$migrations"
cat >"$migrations/0001_create_notes.sql" <<'SQL'
CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);
SQL
cat >"$migrations/0001_create_notes.rollback.sql" <<'SQL'
DROP TABLE notes;
SQL
cat >"$migrations/0002_create_tags.py" <<'PY'
from yoyo import step

__depends__ = {"0001_create_notes"}

steps = [step("CREATE TABLE tags (note_id integer REFERENCES notes (id), tag text)")]
PY
cat >"$migrations/0003_add_pinned.sql" <<'SQL'
-- depends: 0002_create_tags
ALTER TABLE notes ADD COLUMN pinned boolean NOT NULL DEFAULT false;
SQL
cat >"$migrations/post-apply.sql" <<'SQL'
SELECT 1;
SQL
ok "three yoyo migrations, a rollback script and a post-apply hook"

yoyo_at() { /usr/bin/yoyo "$1" --no-config-file --batch --database "$2" --migration-table notes_yoyo "$migrations"; }
real_tools_run apply-monolith yoyo_at apply "$MONOLITH_URL"
psql_at "$MONOLITH_URL" -c "INSERT INTO notes (body) VALUES ('hello'); INSERT INTO tags VALUES (1, 'greeting')"
ok "yoyo apply migrated the monolith"

cat >"$E2E_WORK/mapping.yaml" <<'YAML'
source:
  url: ${MONOLITH_URL}
  schemas: [public]
exclude: [notes_yoyo, _yoyo_log, _yoyo_version, yoyo_lock]
targets:
  notes:
    url: ${TARGET_URL}
    create_database: true
    tables: [notes, tags]
    stamp:
      - yoyo: {table: notes_yoyo, version: latest, migrations_dir: migrations}
YAML
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$E2E_WORK/mapping.yaml" --dry-run
expect_contains "$E2E_OUT" "'0003_add_pinned'"
expect_contains "$E2E_OUT" "CREATE TABLE IF NOT EXISTS \"yoyo_lock\""
ok "stamp --dry-run shows the rows and yoyo's tables"
real_tools_split "$E2E_WORK/mapping.yaml" 'stamped notes: yoyo: "notes_yoyo" with 3 migrations, up to 0003_add_pinned'

rows() { psql_at "$1" -c "SELECT migration_hash || ' ' || migration_id FROM notes_yoyo ORDER BY 1"; }
diff <(rows "$MONOLITH_URL") <(rows "$TARGET_URL") >"$E2E_WORK/rows.diff" ||
  { show_file diff "$E2E_WORK/rows.diff"; fail "the stamped notes_yoyo differs from yoyo's"; }
ok "the target's migration table holds yoyo's own hashes and ids"

real_tools_run list-target yoyo_at list "$TARGET_URL"
expect_contains "$E2E_WORK/list-target.out" "0003_add_pinned"
if grep -E '^U ' "$E2E_WORK/list-target.out" >/dev/null; then
  show_file list "$E2E_WORK/list-target.out"
  fail "yoyo list shows unapplied migrations on the stamped target"
fi
test "$(grep -c -E '^A ' "$E2E_WORK/list-target.out")" -eq 3 ||
  { show_file list "$E2E_WORK/list-target.out"; fail "yoyo list does not show the three migrations applied"; }
real_tools_run apply-nothing yoyo_at apply "$TARGET_URL"
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT count(*) FROM notes")" "1" "the copied rows, untouched"
ok "on the target, yoyo lists every migration as applied and apply changes nothing"

cat >"$migrations/0004_add_color.sql" <<'SQL'
-- depends: 0003_add_pinned
ALTER TABLE tags ADD COLUMN color text NOT NULL DEFAULT 'grey';
SQL
real_tools_run apply-target yoyo_at apply "$TARGET_URL"
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT tag || ':' || color FROM tags")" "greeting:grey" \
  "the new column on the copied rows"
real_tools_run list-after yoyo_at list "$TARGET_URL"
test "$(grep -c -E '^A ' "$E2E_WORK/list-after.out")" -eq 4 ||
  { show_file list "$E2E_WORK/list-after.out"; fail "yoyo list does not show four migrations applied"; }
ok "a migration written after the split applies on the target"
