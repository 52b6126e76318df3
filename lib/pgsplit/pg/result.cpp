#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/result.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>

namespace pgsplit::pg {

void Result::Clear::operator()(pg_result* raw) const noexcept { PQclear(raw); }

Result::Result(pg_result* raw) : raw_(raw) {}

int Result::rows() const { return PQntuples(raw_.get()); }

int Result::columns() const { return PQnfields(raw_.get()); }

int Result::column(std::string_view name) const {
  for (int index = 0; index < columns(); ++index) {
    if (name == PQfname(raw_.get(), index)) {
      return index;
    }
  }
  throw core::Error(fmt::format("internal error: result has no column '{}'", name));
}

bool Result::is_null(int row, int column_index) const {
  return PQgetisnull(raw_.get(), row, column_index) != 0;
}

std::string_view Result::value(int row, int column_index) const {
  return {PQgetvalue(raw_.get(), row, column_index),
          static_cast<std::size_t>(PQgetlength(raw_.get(), row, column_index))};
}

std::string Result::text(int row, std::string_view column_name) const {
  return std::string(value(row, column(column_name)));
}

std::optional<std::string> Result::optional_text(int row, std::string_view column_name) const {
  const int index = column(column_name);
  if (is_null(row, index)) {
    return std::nullopt;
  }
  return std::string(value(row, index));
}

std::int64_t Result::int64(int row, std::string_view column_name) const {
  const std::string_view text_value = value(row, column(column_name));
  std::int64_t number = 0;
  const auto [end, error] =
      std::from_chars(text_value.data(), text_value.data() + text_value.size(), number);
  if (error != std::errc{} || end != text_value.data() + text_value.size()) {
    throw core::Error(fmt::format("internal error: column '{}' holds '{}', not an integer",
                                  column_name, text_value));
  }
  return number;
}

bool Result::boolean(int row, std::string_view column_name) const {
  return value(row, column(column_name)) == "t";
}

std::int64_t Result::affected_rows() const {
  const std::string_view tuples = PQcmdTuples(raw_.get());
  std::int64_t number = 0;
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), number);
  return number;
}

} // namespace pgsplit::pg
