// SqlStore's change log for precise cache invalidation (content_changes, migrations.cc).
#include <set>

#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace wakala::store {
namespace {
// Rows older than this many versions are dropped; a reader further behind sees gaps and
// falls back to invalidating everything.
constexpr int64_t kKeptVersions = 2000;
}  // namespace

Status SqlStore::WriteChangeScopes() {
  auto version = SingleInt(conn_->Exec("SELECT n FROM content_version WHERE id = 1"), "content_version");
  if (!version.ok()) return version.status();
  std::set<std::string> unique(change_scopes_.begin(), change_scopes_.end());
  for (const auto& scope : unique) {
    auto added = conn_->Exec("INSERT INTO content_changes (version, scope) VALUES ($1, $2)",
                             {*version, scope});
    if (!added.ok()) return added.status();
  }
  change_scopes_.clear();
  if (*version % 100 == 0) {
    auto trimmed = conn_->Exec("DELETE FROM content_changes WHERE version < $1", {*version - kKeptVersions});
    if (!trimmed.ok()) return trimmed.status();
  }
  return Status::Ok();
}

Status SqlStore::NoteArticleChange(const std::optional<Article>& before, const Article& after) {
  NoteChange("article:" + std::to_string(after.id));
  auto visible = [](const Article& a) { return a.status == ArticleStatus::kPublished; };
  bool was_visible = before && visible(*before);
  if (!was_visible && !visible(after)) return Status::Ok();  // a draft: no reader page shows it
  auto note_listings = [this](const Article& a) {
    NoteChange("section:" + std::to_string(a.section.id));
    NoteChange("author:" + std::to_string(a.author.id));
    for (const Tag& t : a.tags) NoteChange("tag:" + std::to_string(t.id));
  };
  NoteChange("home");
  NoteChange("archive");
  if (before) note_listings(*before);
  note_listings(after);
  // Its neighbours by date now link to it (their previous links pointed at each other, so
  // their pages change too; pages that linked to this article carry its own scope).
  if (visible(after)) {
    for (const char* sql :
         // Row values keep these an index range (SqlStore::Neighbour says why).
         {"SELECT id FROM articles WHERE status = 'published' AND (published_at, id) < ($1, $2)"
          " ORDER BY published_at DESC, id DESC LIMIT 1",
          "SELECT id FROM articles WHERE status = 'published' AND (published_at, id) > ($1, $2)"
          " ORDER BY published_at ASC, id ASC LIMIT 1"}) {
      auto rows = conn_->Exec(sql, {after.published_at, after.id});
      if (!rows.ok()) return rows.status();
      for (const auto& row : rows->rows) {
        RowReader r(row);
        int64_t id = r.Int(0);
        WAKALA_RETURN_IF_ERROR(r.status("articles"));
        NoteChange("article:" + std::to_string(id));
      }
    }
  }
  return Status::Ok();
}

Result<ContentChanges> SqlStore::ChangesSince(int64_t version) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kRead, [&]() -> Result<ContentChanges> {
    ContentChanges out;
    auto current = SingleInt(conn_->Exec("SELECT n FROM content_version WHERE id = 1"), "content_version");
    if (!current.ok()) return current.status();
    out.version = *current;
    if (*current <= version) return out;
    auto rows = conn_->Exec("SELECT version, scope FROM content_changes WHERE version > $1 AND version <= $2",
                            {version, *current});
    if (!rows.ok()) return rows.status();
    std::set<int64_t> versions;
    std::set<std::string> scopes;
    for (const auto& row : rows->rows) {
      RowReader r(row);
      versions.insert(r.Int(0));
      scopes.insert(r.Text(1));
      WAKALA_RETURN_IF_ERROR(r.status("content_changes"));
    }
    out.everything = static_cast<int64_t>(versions.size()) < *current - version;
    out.scopes.assign(scopes.begin(), scopes.end());
    return out;
  });
}

}  // namespace wakala::store
