// The schema, as an ordered list of migrations. Migration i (0-based) brings the schema to
// version i + 1; SqlStore applies each pending one in its own transaction when a store opens
// and records it in schema_migrations(version). Never edit a released migration: append one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/sql/sql_connection.h"

namespace wakala::store {

struct Migration {
  // One statement each, in the common subset of SQLite and PostgreSQL SQL. "{{ID}}" stands
  // for the dialect's auto-assigned 64-bit primary key (SqlConnection::IdColumnType). A
  // statement starting with "{{SQLITE}}" or "{{POSTGRESQL}}" runs on that dialect only (the
  // full-text index has no common form).
  std::vector<std::string_view> statements;
};

const std::vector<Migration>& Migrations();

// False when `statement` is for the other dialect; otherwise strips its dialect marker.
bool TakeDialectStatement(std::string_view& statement, SqlDialect dialect);

// The statement with "{{ID}}" replaced by `id_column_type`.
std::string ExpandMigrationStatement(std::string_view statement, std::string_view id_column_type);

}  // namespace wakala::store
