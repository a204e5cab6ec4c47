#include "store/sql/sql_store.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "arabic/slug.h"
#include "base/utf8.h"
#include "store/sql/migrations.h"
#include "store/sql/rows.h"

namespace wakala::store {
namespace {

Status CheckText(const std::string& value, const std::string& field, bool required) {
  if (required && value.empty()) return Status::InvalidInput(field + " is missing");
  if (!IsValidUtf8(value)) return Status::InvalidInput(field + " is not valid UTF-8");
  return Status::Ok();
}

// Slugs become URL path segments; these characters would change the path's meaning.
Status CheckSlug(const std::string& slug, const std::string& field) {
  WAKALA_RETURN_IF_ERROR(CheckText(slug, field, /*required=*/true));
  for (char c : slug) {
    auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7f || c == '/' || c == '?' || c == '#' || c == '\\')
      return Status::InvalidInput(field + " " + Quoted(slug) +
                                  " must not contain spaces, control characters or / ? # \\");
  }
  return Status::Ok();
}

Status ValidateArticleInput(const ArticleInput& in) {
  WAKALA_RETURN_IF_ERROR(CheckSlug(in.slug, "slug"));
  WAKALA_RETURN_IF_ERROR(CheckText(in.title, "title", true));
  WAKALA_RETURN_IF_ERROR(CheckText(in.summary, "summary", false));
  WAKALA_RETURN_IF_ERROR(CheckText(in.body_markdown, "body", false));
  WAKALA_RETURN_IF_ERROR(CheckText(in.section, "section", true));
  WAKALA_RETURN_IF_ERROR(CheckText(in.byline, "byline", true));
  WAKALA_RETURN_IF_ERROR(CheckText(in.agency, "agency", false));
  WAKALA_RETURN_IF_ERROR(CheckText(in.source_credit, "source credit", false));
  if (arabic::Slugify(in.byline).empty())
    return Status::InvalidInput("byline " + Quoted(in.byline) + " has no letters or digits");
  for (size_t i = 0; i < in.tags.size(); ++i) {
    std::string field = "tag " + std::to_string(i + 1);
    WAKALA_RETURN_IF_ERROR(CheckText(in.tags[i], field, true));
    if (arabic::Slugify(in.tags[i]).empty())
      return Status::InvalidInput(field + " " + Quoted(in.tags[i]) + " has no letters or digits");
  }
  return Status::Ok();
}

constexpr std::string_view kArticleFrom =
    " FROM articles a JOIN sections s ON s.id = a.section_id"
    " JOIN authors au ON au.id = a.author_id ";

std::string ArticleColumns(bool with_body) {
  return std::string("SELECT a.id, a.slug, a.title, a.summary, ") +
         (with_body ? "a.body_markdown" : "''") +
         ", a.status, a.published_at, a.updated_at, s.id, s.name, s.slug, s.position,"
         " au.id, au.name, au.slug, COALESCE(a.owner_id, 0), a.revision, a.agency,"
         " a.source_credit";
}

Result<Article> DecodeArticle(const std::vector<std::optional<std::string>>& row) {
  RowReader r(row);
  Article a;
  a.id = r.Int(0);
  a.slug = r.Text(1);
  a.title = r.Text(2);
  a.summary = r.Text(3);
  a.body_markdown = r.Text(4);
  std::string status = r.Text(5);
  a.published_at = r.Int(6);
  a.updated_at = r.Int(7);
  a.section.id = r.Int(8);
  a.section.name = r.Text(9);
  a.section.slug = r.Text(10);
  a.section.position = static_cast<int>(r.Int(11));
  a.author.id = r.Int(12);
  a.author.name = r.Text(13);
  a.author.slug = r.Text(14);
  a.owner_id = r.Int(15);
  a.revision = r.Int(16);
  a.agency = r.Text(17);
  a.source_credit = r.Text(18);
  WAKALA_RETURN_IF_ERROR(r.status("articles"));
  std::optional<ArticleStatus> parsed = ParseArticleStatus(status);
  if (!parsed)
    return Status::Corruption("article " + std::to_string(a.id) + " has unknown status " +
                              Quoted(status));
  a.status = *parsed;
  return a;
}

Result<Section> DecodeSection(const std::vector<std::optional<std::string>>& row) {
  RowReader r(row);
  Section s;
  s.id = r.Int(0);
  s.name = r.Text(1);
  s.slug = r.Text(2);
  s.position = static_cast<int>(r.Int(3));
  WAKALA_RETURN_IF_ERROR(r.status("sections"));
  return s;
}

UnixSeconds Now() { return SystemClock().Now(); }

}  // namespace

