#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include "store/sql/sql_connection.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/search_score.h"

namespace wakala::store {
namespace {

// Unique violations are the caller's conflict; a busy or unreachable file may pass; anything
// else means the statement or the schema is wrong.
Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return Status::Conflict(std::move(msg));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM:
    case SQLITE_PERM:
      return Status::Unavailable(std::move(msg));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(std::move(msg));
    default:
      return Status::Internal(std::move(msg));
  }
}

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  using SqlConnection::Exec;

  Result<SqlResult> Exec(std::string_view sql, const std::vector<SqlParam>& params) override {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, &sqlite3_finalize);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "cannot prepare «" + std::string(sql) + "»");
    if (!stmt || std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos)
      return Status::Internal("not exactly one statement: «" + std::string(sql) + "»");

    // The SQL names parameters $1, $2, ... as PostgreSQL does; bind by those names, since
    // SQLite numbers named parameters in order of first appearance.
    if (sqlite3_bind_parameter_count(stmt.get()) != static_cast<int>(params.size()))
      return Status::Internal("parameter count mismatch in «" + std::string(sql) + "»");
    for (size_t i = 0; i < params.size(); ++i) {
      std::string name = std::to_string(i + 1);
      name.insert(name.begin(), '$');  // not "$" + …: GCC 12 -O2 warns (-Wrestrict) falsely
      int index = sqlite3_bind_parameter_index(stmt.get(), name.c_str());
      if (index == 0) return Status::Internal(name + " is not used in «" + std::string(sql) + "»");
      const SqlParam& p = params[i];
      if (const auto* n = std::get_if<int64_t>(&p)) {
        rc = sqlite3_bind_int64(stmt.get(), index, *n);
      } else if (const auto* s = std::get_if<std::string>(&p)) {
        rc = sqlite3_bind_text64(stmt.get(), index, s->data(), s->size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt.get(), index);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "cannot bind " + name);
    }

    SqlResult result;
    const int columns = sqlite3_column_count(stmt.get());
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      auto& row = result.rows.emplace_back();
      row.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(stmt.get(), c) == SQLITE_NULL) {
          row.emplace_back();
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c));
          row.emplace_back(std::string(text ? text : "",
                                       static_cast<size_t>(sqlite3_column_bytes(stmt.get(), c))));
        }
      }
    }
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, "«" + std::string(sql) + "» failed");
    result.affected = sqlite3_changes64(db_);
    return result;
  }

  Status Begin(bool write) override {
    auto r = Exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
    return r.ok() ? Status::Ok() : r.status();
  }

  Status Commit() override {
    auto r = Exec("COMMIT");
    return r.ok() ? Status::Ok() : r.status();
  }

  void Rollback() override {
    // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  // BEGIN IMMEDIATE already holds the database's only write lock.
  Status LockForMigration() override { return Status::Ok(); }

  std::string_view IdColumnType() const override { return "INTEGER PRIMARY KEY AUTOINCREMENT"; }
  SqlDialect Dialect() const override { return SqlDialect::kSqlite; }

  // One writer at a time: a second connection could only wait for this one.
  Result<std::unique_ptr<SqlConnection>> OpenAnother() override {
    return std::unique_ptr<SqlConnection>();
  }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  if (path.empty()) return Status::InvalidInput("the SQLite database path is empty");
  sqlite3* db = nullptr;
  // NOMUTEX: SqlStore's mutex already serialises every use of the connection.
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  // The connection owns `db` from here on, even when opening failed.
  auto connection = std::make_unique<SqliteConnection>(db);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "cannot open " + path);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kSqliteBusyTimeoutMs);

  auto journal = connection->Exec("PRAGMA journal_mode = WAL");
  if (!journal.ok()) return journal.status();
  if (path != ":memory:" &&
      (journal->rows.size() != 1 || journal->rows[0].empty() || journal->rows[0][0] != "wal"))
    return Status::Unavailable("cannot switch " + path + " to WAL mode");
  auto foreign_keys = connection->Exec("PRAGMA foreign_keys = ON");
  if (!foreign_keys.ok()) return foreign_keys.status();
  // SQLite's default page cache is 2 MB; at 100k articles, indexing and search then spend
  // most of their time re-reading pages from the OS (measured with bench/search).
  auto cache = connection->Exec("PRAGMA cache_size = -" + std::to_string(kSqliteCacheKiB));
  if (!cache.ok()) return cache.status();
  if (Status st = RegisterSearchScore(db); !st.ok()) return st;
  return SqlStore::Open(std::move(connection));
}

}  // namespace wakala::store
