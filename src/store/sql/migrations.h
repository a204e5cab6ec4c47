// The schema, as an ordered list of migrations. Migration i (0-based) brings the schema to
// version i + 1; SqlStore applies each pending one in its own transaction when a store opens
// and records it in schema_migrations(version). Never edit a released migration: append one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wakala::store {

struct Migration {
  // One statement each, in the common subset of SQLite and PostgreSQL SQL. "{{ID}}" stands
  // for the dialect's auto-assigned 64-bit primary key (SqlConnection::IdColumnType).
  std::vector<std::string_view> statements;
};

const std::vector<Migration>& Migrations();

// The statement with "{{ID}}" replaced by `id_column_type`.
std::string ExpandMigrationStatement(std::string_view statement, std::string_view id_column_type);

}  // namespace wakala::store