SqlStore::SqlStore(std::unique_ptr<SqlConnection> connection) : conn_(std::move(connection)) {}

Result<std::unique_ptr<Store>> SqlStore::Open(std::unique_ptr<SqlConnection> connection) {
  std::unique_ptr<SqlStore> store(new SqlStore(std::move(connection)));
  {
    std::lock_guard lock(store->mu_);
    WAKALA_RETURN_IF_ERROR(store->Migrate());
    WAKALA_RETURN_IF_ERROR(store->CatchUpSearchIndex());
  }
  return std::unique_ptr<Store>(std::move(store));
}

// Each pending migration runs in its own transaction, under the migration lock, after
// re-reading the version: another process may have migrated while this one waited.
Status SqlStore::Migrate() {
  const std::vector<Migration>& migrations = Migrations();
  const int known = static_cast<int>(migrations.size());
  for (bool applied = true; applied;) {
    auto step = InTransaction(TxnKind::kSchema, [&]() -> Result<bool> {
      WAKALA_RETURN_IF_ERROR(conn_->LockForMigration());
      auto created = conn_->Exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
      if (!created.ok()) return created.status();
      Result<int> version = SchemaVersionLocked();
      if (!version.ok()) return version.status();
      if (*version > known)
        return Status::Corruption("the database schema is at version " +
                                  std::to_string(*version) + " but this build knows only " +
                                  std::to_string(known) + "; upgrade wakala");
      if (*version == known) return false;
      for (std::string_view statement : migrations[*version].statements) {
        if (!TakeDialectStatement(statement, conn_->Dialect())) continue;
        auto done = conn_->Exec(ExpandMigrationStatement(statement, conn_->IdColumnType()));
        if (!done.ok())
          return Status(done.status().code() == StatusCode::kUnavailable
                            ? done.status()
                            : Status::Internal("migration " + std::to_string(*version + 1) +
                                               " failed: " + done.status().message()));
      }
      auto recorded =
          conn_->Exec("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                      {int64_t{*version + 1}, Now()});
      if (!recorded.ok()) return recorded.status();
      return true;
    });
    if (!step.ok()) return step.status();
    applied = *step;
  }
  return Status::Ok();
}

Result<int> SqlStore::SchemaVersionLocked() {
  Result<int64_t> v =
      SingleInt(conn_->Exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"),
                "schema_migrations");
  if (!v.ok()) return v.status();
  return static_cast<int>(*v);
}

Result<int> SqlStore::SchemaVersion() {
  std::lock_guard lock(mu_);
  return SchemaVersionLocked();
}

Result<int64_t> SqlStore::ContentVersion() {
  std::lock_guard lock(mu_);
  return SingleInt(conn_->Exec("SELECT n FROM content_version WHERE id = 1"), "content_version");
}

// ---- Sections ----

Result<Section> SqlStore::AddSection(const std::string& name, const std::string& slug) {
  WAKALA_RETURN_IF_ERROR(CheckText(name, "section name", true));
  WAKALA_RETURN_IF_ERROR(CheckSlug(slug, "section slug"));
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<Section> {
    auto taken = conn_->Exec(
        "SELECT (CASE WHEN name = $1 THEN 1 ELSE 0 END), (CASE WHEN slug = $2 THEN 1 ELSE 0 END)"
        " FROM sections WHERE name = $1 OR slug = $2",
        {name, slug});
    if (!taken.ok()) return taken.status();
    for (const auto& row : taken->rows) {
      if (row[0] == "1") return Status::Conflict("section name " + Quoted(name) + " is taken");
      if (row[1] == "1") return Status::Conflict("section slug " + Quoted(slug) + " is taken");
    }
    Result<int64_t> last = SingleInt(
        conn_->Exec("SELECT COALESCE(MAX(position), 0) FROM sections"), "sections");
    if (!last.ok()) return last.status();
    Section section{0, name, slug, static_cast<int>(*last + 1)};
    Result<int64_t> id = SingleInt(
        conn_->Exec("INSERT INTO sections (name, slug, position) VALUES ($1, $2, $3) RETURNING id",
                    {name, slug, int64_t{section.position}}),
        "sections");
    if (!id.ok()) return id.status();
    section.id = *id;
    return section;
  });
}

