#pragma once

#include <string>
#include <string_view>
#include <vector>

// Markdown for reports pasted into an issue, a pull request or a chat (`--format markdown` of
// plan, apply, verify, …): GitHub-flavoured tables whose columns are also aligned in the raw
// text, and cell text that can neither break the table nor carry terminal escapes.
namespace pgsplit::core {

enum class Align { left, right };

struct MarkdownColumn {
  std::string header;
  Align align = Align::left;
};

// A table built row by row, rendered once:
//   | table | rows |
//   | :---- | ---: |
//   | `public.users` | 1,204 |
// Cells are Markdown already (use markdown_text / markdown_code for what comes from data); a
// row with fewer cells than columns is padded with empty cells, extra cells are dropped.
class MarkdownTable {
public:
  explicit MarkdownTable(std::vector<MarkdownColumn> columns);

  void add_row(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }
  std::size_t size() const { return rows_.size(); }

  // The table, each line ending with a newline; a table without rows still has its header.
  std::string render() const;

private:
  std::vector<MarkdownColumn> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Plain text as Markdown: the characters Markdown would interpret are escaped (* [ ] < > | \,
// '_' at a word's edge but not inside user_id, '#' at the start, an unpaired backtick);
// `quoted commands` of messages stay code spans; control characters (newlines, tabs, ESC of
// terminal colours) become spaces.
std::string markdown_text(std::string_view text);

// Text as a code span (`public.users`): for identifiers, SQL and values. A backtick inside
// gets a longer fence; '|' is escaped so that the span can sit in a table cell.
std::string markdown_code(std::string_view text);

} // namespace pgsplit::core
