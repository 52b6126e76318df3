#include "unit/verify/render_fixture.hpp"

#include <pgsplit/verify/render_markdown.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::verify;

TEST_CASE("verify's Markdown: verdict, mismatches first, then a row per target",
          "[verify][markdown]") {
  CHECK(render_markdown(pgsplit::testing::make_report(true)) ==
        R"(### pgsplit verify FAILED: 2 mismatches

Source `postgresql://app@mono:5432/app`

**Mismatches** (2):

| check    | target | object               | what                                                                                  |
| :------- | :----- | :------------------- | :------------------------------------------------------------------------------------ |
| rows     | crm    | `app.events`         | source 7 rows, target 6 rows (-1 in the target)                                       |
| sequence | crm    | `crm.clients_id_seq` | last_value 4 \< max(crm.clients.id) 12,345: the next nextval() is 5, not above 12,345 |

**Not checked** (1):

| check | target  | object | what                                                      |
| :---- | :------ | :----- | :-------------------------------------------------------- |
| stamp | billing | `sql`  | a sql: stamp cannot be verified: INSERT INTO v VALUES (1) |

| target  | tables | source rows | target rows | result           |
| :------ | -----: | ----------: | ----------: | :--------------- |
| crm     |      2 |      12,352 |      12,351 | **2 mismatches** |
| billing |      1 |           3 |           3 | ok               |

checked: 3 tables, 2 sequence columns, 1 stamp, 3 table schemas, references not checked (--references); checksums computed
)");
}

TEST_CASE("verify's Markdown of a clean run has no findings sections", "[verify][markdown]") {
  const auto text = render_markdown(pgsplit::testing::make_report(false));
  CHECK(text.rfind("### pgsplit verify OK: 2 targets, 3 tables, 12,355 rows match", 0) == 0);
  CHECK(text.find("**Mismatches**") == std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}
