// TransferStore on SQL: the dump and the one-transaction import (store/transfer_store.h).
#include <algorithm>

#include "arabic/slug.h"
#include "base/utf8.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace wakala::store {
namespace {

Status CheckRecordText(const std::string& value, const std::string& what, bool required) {
  if (required && value.empty()) return Status::InvalidInput(what + " is missing");
  if (!IsValidUtf8(value)) return Status::InvalidInput(what + " is not valid UTF-8");
  return Status::Ok();
}

Status CheckRecordSlug(const std::string& slug, const std::string& what) {
  WAKALA_RETURN_IF_ERROR(CheckRecordText(slug, what, true));
  for (char c : slug) {
    auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7f || c == '/' || c == '?' || c == '#' || c == '\\')
      return Status::InvalidInput(what + " " + Quoted(slug) +
                                  " must not contain spaces, control characters or / ? # \\");
  }
  return Status::Ok();
}

}  // namespace

Result<SiteDump> SqlStore::Dump() {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kRead, [&]() -> Result<SiteDump> {
    SiteDump dump;
    auto settings = conn_->Exec("SELECT key, value FROM settings ORDER BY key");
    if (!settings.ok()) return settings.status();
    for (const auto& row : settings->rows) {
      RowReader r(row);
      std::string k = r.Text(0), v = r.Text(1);
      WAKALA_RETURN_IF_ERROR(r.status("settings"));
      dump.settings.emplace(std::move(k), std::move(v));
    }
    auto sections = conn_->Exec("SELECT name, slug, position FROM sections ORDER BY position, id");
    if (!sections.ok()) return sections.status();
    for (const auto& row : sections->rows) {
      RowReader r(row);
      SectionRecord s{r.Text(0), r.Text(1), static_cast<int>(r.Int(2))};
      WAKALA_RETURN_IF_ERROR(r.status("sections"));
      dump.sections.push_back(std::move(s));
    }
    for (const char* table : {"authors", "tags"}) {
      auto rows = conn_->Exec(std::string("SELECT name, slug FROM ") + table + " ORDER BY name, slug");
      if (!rows.ok()) return rows.status();
      for (const auto& row : rows->rows) {
        RowReader r(row);
        NamedRecord n{r.Text(0), r.Text(1)};
        WAKALA_RETURN_IF_ERROR(r.status(table));
        (std::string(table) == "authors" ? dump.authors : dump.tags).push_back(std::move(n));
      }
    }
    Result<std::vector<Article>> articles = SelectArticles(true, "ORDER BY a.id", {});
    if (!articles.ok()) return articles.status();
    auto olds = conn_->Exec(
        "SELECT r.article_id, r.old_slug FROM slug_redirects r ORDER BY r.article_id, r.old_slug");
    if (!olds.ok()) return olds.status();
    std::map<int64_t, std::vector<std::string>> old_slugs;
    for (const auto& row : olds->rows) {
      RowReader r(row);
      int64_t id = r.Int(0);
      std::string slug = r.Text(1);
      WAKALA_RETURN_IF_ERROR(r.status("slug_redirects"));
      old_slugs[id].push_back(std::move(slug));
    }
    for (const Article& a : *articles) {
      ArticleRecord rec;
      rec.slug = a.slug;
      rec.title = a.title;
      rec.summary = a.summary;
      rec.body_markdown = a.body_markdown;
      rec.status = ArticleStatusName(a.status);
      rec.published_at = a.published_at;
      rec.updated_at = a.updated_at;
      rec.section_slug = a.section.slug;
      rec.author = a.author.name;
      rec.agency = a.agency;
      rec.source_credit = a.source_credit;
      for (const Tag& t : a.tags) rec.tags.push_back(t.name);
      rec.old_slugs = old_slugs[a.id];
      dump.articles.push_back(std::move(rec));
    }
    auto redirects = conn_->Exec("SELECT old_path, target_path FROM legacy_redirects ORDER BY old_path");
    if (!redirects.ok()) return redirects.status();
    for (const auto& row : redirects->rows) {
      RowReader r(row);
      RedirectRecord rr{r.Text(0), r.Text(1)};
      WAKALA_RETURN_IF_ERROR(r.status("legacy_redirects"));
      dump.redirects.push_back(std::move(rr));
    }
    WAKALA_RETURN_IF_ERROR(DumpComments(dump));  // sql_store_comments.cc
    WAKALA_RETURN_IF_ERROR(DumpMedia(dump));     // sql_store_media.cc
    return dump;
  });
}

