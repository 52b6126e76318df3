// Copying into tables the target's own migrations created (options.schema: existing): their
// foreign keys, user triggers and defaults are the target's, and the copy must work with them
// (docs/apply.md, "Existing schema").
#include "integration/copy/split_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

namespace {

const char* source_sql = R"sql(
CREATE TABLE parents (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE children (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parents (id),
                       note text);
INSERT INTO parents SELECT i, 'parent ' || i FROM generate_series(1, 300) i;
INSERT INTO children SELECT i, 1 + i % 300, 'child ' || i FROM generate_series(1, 2000) i;
CREATE TABLE readings (child_id int NOT NULL REFERENCES children (id), at int NOT NULL)
  PARTITION BY RANGE (at);
CREATE TABLE readings_low PARTITION OF readings FOR VALUES FROM (0) TO (500);
CREATE TABLE readings_high PARTITION OF readings FOR VALUES FROM (500) TO (1000);
INSERT INTO readings SELECT 1 + i % 2000, i % 1000 FROM generate_series(1, 3000) i;
)sql";

// As a service's migrations would leave it: the key child → parent (and one more, from a
// table the mapping does not copy), a column with a default that the source lacks, a user
// trigger that writes to an audit table, and one trigger the service keeps disabled.
const char* target_sql = R"sql(
CREATE TABLE parents (id int PRIMARY KEY, name text NOT NULL,
                      created_by text NOT NULL DEFAULT 'migration');
CREATE TABLE children (id int PRIMARY KEY,
                       parent_id int NOT NULL CONSTRAINT children_parent_fk REFERENCES parents (id)
                         ON DELETE CASCADE,
                       note text);
CREATE TABLE bookmarks (id int PRIMARY KEY, child_id int REFERENCES children (id));
CREATE TABLE audit (what text);
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO audit VALUES (TG_TABLE_NAME || ' ' || TG_OP); RETURN NEW; END$$;
CREATE TRIGGER children_audit AFTER INSERT ON children FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER parents_audit BEFORE INSERT OR UPDATE ON parents
  FOR EACH ROW EXECUTE FUNCTION audit_row();
ALTER TABLE parents DISABLE TRIGGER parents_audit;
CREATE TABLE readings (child_id int NOT NULL CONSTRAINT readings_child_fk REFERENCES children (id),
                       at int NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE readings_low PARTITION OF readings FOR VALUES FROM (0) TO (500);
CREATE TABLE readings_high PARTITION OF readings FOR VALUES FROM (500) TO (1000);
CREATE TRIGGER readings_audit AFTER INSERT ON readings FOR EACH ROW EXECUTE FUNCTION audit_row();
)sql";

const char* mapping = R"(
source: {url: "${MONOLITH_URL}"}
targets:
  app: {url: "${APP_URL}", tables: [parents, children, readings]}
options: {schema: existing, jobs: 2}
)";

std::int64_t count(pg::Connection& connection, const std::string& sql) {
  return connection.exec(sql).int64(0, "n");
}

} // namespace

TEST_CASE("existing schema: the target's keys, triggers and defaults do not stop the copy and "
          "are as they were afterwards",
          "[copy][existing]") {
  SplitFixture split("existing_keys", {"app"});
  split.source().run(source_sql);
  split.target("app").run(target_sql);

  const auto report = split.apply(mapping);
  for (const auto& failure : report.failures) {
    FAIL(failure);
  }
  REQUIRE(report.complete());

  CHECK(SplitFixture::digest(split.target("app"), "(SELECT id, name FROM parents)") ==
        SplitFixture::digest(split.source(), "parents"));
  CHECK(SplitFixture::digest(split.target("app"), "children") ==
        SplitFixture::digest(split.source(), "children"));
  CHECK(SplitFixture::digest(split.target("app"), "readings", "1, 2") ==
        SplitFixture::digest(split.source(), "readings", "1, 2"));
  auto app = split.target("app").connect();
  // The target's default filled the column the source does not have.
  CHECK(count(app, "SELECT count(*) AS n FROM parents WHERE created_by = 'migration'") == 300);
  // The keys are back, validated, with their own names and actions.
  CHECK(count(app, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND convalidated "
                   "AND conname = 'children_parent_fk' AND confdeltype = 'c'") == 1);
  CHECK(count(app, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND convalidated "
                   "AND conrelid = 'bookmarks'::regclass") == 1);
  // The partitioned table's key, on the table and its partitions.
  CHECK(count(app, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND convalidated "
                   "AND conname = 'readings_child_fk'") == 3);
  CHECK_THROWS(app.exec("INSERT INTO children VALUES (999999, 424242, 'orphan')"));
  // The trigger did not fire for copied rows, and is enabled again; the disabled one stays so.
  CHECK(count(app, "SELECT count(*) AS n FROM audit") == 0);
  CHECK(app.exec("SELECT tgenabled::text AS e FROM pg_trigger WHERE tgname = 'children_audit'")
            .text(0, "e") == "O");
  CHECK(app.exec("SELECT tgenabled::text AS e FROM pg_trigger WHERE tgname = 'parents_audit'")
            .text(0, "e") == "D");
  // The partitioned table's trigger is enabled again on the table and its two partitions.
  CHECK(count(app, "SELECT count(*) AS n FROM pg_trigger WHERE tgname = 'readings_audit' AND "
                   "tgenabled = 'O'") == 3);
  app.exec("INSERT INTO children VALUES (5000, 1, 'after the copy')");
  CHECK(count(app, "SELECT count(*) AS n FROM audit") == 1);
  CHECK(count(app, "SELECT count(*) AS n FROM _pgsplit.lifted_keys") == 0);
  CHECK(count(app, "SELECT count(*) AS n FROM _pgsplit.disabled_triggers") == 0);
}

TEST_CASE("existing schema: keys lifted by a run that failed are restored by --resume",
          "[copy][existing]") {
  SplitFixture split("existing_resume", {"app"});
  split.source().run(source_sql);
  split.target("app").run(target_sql);
  // The copy of children fails: a check constraint of the target rejects one source row.
  split.target("app").run("ALTER TABLE children ADD CONSTRAINT no_seven CHECK (id <> 7)");
  const auto failed = split.apply(mapping);
  REQUIRE_FALSE(failed.complete());
  auto app = split.target("app").connect();
  // The definitions wait in the target's state while the keys are off.
  CHECK(count(app, "SELECT count(*) AS n FROM _pgsplit.lifted_keys") == 3);
  CHECK(count(app, "SELECT count(*) AS n FROM _pgsplit.disabled_triggers") == 2);

  app.exec("ALTER TABLE children DROP CONSTRAINT no_seven");
  copy::ApplyOptions resume;
  resume.resume = true;
  REQUIRE(split.apply(mapping, resume).complete());
  CHECK(SplitFixture::digest(split.target("app"), "children") ==
        SplitFixture::digest(split.source(), "children"));
  CHECK(count(app, "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND "
                   "convalidated AND conparentid = 0") == 3);
  CHECK(app.exec("SELECT tgenabled::text AS e FROM pg_trigger WHERE tgname = 'children_audit'")
            .text(0, "e") == "O");
  CHECK(count(app, "SELECT count(*) AS n FROM audit") == 0);
}
