#pragma once

#include <pgsplit/pg/copy_stream.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Reading the rows of a `COPY … TO STDOUT` in text format, one at a time, for the comparisons
// that stream keys out of two servers instead of loading tables.
namespace pgsplit::verify {

// A source of text lines: the next line without its newline, or false at the end.
class LineSource {
public:
  virtual ~LineSource() = default;
  virtual bool next(std::string& line) = 0;
};

// The lines of a CopyOut, however the data is cut into chunks. Memory: one line and a chunk.
class CopyLineReader final : public LineSource {
public:
  explicit CopyLineReader(pg::CopyOut& stream) : stream_(stream) {}
  bool next(std::string& line) override;

private:
  pg::CopyOut& stream_;
  std::string buffer_;
  std::size_t start_ = 0;
  bool at_end_ = false;
};

using CopyRow = std::vector<std::optional<std::string>>;

// The fields of one line of COPY text format (tab-separated), with the escapes undone:
// \b \f \n \r \t \v, \\, octal \NNN, hex \xHH, and any other escaped character as itself;
// a field that is exactly \N is NULL.
CopyRow decode_copy_line(std::string_view line);

} // namespace pgsplit::verify