// With mu_ held, inside Import's transaction. True when something was written.
Result<bool> SqlStore::ImportArticle(const ArticleRecord& rec, ImportCounts& counts) {
  const std::string what = "article " + Quoted(rec.slug);
  WAKALA_RETURN_IF_ERROR(CheckRecordSlug(rec.slug, what + ": slug"));
  WAKALA_RETURN_IF_ERROR(CheckRecordText(rec.title, what + ": title", true));
  WAKALA_RETURN_IF_ERROR(CheckRecordText(rec.summary, what + ": summary", false));
  WAKALA_RETURN_IF_ERROR(CheckRecordText(rec.body_markdown, what + ": body", false));
  WAKALA_RETURN_IF_ERROR(CheckRecordText(rec.author, what + ": author", true));
  WAKALA_RETURN_IF_ERROR(CheckRecordText(rec.agency, what + ": agency", false));
  WAKALA_RETURN_IF_ERROR(CheckRecordText(rec.source_credit, what + ": source credit", false));
  std::optional<ArticleStatus> status = ParseArticleStatus(rec.status);
  if (!status) return Status::InvalidInput(what + ": unknown status " + Quoted(rec.status));
  if (arabic::Slugify(rec.author).empty())
    return Status::InvalidInput(what + ": author " + Quoted(rec.author) + " has no letters or digits");
  ArticleInput input;
  input.slug = rec.slug;
  input.title = rec.title;
  input.section = rec.section_slug;
  input.byline = rec.author;
  for (const auto& t : rec.tags) {
    WAKALA_RETURN_IF_ERROR(CheckRecordText(t, what + ": tag", true));
    if (arabic::Slugify(t).empty())
      return Status::InvalidInput(what + ": tag " + Quoted(t) + " has no letters or digits");
    input.tags.push_back(t);
  }
  Result<ResolvedInput> resolved = Resolve(input);
  if (!resolved.ok()) return Status::InvalidInput(what + ": " + resolved.status().message());

  // The article this record is: by current slug, else by a former one.
  std::optional<int64_t> id;
  for (const std::string& slug : [&] {
         std::vector<std::string> v{rec.slug};
         v.insert(v.end(), rec.old_slugs.begin(), rec.old_slugs.end());
         return v;
       }()) {
    auto current = conn_->Exec("SELECT id FROM articles WHERE slug = $1", {slug});
    if (!current.ok()) return current.status();
    if (current->rows.empty()) {
      current = conn_->Exec("SELECT article_id FROM slug_redirects WHERE old_slug = $1", {slug});
      if (!current.ok()) return current.status();
    }
    if (!current->rows.empty()) {
      Result<int64_t> found = SingleInt(current, "articles");
      if (!found.ok()) return found.status();
      id = *found;
      break;
    }
  }
  WAKALA_RETURN_IF_ERROR(CheckSlugFree(rec.slug, id));

  bool written = false;
  if (!id) {
    Result<int64_t> inserted = SingleInt(
        conn_->Exec("INSERT INTO articles (slug, title, summary, body_markdown, status,"
                    " published_at, updated_at, section_id, author_id, revision, agency,"
                    " source_credit)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11) RETURNING id",
                    {rec.slug, rec.title, rec.summary, rec.body_markdown, rec.status,
                     int64_t{rec.published_at}, int64_t{rec.updated_at}, resolved->section.id,
                     resolved->author_id, rec.agency, rec.source_credit}),
        "articles");
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    WAKALA_RETURN_IF_ERROR(WriteTags(*id, resolved->tag_ids));
    ++counts.articles_created;
    written = true;
  } else {
    Result<Article> current = LoadArticle(*id);
    if (!current.ok()) return current.status();
    std::vector<std::string> current_tags;
    for (const Tag& t : current->tags) current_tags.push_back(t.name);
    std::vector<int64_t> current_tag_ids;
    for (const Tag& t : current->tags) current_tag_ids.push_back(t.id);
    bool same = current->slug == rec.slug && current->title == rec.title &&
                current->summary == rec.summary && current->body_markdown == rec.body_markdown &&
                current->status == *status && current->published_at == rec.published_at &&
                current->updated_at == rec.updated_at &&
                current->section.id == resolved->section.id &&
                current->author.id == resolved->author_id && current_tag_ids == resolved->tag_ids &&
                current->agency == rec.agency && current->source_credit == rec.source_credit;
    if (same) {
      ++counts.articles_unchanged;
    } else {
      auto updated = conn_->Exec(
          "UPDATE articles SET slug = $1, title = $2, summary = $3, body_markdown = $4,"
          " status = $5, published_at = $6, updated_at = $7, section_id = $8, author_id = $9,"
          " agency = $11, source_credit = $12, revision = revision + 1 WHERE id = $10",
          {rec.slug, rec.title, rec.summary, rec.body_markdown, rec.status,
           int64_t{rec.published_at}, int64_t{rec.updated_at}, resolved->section.id,
           resolved->author_id, *id, rec.agency, rec.source_credit});
      if (!updated.ok()) return updated.status();
      if (current->slug != rec.slug) {
        auto reclaimed = conn_->Exec("DELETE FROM slug_redirects WHERE old_slug = $1", {rec.slug});
        if (!reclaimed.ok()) return reclaimed.status();
        auto kept = conn_->Exec(
            "INSERT INTO slug_redirects (old_slug, article_id) VALUES ($1, $2)"
            " ON CONFLICT (old_slug) DO NOTHING",
            {current->slug, *id});
        if (!kept.ok()) return kept.status();
      }
      WAKALA_RETURN_IF_ERROR(WriteTags(*id, resolved->tag_ids));
      ++counts.articles_updated;
      written = true;
    }
  }
  for (const std::string& old : rec.old_slugs) {
    if (old == rec.slug) continue;
    WAKALA_RETURN_IF_ERROR(CheckRecordSlug(old, what + ": former slug"));
    auto taken = conn_->Exec("SELECT id FROM articles WHERE slug = $1", {old});
    if (!taken.ok()) return taken.status();
    if (!taken->rows.empty()) continue;  // another article's current slug wins
    auto kept = conn_->Exec(
        "INSERT INTO slug_redirects (old_slug, article_id) VALUES ($1, $2)"
        " ON CONFLICT (old_slug) DO NOTHING",
        {old, *id});
    if (!kept.ok()) return kept.status();
  }
  if (written) {
    // Searchable at once, as an article saved in the newsroom is.
    WAKALA_RETURN_IF_ERROR(IndexArticle(*id));
    Result<Article> saved = LoadArticle(*id);
    if (!saved.ok()) return saved.status();
    WAKALA_RETURN_IF_ERROR(WriteRevision(*saved, 0));
  }
  return written;
}

