#include "support/problems.hpp"

#include <pgsplit/stamp/django_migration_file.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using pgsplit::testing::problems_of;
using Keys = std::vector<stamp::DjangoKey>;

TEST_CASE("parse_django_migration reads dependencies, run_before and replaces", "[stamp]") {
  const auto migration = stamp::parse_django_migration(
      "from django.db import migrations\n"
      "\n"
      "class Migration(migrations.Migration):\n"
      "    replaces = [('shop', '0001_a'), ('shop', '0002_b')]\n"
      "    dependencies = [\n"
      "        migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n"
      "        (\"billing\", \"__first__\"),\n"
      "        ('shop', '0001_initial'),\n"
      "    ]\n"
      "    run_before = (('stock', '0003_x'),)\n"
      "    operations = [migrations.RunSQL('SELECT 1')]\n",
      "shop", "/p/shop/migrations/0001_squashed.py");
  CHECK(migration.key == stamp::DjangoKey{"shop", "0001_squashed"});
  CHECK(migration.dependencies == Keys{{"billing", "__first__"}, {"shop", "0001_initial"}});
  CHECK(migration.swappable);
  CHECK(migration.run_before == Keys{{"stock", "0003_x"}});
  CHECK(migration.replaces == Keys{{"shop", "0001_a"}, {"shop", "0002_b"}});
  CHECK(migration.line == 5);
}

TEST_CASE("a Django migration pgsplit cannot read is an error at its file and line", "[stamp]") {
  const auto no_class = problems_of(
      [] { stamp::parse_django_migration("OPERATIONS = []\n", "shop", "/p/0001_initial.py"); });
  REQUIRE(no_class.size() == 1);
  CHECK(no_class[0].where.file == "/p/0001_initial.py");
  CHECK_THAT(no_class[0].message, Catch::Contains("no class Migration"));

  const auto computed = problems_of([] {
    stamp::parse_django_migration("class Migration(migrations.Migration):\n"
                                  "    initial = True\n"
                                  "    dependencies = DEPENDENCIES\n",
                                  "shop", "/p/0002_x.py");
  });
  REQUIRE(computed.size() == 1);
  CHECK(computed[0].where.line == 3);
  CHECK_THAT(computed[0].message, Catch::Contains("cannot read dependencies = DEPENDENCIES"));

  const auto bad_item = problems_of([] {
    stamp::parse_django_migration("class Migration:\n    dependencies = [('shop',)]\n", "shop",
                                  "/p/0002_x.py");
  });
  CHECK_THAT(bad_item.at(0).message, Catch::Contains("an ('app', 'migration') tuple is expected"));
}
