// The SQLite backend: one file, one connection in WAL mode, so that `serve` reads while the
// CLI writes from another process. Writers take the write lock at BEGIN (BEGIN IMMEDIATE) and
// wait up to kSqliteBusyTimeoutMs for it before failing with kUnavailable.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace wakala::store {

inline constexpr int kSqliteBusyTimeoutMs = 5000;
inline constexpr int kSqliteCacheKiB = 64 * 1024;

// Opens (creating) the database file at `path` and migrates it. kUnavailable when the file
// cannot be opened or WAL mode cannot be enabled; kCorruption when it is not a database.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace wakala::store
