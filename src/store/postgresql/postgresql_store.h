// The PostgreSQL backend: one libpq connection, parameterised statements only. A connection
// found broken outside a transaction is reset once and the statement retried; inside a
// transaction the transaction is lost, so the call fails with kUnavailable instead.
// Concurrent migrations by several processes queue on a transaction-scoped advisory lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"

namespace wakala::store {

// The pg_advisory_xact_lock key that serialises migrations ("wakala" in ASCII).
inline constexpr int64_t kPostgresqlMigrationLock = 0x77616b616c61;

// `conninfo` is a libpq URL ("postgresql://user@host:port/db") or key=value string. The
// client encoding is always UTF8. kUnavailable (with libpq's message) when the server cannot
// be reached.
Result<std::unique_ptr<Store>> OpenPostgresqlStore(const std::string& conninfo);

}  // namespace wakala::store
