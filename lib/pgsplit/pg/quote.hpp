#pragma once

#include <string>
#include <string_view>

// Identifier and literal quoting for SQL that pgsplit generates. Identifiers are always
// quoted (never concatenated raw); values travel as query parameters wherever the statement
// allows parameters (DDL does not: comments and enum labels use quote_literal).
namespace pgsplit::pg {

// "name" with every " doubled: the rule PQescapeIdentifier applies to UTF-8 text. Used where
// SQL is generated without a connection (DDL rendering, unit tests); Connection::quote_ident
// asks libpq itself. An integration test checks that both agree on hostile names.
std::string quote_ident(std::string_view name);

// "schema"."name"
std::string quote_qualified(std::string_view schema, std::string_view name);

// 'text' with every ' doubled, for standard_conforming_strings = on (set on every session).
std::string quote_literal(std::string_view text);

} // namespace pgsplit::pg