Result<std::vector<Section>> SqlStore::ListSections() {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec("SELECT id, name, slug, position FROM sections ORDER BY position, id");
  if (!rows.ok()) return rows.status();
  std::vector<Section> sections;
  for (const auto& row : rows->rows) {
    Result<Section> s = DecodeSection(row);
    if (!s.ok()) return s.status();
    sections.push_back(std::move(*s));
  }
  return sections;
}

Result<std::optional<Section>> SqlStore::FindSection(const std::string& slug_or_name) {
  std::lock_guard lock(mu_);
  return FindSectionLocked(slug_or_name);
}

// A slug match wins over a name match, should one section's name be another's slug.
Result<std::optional<Section>> SqlStore::FindSectionLocked(const std::string& slug_or_name) {
  auto rows = conn_->Exec(
      "SELECT id, name, slug, position FROM sections WHERE slug = $1 OR name = $1"
      " ORDER BY (CASE WHEN slug = $1 THEN 0 ELSE 1 END) LIMIT 1",
      {slug_or_name});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<Section>();
  Result<Section> s = DecodeSection(rows->rows[0]);
  if (!s.ok()) return s.status();
  return std::optional<Section>(std::move(*s));
}

// ---- Articles: writes ----

Result<int64_t> SqlStore::EnsureNamed(const char* table, const std::string& name,
                                      const std::string& slug) {
  const std::string t(table);  // "authors" or "tags": never input
  auto found = conn_->Exec("SELECT id FROM " + t +
                               " WHERE name = $1 OR slug = $2"
                               " ORDER BY (CASE WHEN name = $1 THEN 0 ELSE 1 END) LIMIT 1",
                           {name, slug});
  if (!found.ok()) return found.status();
  if (!found->rows.empty()) return SingleInt(found, t);
  return SingleInt(
      conn_->Exec("INSERT INTO " + t + " (name, slug) VALUES ($1, $2) RETURNING id", {name, slug}),
      t);
}

Result<SqlStore::ResolvedInput> SqlStore::Resolve(const ArticleInput& input) {
  ResolvedInput out;
  Result<std::optional<Section>> section = FindSectionLocked(input.section);
  if (!section.ok()) return section.status();
  if (!*section) return Status::InvalidInput("unknown section " + Quoted(input.section));
  out.section = std::move(**section);

  Result<int64_t> author = EnsureNamed("authors", input.byline, arabic::Slugify(input.byline));
  if (!author.ok()) return author.status();
  out.author_id = *author;

  for (const std::string& name : input.tags) {
    Result<int64_t> tag = EnsureNamed("tags", name, arabic::Slugify(name));
    if (!tag.ok()) return tag.status();
    if (std::find(out.tag_ids.begin(), out.tag_ids.end(), *tag) == out.tag_ids.end())
      out.tag_ids.push_back(*tag);
  }
  return out;
}

