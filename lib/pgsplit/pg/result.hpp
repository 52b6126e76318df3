#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct pg_result; // libpq's PGresult; only pg/*.cpp include libpq-fe.h

namespace pgsplit::pg {

// An owned query result (PQclear on destruction). Move-only. Values are text.
class Result {
public:
  explicit Result(pg_result* raw);
  Result(Result&&) noexcept = default;
  Result& operator=(Result&&) noexcept = default;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result() = default;

  int rows() const;
  int columns() const;
  // Index of the column called `name`; throws core::Error when there is none.
  int column(std::string_view name) const;

  bool is_null(int row, int column) const;
  std::string_view value(int row, int column) const; // "" for NULL
  std::string text(int row, std::string_view column_name) const;
  std::optional<std::string> optional_text(int row, std::string_view column_name) const;
  std::int64_t int64(int row, std::string_view column_name) const;
  bool boolean(int row, std::string_view column_name) const; // PostgreSQL's 't' / 'f'

  // Rows touched by INSERT/UPDATE/DELETE/COPY …; 0 when not applicable.
  std::int64_t affected_rows() const;

private:
  struct Clear {
    void operator()(pg_result* raw) const noexcept;
  };
  std::unique_ptr<pg_result, Clear> raw_;
};

} // namespace pgsplit::pg
