#include "store/store.h"

#include "store/postgresql/postgresql_store.h"
#include "store/sqlite/sqlite_store.h"

namespace wakala::store {

const char* ArticleStatusName(ArticleStatus s) {
  switch (s) {
    case ArticleStatus::kDraft: return "draft";
    case ArticleStatus::kPending: return "pending";
    case ArticleStatus::kScheduled: return "scheduled";
    case ArticleStatus::kPublished: return "published";
    case ArticleStatus::kUnpublished: return "unpublished";
  }
  return "draft";
}

std::optional<ArticleStatus> ParseArticleStatus(std::string_view name) {
  for (ArticleStatus s : {ArticleStatus::kDraft, ArticleStatus::kPending, ArticleStatus::kScheduled,
                          ArticleStatus::kPublished, ArticleStatus::kUnpublished}) {
    if (name == ArticleStatusName(s)) return s;
  }
  return std::nullopt;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) return OpenSqliteStore(url.substr(kSqlite.size()));
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return OpenPostgresqlStore(url);
  // Only the scheme is echoed: the rest may hold a password.
  return Status::InvalidInput("unknown database URL scheme «" + url.substr(0, url.find(':')) +
                              "»; expected sqlite:PATH or postgresql://...");
}

}  // namespace wakala::store
