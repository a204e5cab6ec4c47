// The search score of store/search_store.h, computed inside SQLite by an FTS5 auxiliary
// function, so that ranking a common word's tens of thousands of matches is one pass over
// FTS5's own position lists rather than a subquery per word and per column.
//
//   wakala_score(article_fts, w(0,0), w(0,1), w(0,2), w(0,3), w(1,0), ...)
//
// returns, for the current row, the sum over the query's phrases p and the table's columns c
// in which p occurs of w(p, c), the integer weight given for that pair (0 when not given).
// SqlStore passes, for each query word, the weights of its stem phrase in the stem columns
// and of its surface phrase in the exact columns, so the sum is the score the PostgreSQL
// dialect computes with per-column tsquery tests.
#pragma once

#include <sqlite3.h>

#include "base/status.h"
#include "store/sql/sql_connection.h"

namespace wakala::store {

// Registers the function, named kSqliteSearchScoreFunction, on `db`. kInternal when this
// SQLite lacks FTS5.
Status RegisterSearchScore(sqlite3* db);

}  // namespace wakala::store