Result<ImportCounts> SqlStore::Import(const SiteDump& dump, bool require_empty) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<ImportCounts> {
    ImportCounts counts;
    if (require_empty) {
      Result<int64_t> n = SingleInt(
          conn_->Exec("SELECT (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM articles)"),
          "sections");
      if (!n.ok()) return n.status();
      if (*n > 0)
        return Status::Conflict("the site is not empty: a dump restores only into a site with no "
                                "sections and no articles");
    }
    for (const auto& [key, value] : dump.settings) {
      WAKALA_RETURN_IF_ERROR(CheckRecordText(key, "setting name", true));
      WAKALA_RETURN_IF_ERROR(CheckRecordText(value, "setting " + Quoted(key), false));
      auto put = conn_->Exec(
          "INSERT INTO settings (key, value) VALUES ($1, $2)"
          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          {key, value});
      if (!put.ok()) return put.status();
      ++counts.settings;
    }
    std::vector<SectionRecord> sections = dump.sections;
    std::stable_sort(sections.begin(), sections.end(),
                     [](const auto& a, const auto& b) { return a.position < b.position; });
    for (const SectionRecord& s : sections) {
      WAKALA_RETURN_IF_ERROR(CheckRecordText(s.name, "section name", true));
      WAKALA_RETURN_IF_ERROR(CheckRecordSlug(s.slug, "section slug"));
      auto found = conn_->Exec("SELECT id FROM sections WHERE slug = $1", {s.slug});
      if (!found.ok()) return found.status();
      if (!found->rows.empty()) continue;
      auto named = conn_->Exec("SELECT slug FROM sections WHERE name = $1", {s.name});
      if (!named.ok()) return named.status();
      // The same section under another slug (an import into a site that has it already):
      // articles resolve to it by name.
      if (!named->rows.empty()) continue;
      Result<int64_t> last =
          SingleInt(conn_->Exec("SELECT COALESCE(MAX(position), 0) FROM sections"), "sections");
      if (!last.ok()) return last.status();
      auto added = conn_->Exec("INSERT INTO sections (name, slug, position) VALUES ($1, $2, $3)",
                               {s.name, s.slug, int64_t{*last + 1}});
      if (!added.ok()) return added.status();
      ++counts.sections_created;
    }
    for (const char* table : {"authors", "tags"}) {
      for (const NamedRecord& n : std::string(table) == "authors" ? dump.authors : dump.tags) {
        WAKALA_RETURN_IF_ERROR(CheckRecordText(n.name, std::string(table) + " name", true));
        WAKALA_RETURN_IF_ERROR(CheckRecordSlug(n.slug, std::string(table) + " slug"));
        Result<int64_t> id = EnsureNamed(table, n.name, n.slug);
        if (!id.ok()) return id.status();
      }
    }
    for (const ArticleRecord& rec : dump.articles) {
      Result<bool> done = ImportArticle(rec, counts);
      if (!done.ok()) return done.status();
    }
    for (const RedirectRecord& r : dump.redirects) {
      WAKALA_RETURN_IF_ERROR(CheckRecordText(r.old_path, "redirect", true));
      WAKALA_RETURN_IF_ERROR(CheckRecordText(r.target_path, "redirect target", true));
      if (r.old_path.front() != '/' || r.target_path.front() != '/')
        return Status::InvalidInput("redirect " + Quoted(r.old_path) + " → " +
                                    Quoted(r.target_path) + ": paths must start with /");
      auto put = conn_->Exec(
          "INSERT INTO legacy_redirects (old_path, target_path) VALUES ($1, $2)"
          " ON CONFLICT (old_path) DO UPDATE SET target_path = excluded.target_path",
          {r.old_path, r.target_path});
      if (!put.ok()) return put.status();
      ++counts.redirects;
    }
    WAKALA_RETURN_IF_ERROR(ImportComments(dump, counts));  // sql_store_comments.cc
    WAKALA_RETURN_IF_ERROR(ImportMedia(dump, counts));     // sql_store_media.cc
    return counts;
  });
}

Result<std::optional<std::string>> SqlStore::FindLegacyRedirect(const std::string& old_path) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec("SELECT target_path FROM legacy_redirects WHERE old_path = $1", {old_path});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<std::string>();
  RowReader r(rows->rows[0]);
  std::string target = r.Text(0);
  WAKALA_RETURN_IF_ERROR(r.status("legacy_redirects"));
  return std::optional<std::string>(std::move(target));
}

}  // namespace wakala::store