Status SqlStore::CheckSlugFree(const std::string& slug, std::optional<int64_t> article_id) {
  auto current = conn_->Exec("SELECT id FROM articles WHERE slug = $1", {slug});
  if (!current.ok()) return current.status();
  if (!current->rows.empty()) {
    Result<int64_t> owner = SingleInt(current, "articles");
    if (!owner.ok()) return owner.status();
    if (*owner != article_id)
      return Status::Conflict("slug " + Quoted(slug) + " is already used by another article");
  }
  auto old = conn_->Exec("SELECT article_id FROM slug_redirects WHERE old_slug = $1", {slug});
  if (!old.ok()) return old.status();
  if (!old->rows.empty()) {
    Result<int64_t> owner = SingleInt(old, "slug_redirects");
    if (!owner.ok()) return owner.status();
    if (*owner != article_id)
      return Status::Conflict("slug " + Quoted(slug) +
                              " is a former slug of another article and still leads to it");
  }
  return Status::Ok();
}

Status SqlStore::WriteTags(int64_t article_id, const std::vector<int64_t>& tag_ids) {
  auto cleared = conn_->Exec("DELETE FROM article_tags WHERE article_id = $1", {article_id});
  if (!cleared.ok()) return cleared.status();
  for (size_t i = 0; i < tag_ids.size(); ++i) {
    auto added = conn_->Exec(
        "INSERT INTO article_tags (article_id, tag_id, position) VALUES ($1, $2, $3)",
        {article_id, tag_ids[i], static_cast<int64_t>(i)});
    if (!added.ok()) return added.status();
  }
  return Status::Ok();
}

Result<Article> SqlStore::LoadArticle(int64_t id) {
  Result<std::vector<Article>> found = SelectArticles(true, "WHERE a.id = $1", {id});
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("no article with id " + std::to_string(id));
  return std::move(found->front());
}

// Author and tags are created before the slug is checked; a conflict rolls them back with
// everything else.
Result<Article> SqlStore::AddArticle(const ArticleInput& input) {
  WAKALA_RETURN_IF_ERROR(ValidateArticleInput(input));
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<Article> {
    Result<ResolvedInput> resolved = Resolve(input);
    if (!resolved.ok()) return resolved.status();
    WAKALA_RETURN_IF_ERROR(CheckSlugFree(input.slug, std::nullopt));
    Result<int64_t> id = SingleInt(
        conn_->Exec("INSERT INTO articles (slug, title, summary, body_markdown, status,"
                    " published_at, updated_at, section_id, author_id, owner_id, revision,"
                    " agency, source_credit)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12) RETURNING id",
                    {input.slug, input.title, input.summary, input.body_markdown,
                     // A new article has not been updated since it was published, even
                     // when it is filed after its date (an archive import, the demo).
                     ArticleStatusName(input.status), input.published_at,
                     std::min(Now(), input.published_at), resolved->section.id,
                     resolved->author_id,
                     input.editor_id ? SqlParam(input.editor_id) : SqlParam(nullptr),
                     input.agency, input.source_credit}),
        "articles");
    if (!id.ok()) return id.status();
    WAKALA_RETURN_IF_ERROR(WriteTags(*id, resolved->tag_ids));
    WAKALA_RETURN_IF_ERROR(IndexArticle(*id));
    Result<Article> saved = LoadArticle(*id);
    if (!saved.ok()) return saved;
    WAKALA_RETURN_IF_ERROR(WriteRevision(*saved, input.editor_id));
    WAKALA_RETURN_IF_ERROR(NoteArticleChange(std::nullopt, *saved));
    return saved;
  });
}

