// store/sql/: what the SQLite and PostgreSQL backends have in common. SqlStore (sql_store.h)
// implements every Store method once, in SQL both databases accept; a backend only supplies a
// SqlConnection that runs one statement, opens and closes transactions and maps the
// database's errors onto Status codes. Semantics therefore cannot drift between backends.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"

namespace wakala::store {

enum class SqlDialect { kSqlite, kPostgresql };

// The FTS5 auxiliary function every SQLite connection registers for search ranking
// (store/sqlite/search_score.h).
inline constexpr char kSqliteSearchScoreFunction[] = "wakala_score";

// A statement parameter. Statements name them $1, $2, ... in both dialects.
using SqlParam = std::variant<std::nullptr_t, int64_t, std::string>;

// Every column comes back as text (NULL as nullopt): libpq's text format and
// sqlite3_column_text agree on it, so the decoding lives in one place (SqlStore).
struct SqlResult {
  std::vector<std::vector<std::optional<std::string>>> rows;
  int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

// One database connection. Not thread-safe: SqlStore serialises every call with its mutex.
// Errors: kConflict for a unique-constraint violation, kUnavailable when the database cannot
// be reached or is busy past its timeout, kCorruption for a damaged file, kInternal otherwise
// (a bad statement is a bug).
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual Result<SqlResult> Exec(std::string_view sql, const std::vector<SqlParam>& params) = 0;
  Result<SqlResult> Exec(std::string_view sql) { return Exec(sql, {}); }

  // `write` transactions take the database's write lock up front, so two writers queue
  // instead of one failing when it upgrades a read lock.
  virtual Status Begin(bool write) = 0;
  virtual Status Commit() = 0;
  // Best effort: after a lost connection there is nothing left to roll back.
  virtual void Rollback() = 0;

  // Inside a write transaction, keeps other processes from migrating at the same time.
  virtual Status LockForMigration() = 0;

  // The column type of an auto-assigned 64-bit primary key, for the schema scripts.
  virtual std::string_view IdColumnType() const = 0;

  // For the few statements that cannot be written in the common subset (full-text search).
  virtual SqlDialect Dialect() const = 0;

  // A second connection to the same database, for work that can run beside this one's
  // (building two indexes at once); nullptr where that brings nothing (SQLite).
  virtual Result<std::unique_ptr<SqlConnection>> OpenAnother() = 0;
};

}  // namespace wakala::store
