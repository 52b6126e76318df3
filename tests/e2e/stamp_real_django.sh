#!/usr/bin/env bash
# The django stamp, proven by Django itself: a project with two apps (billing depends on shop,
# through a plain and a __first__ dependency, and has a merge migration) plus Django's own
# contenttypes app is migrated into a monolith; pgsplit splits it into a fresh target stamped
# with `django:`; there `manage.py migrate --check` finds nothing to apply, and a migration
# written afterwards applies without error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/support/common.bash"
source "$(dirname "${BASH_SOURCE[0]}")/support/real_tools.bash"
e2e_begin stamp_real_django --server

real_tool_install "$REAL_PYTHON -c 'import django, psycopg2'" python3-django python3-psycopg2
real_tools_databases
django_dir=$("$REAL_PYTHON" -c 'import django, os; print(os.path.dirname(django.__file__))')

# --- the project ----------------------------------------------------------------------------------
project=$E2E_WORK/project
mkdir -p "$project/shop/migrations" "$project/billing/migrations"
touch "$project/shop/__init__.py" "$project/shop/migrations/__init__.py" \
  "$project/billing/__init__.py" "$project/billing/migrations/__init__.py"
cat >"$project/settings.py" <<PY
import os
SECRET_KEY = "pgsplit-e2e"
USE_TZ = True
INSTALLED_APPS = ["django.contrib.contenttypes", "shop", "billing"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": os.environ["DJANGO_DB"],
    "HOST": "$(real_tools_url_part host)",
    "PORT": "$(real_tools_url_part port)",
    "USER": "$(real_tools_url_part user)",
}}
PY
cat >"$project/manage.py" <<'PY'
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
PY
cat >"$project/shop/migrations/0001_initial.py" <<'PY'
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Item",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("title", models.CharField(max_length=100)),
            ],
        ),
    ]
PY
cat >"$project/shop/migrations/0002_item_price.py" <<'PY'
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]
    operations = [
        migrations.AddField("item", "price", models.IntegerField(default=0)),
    ]
PY
cat >"$project/billing/migrations/0001_initial.py" <<'PY'
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.CreateModel(
            name="Invoice",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("item", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                           to="shop.item")),
            ],
        ),
    ]
PY
cat >"$project/billing/migrations/0002_invoice_note.py" <<'PY'
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial"), ("shop", "__first__")]
    operations = [migrations.AddField("invoice", "note", models.TextField(default=""))]
PY
cat >"$project/billing/migrations/0002_invoice_total.py" <<'PY'
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('billing', '0001_initial'),
    ]
    operations = [migrations.AddField("invoice", "total", models.IntegerField(default=0))]
PY
cat >"$project/billing/migrations/0003_merge.py" <<'PY'
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0002_invoice_note"),
        ("billing", "0002_invoice_total"),
    ]
    operations = []
PY
ok "a Django project: shop (2 migrations), billing (4, with a merge), contenttypes"

manage() { (cd "$project" && DJANGO_DB=$1 "$REAL_PYTHON" manage.py "${@:2}"); }
real_tools_run migrate-monolith manage "$monolith_db" migrate --no-input
psql_at "$MONOLITH_URL" -c "INSERT INTO shop_item (title, price) VALUES ('lamp', 30), ('desk', 120)"
psql_at "$MONOLITH_URL" -c "INSERT INTO billing_invoice (item_id, note, total) SELECT id, 'first', price FROM shop_item"
ok "manage.py migrate built the monolith ($(psql_at "$MONOLITH_URL" -c "SELECT count(*) FROM django_migrations") migrations recorded)"

# --- the split --------------------------------------------------------------------------------------
cat >"$E2E_WORK/mapping.yaml" <<YAML
source:
  url: \${MONOLITH_URL}
  schemas: [public]
exclude:
  - django_migrations
targets:
  shop:
    url: \${TARGET_URL}
    create_database: true
    tables: [shop_item, billing_invoice, django_content_type]
    stamp:
      - django:
          apps:
            contenttypes: $django_dir/contrib/contenttypes/migrations
            shop: project/shop/migrations
            billing: {migrations_dir: project/billing/migrations, version: latest}
YAML
expect_exit 0 "$PGSPLIT_BIN" stamp -c "$E2E_WORK/mapping.yaml" --dry-run
expect_contains "$E2E_OUT" "INSERT INTO \"django_migrations\" (\"app\", \"name\", \"applied\") VALUES ('billing', '0003_merge', now());"
ok "stamp --dry-run shows the rows"
real_tools_split "$E2E_WORK/mapping.yaml" 'stamped shop: django: "django_migrations" with 8 migrations of contenttypes, shop, billing'

# The same rows as Django's own, whatever their ids and times.
rows() { psql_at "$1" -c "SELECT app || '.' || name FROM django_migrations ORDER BY 1"; }
diff <(rows "$MONOLITH_URL") <(rows "$TARGET_URL") >"$E2E_WORK/rows.diff" ||
  { show_file diff "$E2E_WORK/rows.diff"; fail "the stamped django_migrations differs from Django's"; }
ok "the target's django_migrations holds the same (app, name) rows as the monolith's"

# --- Django on the target ---------------------------------------------------------------------------
real_tools_run check-target manage "$target_db" migrate --check
real_tools_run showmigrations manage "$target_db" showmigrations
expect_not_contains "$E2E_WORK/showmigrations.out" "[ ]"
ok "on the target, manage.py migrate --check finds nothing to apply"

cat >"$project/shop/migrations/0003_item_sku.py" <<'PY'
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_item_price")]
    operations = [migrations.AddField("item", "sku", models.CharField(max_length=20, default=""))]
PY
real_tools_run migrate-target manage "$target_db" migrate --no-input
expect_contains "$E2E_WORK/migrate-target.out" "Applying shop.0003_item_sku... OK"
expect_not_contains "$E2E_WORK/migrate-target.out" "Applying billing"
expect_eq "$(psql_at "$TARGET_URL" -c "SELECT string_agg(title || ':' || sku, ',' ORDER BY title) FROM shop_item")" \
  "desk:,lamp:" "the new column on the copied rows"
ok "a migration written after the split applies on the target, alone"