Result<Article> SqlStore::UpdateArticle(int64_t id, const ArticleInput& input) {
  WAKALA_RETURN_IF_ERROR(ValidateArticleInput(input));
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<Article> {
    auto current = conn_->Exec("SELECT slug, revision FROM articles WHERE id = $1", {id});
    if (!current.ok()) return current.status();
    if (current->rows.empty()) return Status::NotFound("no article with id " + std::to_string(id));
    RowReader r(current->rows[0]);
    const std::string old_slug = r.Text(0);
    const int64_t revision = r.Int(1);
    WAKALA_RETURN_IF_ERROR(r.status("articles"));
    Result<Article> loaded_before = LoadArticle(id);
    if (!loaded_before.ok()) return loaded_before.status();
    const std::optional<Article> before = std::move(*loaded_before);
    if (input.expected_revision && *input.expected_revision != revision) {
      return Status::Conflict("the article was saved by someone else since revision " +
                              std::to_string(*input.expected_revision) + " (now revision " +
                              std::to_string(revision) + ")");
    }

    Result<ResolvedInput> resolved = Resolve(input);
    if (!resolved.ok()) return resolved.status();
    WAKALA_RETURN_IF_ERROR(CheckSlugFree(input.slug, id));
    auto updated = conn_->Exec(
        "UPDATE articles SET slug = $1, title = $2, summary = $3, body_markdown = $4,"
        " status = $5, published_at = $6, updated_at = $7, section_id = $8, author_id = $9,"
        " agency = $11, source_credit = $12, revision = revision + 1 WHERE id = $10",
        {input.slug, input.title, input.summary, input.body_markdown,
         ArticleStatusName(input.status), input.published_at, Now(), resolved->section.id,
         resolved->author_id, id, input.agency, input.source_credit});
    if (!updated.ok()) return updated.status();
    if (input.slug != old_slug) {
      // Going back to a former slug: it is current again, so it must stop redirecting.
      auto reclaimed = conn_->Exec("DELETE FROM slug_redirects WHERE old_slug = $1", {input.slug});
      if (!reclaimed.ok()) return reclaimed.status();
      auto kept = conn_->Exec("INSERT INTO slug_redirects (old_slug, article_id) VALUES ($1, $2)",
                              {old_slug, id});
      if (!kept.ok()) return kept.status();
    }
    WAKALA_RETURN_IF_ERROR(WriteTags(id, resolved->tag_ids));
    WAKALA_RETURN_IF_ERROR(IndexArticle(id));
    Result<Article> saved = LoadArticle(id);
    if (!saved.ok()) return saved;
    WAKALA_RETURN_IF_ERROR(WriteRevision(*saved, input.editor_id));
    WAKALA_RETURN_IF_ERROR(NoteArticleChange(before, *saved));
    return saved;
  });
}

Status SqlStore::SetArticleStatus(int64_t id, ArticleStatus status) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto updated = conn_->Exec(
        "UPDATE articles SET status = $1, updated_at = $2, revision = revision + 1 WHERE id = $3",
        {ArticleStatusName(status), Now(), id});
    if (!updated.ok()) return updated.status();
    if (updated->affected == 0) return Status::NotFound("no article with id " + std::to_string(id));
    Result<Article> saved = LoadArticle(id);
    if (!saved.ok()) return saved.status();
    WAKALA_RETURN_IF_ERROR(WriteRevision(*saved, 0));
    // The status before does not matter: listings show published articles only, and the
    // article was visible before or is now, or neither (a draft page is not cached).
    Article was = *saved;
    was.status = ArticleStatus::kPublished;
    return NoteArticleChange(was, *saved);
  });
}

Status SqlStore::WriteRevision(const Article& a, int64_t editor_id) {
  std::string tags;
  for (const Tag& t : a.tags) tags += (tags.empty() ? "" : "\n") + t.name;
  auto written = conn_->Exec(
      "INSERT INTO article_revisions (article_id, revision, editor_id, at, slug, title, summary,"
      " body_markdown, status, published_at, section_slug, byline, tags, agency, source_credit)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
      {a.id, a.revision, editor_id ? SqlParam(editor_id) : SqlParam(nullptr), Now(), a.slug,
       a.title, a.summary, a.body_markdown, std::string(ArticleStatusName(a.status)),
       a.published_at, a.section.slug, a.author.name, tags, a.agency, a.source_credit});
  return written.ok() ? Status::Ok() : written.status();
}

// ---- Articles: reads ----

