#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The statements that count and hash a table's rows inside the server, so that no row leaves
// it. Pure text: the names come in quoted by the caller (Connection::quote_ident).
namespace pgsplit::verify {

// The order-independent digest of a table's rows: for each row, the first 64 bits of the MD5
// of ROW(c1, c2, …)::text, as a signed integer, summed in numeric (no overflow; duplicates
// count twice, unlike XOR). Every column of `quoted_columns` takes part, in that order: the
// source's column order, used unchanged on the target.
std::string row_digest_expression(const std::vector<std::string>& quoted_columns);

// SELECT count(*) AS row_count[, <digest> AS checksum] FROM ONLY <table> [WHERE <filter>]
// `filter` is an SQL condition (see combined_filter); the digest of no rows is 0.
std::string row_count_query(std::string_view quoted_table,
                            const std::vector<std::string>& quoted_columns,
                            const std::optional<std::string>& filter, bool checksum);

// The rows several claims of one table in one target copy into the same target table: their
// filters ORed (a NULL filter result selects nothing, as in WHERE). Unset when one claim has
// no filter, i.e. every row is copied.
std::optional<std::string> combined_filter(const std::vector<std::optional<std::string>>& filters);

// The filters as the report shows them: "a", or "(a) OR (b)"; unset when every row is copied.
std::optional<std::string> shown_filter(const std::vector<std::optional<std::string>>& filters);

} // namespace pgsplit::verify
