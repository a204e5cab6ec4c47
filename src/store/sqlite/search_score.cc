#include "store/sqlite/search_score.h"

#include <cstdint>

namespace wakala::store {
namespace {

constexpr int kColumns = 4;  // article_fts: title_exact, title_stem, body_exact, body_stem

void SearchScore(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx,
                 int argc, sqlite3_value** argv) {
  const int phrases = api->xPhraseCount(fts);
  int64_t score = 0;
  for (int p = 0; p < phrases; ++p) {
    if (p * kColumns >= argc) break;  // phrases without weights (phrase and NOT terms) add 0
    Fts5PhraseIter it;
    int col = -1;
    int rc = api->xPhraseFirstColumn(fts, p, &it, &col);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    for (; col >= 0; api->xPhraseNextColumn(fts, &it, &col)) {
      const int arg = p * kColumns + col;
      if (col < kColumns && arg < argc) score += sqlite3_value_int64(argv[arg]);
    }
  }
  sqlite3_result_int64(ctx, score);
}

// SQLite hands out the FTS5 API through a pointer-passing query (sqlite.org/fts5.html,
// "Extending FTS5").
fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

Status RegisterSearchScore(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr || api->iVersion < 2)
    return Status::Internal("this SQLite has no FTS5 (needed for search)");
  int rc = api->xCreateFunction(api, kSqliteSearchScoreFunction, nullptr, &SearchScore, nullptr);
  if (rc != SQLITE_OK)
    return Status::Internal(std::string("cannot register ") + kSqliteSearchScoreFunction + ": " +
                            sqlite3_errstr(rc));
  return Status::Ok();
}

}  // namespace wakala::store