Result<std::vector<Article>> SqlStore::SelectArticles(bool with_body, std::string_view tail,
                                                      const std::vector<SqlParam>& params) {
  auto rows = conn_->Exec(ArticleColumns(with_body) + std::string(kArticleFrom) + std::string(tail),
                          params);
  if (!rows.ok()) return rows.status();
  std::vector<Article> articles;
  articles.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    Result<Article> a = DecodeArticle(row);
    if (!a.ok()) return a.status();
    articles.push_back(std::move(*a));
  }
  WAKALA_RETURN_IF_ERROR(FillTags(articles));
  return articles;
}

// One query for the tags of a whole page.
Status SqlStore::FillTags(std::vector<Article>& articles) {
  if (articles.empty()) return Status::Ok();
  Params p;
  std::string in;
  std::unordered_map<int64_t, Article*> by_id;
  for (Article& a : articles) {
    in += (in.empty() ? "" : ", ") + p.Add(a.id);
    by_id[a.id] = &a;
  }
  auto rows = conn_->Exec(
      "SELECT at.article_id, t.id, t.name, t.slug FROM article_tags at"
      " JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN (" + in + ")"
      " ORDER BY at.article_id, at.position",
      p.values());
  if (!rows.ok()) return rows.status();
  for (const auto& row : rows->rows) {
    RowReader r(row);
    int64_t article_id = r.Int(0);
    Tag tag{r.Int(1), r.Text(2), r.Text(3)};
    WAKALA_RETURN_IF_ERROR(r.status("article_tags"));
    auto it = by_id.find(article_id);
    if (it != by_id.end()) it->second->tags.push_back(std::move(tag));
  }
  return Status::Ok();
}

Result<SlugLookup> SqlStore::FindArticle(const std::string& slug) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kRead, [&]() -> Result<SlugLookup> {
    SlugLookup lookup;
    Result<std::vector<Article>> found = SelectArticles(true, "WHERE a.slug = $1", {slug});
    if (!found.ok()) return found.status();
    if (!found->empty()) {
      lookup.article = std::move(found->front());
      return lookup;
    }
    auto moved = conn_->Exec(
        "SELECT a.slug FROM slug_redirects r JOIN articles a ON a.id = r.article_id"
        " WHERE r.old_slug = $1",
        {slug});
    if (!moved.ok()) return moved.status();
    if (!moved->rows.empty()) {
      RowReader r(moved->rows[0]);
      lookup.moved_to = r.Text(0);
      WAKALA_RETURN_IF_ERROR(r.status("slug_redirects"));
    }
    return lookup;
  });
}

Result<ArticlePage> SqlStore::ListArticles(const ArticleQuery& query) {
  Params p;
  std::string where =
      query.newsroom ? std::string("WHERE 1 = 1")
                     : "WHERE a.status = 'published' AND a.published_at <= " + p.Add(query.now);
  if (query.newsroom && query.status)
    where += " AND a.status = " + p.Add(std::string(ArticleStatusName(*query.status)));
  if (query.owner_id) where += " AND a.owner_id = " + p.Add(*query.owner_id);
  if (query.section_id) where += " AND a.section_id = " + p.Add(*query.section_id);
  if (query.author_id) where += " AND a.author_id = " + p.Add(*query.author_id);
  if (query.tag_id)
    where += " AND EXISTS (SELECT 1 FROM article_tags f WHERE f.article_id = a.id AND f.tag_id = " +
             p.Add(*query.tag_id) + ")";
  if (query.from) where += " AND a.published_at >= " + p.Add(*query.from);
  if (query.until) where += " AND a.published_at < " + p.Add(*query.until);
  if (query.exclude_id) where += " AND a.id <> " + p.Add(*query.exclude_id);
  const std::vector<SqlParam> filter_params = p.values();
  const std::string page = where + " ORDER BY a.published_at DESC, a.id DESC LIMIT " +
                           p.Add(int64_t{std::max(query.limit, 0)}) + " OFFSET " +
                           p.Add(int64_t{std::max(query.offset, 0)});

  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kRead, [&]() -> Result<ArticlePage> {
    ArticlePage out;
    Result<int64_t> total =
        SingleInt(conn_->Exec("SELECT COUNT(*) FROM articles a " + where, filter_params),
                  "articles");
    if (!total.ok()) return total.status();
    out.total = *total;
    if (query.limit > 0 && query.offset < out.total) {
      Result<std::vector<Article>> articles = SelectArticles(false, page, p.values());
      if (!articles.ok()) return articles.status();
      out.articles = std::move(*articles);
    }
    return out;
  });
}

Result<std::optional<Article>> SqlStore::Neighbour(const Article& article, UnixSeconds now,
                                                   bool older) {
  // Row values, not "published_at < $2 OR (published_at = $2 AND id < $3)": both databases
  // turn the row comparison into an index range, but scan the whole index for the OR.
  const std::string tail =
      older ? "WHERE a.status = 'published' AND a.published_at <= $1"
              " AND (a.published_at, a.id) < ($2, $3)"
              " ORDER BY a.published_at DESC, a.id DESC LIMIT 1"
            : "WHERE a.status = 'published' AND a.published_at <= $1"
              " AND (a.published_at, a.id) > ($2, $3)"
              " ORDER BY a.published_at ASC, a.id ASC LIMIT 1";
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kRead, [&]() -> Result<std::optional<Article>> {
    Result<std::vector<Article>> found =
        SelectArticles(false, tail, {now, article.published_at, article.id});
    if (!found.ok()) return found.status();
    if (found->empty()) return std::optional<Article>();
    return std::optional<Article>(std::move(found->front()));
  });
}

Result<std::optional<Article>> SqlStore::OlderArticle(const Article& article, UnixSeconds now) {
  return Neighbour(article, now, /*older=*/true);
}

Result<std::optional<Article>> SqlStore::NewerArticle(const Article& article, UnixSeconds now) {
  return Neighbour(article, now, /*older=*/false);
}

Result<std::optional<UnixSeconds>> SqlStore::NextPublication(UnixSeconds now) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(
      "SELECT published_at FROM articles"
      " WHERE status IN ('published', 'scheduled') AND published_at > $1"
      " ORDER BY published_at LIMIT 1",
      {now});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<UnixSeconds>();
  RowReader r(rows->rows[0]);
  UnixSeconds at = r.Int(0);
  WAKALA_RETURN_IF_ERROR(r.status("articles"));
  return std::optional<UnixSeconds>(at);
}

// ---- Tags, authors, settings ----

Result<std::optional<Tag>> SqlStore::FindTag(const std::string& slug) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec("SELECT id, name, slug FROM tags WHERE slug = $1", {slug});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<Tag>();
  RowReader r(rows->rows[0]);
  Tag tag{r.Int(0), r.Text(1), r.Text(2)};
  WAKALA_RETURN_IF_ERROR(r.status("tags"));
  return std::optional<Tag>(std::move(tag));
}

Result<std::optional<Author>> SqlStore::FindAuthor(const std::string& slug) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec("SELECT id, name, slug FROM authors WHERE slug = $1", {slug});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<Author>();
  RowReader r(rows->rows[0]);
  Author author{r.Int(0), r.Text(1), r.Text(2)};
  WAKALA_RETURN_IF_ERROR(r.status("authors"));
  return std::optional<Author>(std::move(author));
}

Result<std::map<std::string, std::string>> SqlStore::Settings() {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec("SELECT key, value FROM settings");
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::string> settings;
  for (const auto& row : rows->rows) {
    RowReader r(row);
    std::string key = r.Text(0);
    std::string value = r.Text(1);
    WAKALA_RETURN_IF_ERROR(r.status("settings"));
    settings.emplace(std::move(key), std::move(value));
  }
  return settings;
}

Status SqlStore::PutSetting(const std::string& key, const std::string& value) {
  WAKALA_RETURN_IF_ERROR(CheckText(key, "setting name", true));
  WAKALA_RETURN_IF_ERROR(CheckText(value, "setting " + Quoted(key), false));
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto put = conn_->Exec(
        "INSERT INTO settings (key, value) VALUES ($1, $2)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {key, value});
    return put.ok() ? Status::Ok() : put.status();
  });
}

}  // namespace wakala::store
