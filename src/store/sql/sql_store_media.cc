// SqlStore's MediaStore methods: the media table and each article's featured image.
#include <algorithm>
#include <charconv>

#include "base/utf8.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace wakala::store {
namespace {

constexpr std::string_view kMediaColumns =
    "SELECT m.id, m.hash, m.original_name, m.type, m.width, m.height, m.widths, m.alt,"
    " m.caption, COALESCE(m.uploader_id, 0), m.created_at";

std::string JoinWidths(const std::vector<int>& widths) {
  std::string out;
  for (int w : widths) out += (out.empty() ? "" : ",") + std::to_string(w);
  return out;
}

std::optional<std::vector<int>> SplitWidths(std::string_view text) {
  std::vector<int> out;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    int w = 0;
    auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), w);
    if (ec != std::errc() || p != item.data() + item.size() || w <= 0) return std::nullopt;
    out.push_back(w);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return out;
}

Result<Media> DecodeMedia(const std::vector<std::optional<std::string>>& row) {
  RowReader r(row);
  Media m;
  m.id = r.Int(0);
  m.hash = r.Text(1);
  m.original_name = r.Text(2);
  m.type = r.Text(3);
  m.width = static_cast<int>(r.Int(4));
  m.height = static_cast<int>(r.Int(5));
  std::string widths = r.Text(6);
  m.alt = r.Text(7);
  m.caption = r.Text(8);
  m.uploader_id = r.Int(9);
  m.created_at = r.Int(10);
  WAKALA_RETURN_IF_ERROR(r.status("media"));
  auto parsed = SplitWidths(widths);
  if (!parsed || parsed->empty())
    return Status::Corruption("media " + std::to_string(m.id) + " has bad widths " + Quoted(widths));
  m.widths = std::move(*parsed);
  return m;
}

Result<std::optional<Media>> FirstMedia(const Result<SqlResult>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<Media>();
  auto m = DecodeMedia(rows->rows[0]);
  if (!m.ok()) return m.status();
  return std::optional<Media>(std::move(*m));
}

bool IsKnownType(const std::string& type) {
  return type == "jpeg" || type == "png" || type == "webp" || type == "gif";
}

Status ValidateMedia(const Media& m) {
  if (m.hash.size() != 64 ||
      !std::all_of(m.hash.begin(), m.hash.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
    return Status::InvalidInput("media hash must be 64 lower-case hex digits");
  if (!IsKnownType(m.type)) return Status::InvalidInput("unknown media type " + Quoted(m.type));
  if (m.width <= 0 || m.height <= 0) return Status::InvalidInput("media dimensions must be positive");
  if (m.widths.empty()) return Status::InvalidInput("media has no stored widths");
  for (int w : m.widths)
    if (w <= 0) return Status::InvalidInput("media widths must be positive");
  for (const std::string* text : {&m.original_name, &m.alt, &m.caption})
    if (!IsValidUtf8(*text)) return Status::InvalidInput("media text is not valid UTF-8");
  return Status::Ok();
}

}  // namespace

Result<Media> SqlStore::AddMedia(const Media& media) {
  WAKALA_RETURN_IF_ERROR(ValidateMedia(media));
  std::vector<int> widths = media.widths;
  std::sort(widths.begin(), widths.end());
  widths.erase(std::unique(widths.begin(), widths.end()), widths.end());
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<Media> {
    // No page shows an upload until an article features it: drop no cached page.
    NoteChange("media");
    std::string select = std::string(kMediaColumns) + " FROM media m WHERE m.hash = $1";
    auto existing = FirstMedia(conn_->Exec(select, {media.hash}));
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) return std::move(**existing);
    auto added = conn_->Exec(
        "INSERT INTO media (hash, original_name, type, width, height, widths, alt, caption,"
        " uploader_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {media.hash, media.original_name, media.type, int64_t{media.width}, int64_t{media.height},
         JoinWidths(widths), media.alt, media.caption,
         media.uploader_id > 0 ? SqlParam(media.uploader_id) : SqlParam(nullptr),
         media.created_at > 0 ? media.created_at : SystemClock().Now()});
    if (!added.ok()) return added.status();
    auto saved = FirstMedia(conn_->Exec(select, {media.hash}));
    if (!saved.ok()) return saved.status();
    if (!saved->has_value()) return Status::Internal("the new media row vanished");
    return std::move(**saved);
  });
}

Result<std::optional<Media>> SqlStore::FindMedia(int64_t id) {
  std::lock_guard lock(mu_);
  return FirstMedia(conn_->Exec(std::string(kMediaColumns) + " FROM media m WHERE m.id = $1", {id}));
}

Result<std::vector<Media>> SqlStore::ListMedia(int limit, int offset) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(std::string(kMediaColumns) +
                              " FROM media m ORDER BY m.created_at DESC, m.id DESC LIMIT $1 OFFSET $2",
                          {int64_t{std::max(limit, 0)}, int64_t{std::max(offset, 0)}});
  if (!rows.ok()) return rows.status();
  std::vector<Media> out;
  for (const auto& row : rows->rows) {
    auto m = DecodeMedia(row);
    if (!m.ok()) return m.status();
    out.push_back(std::move(*m));
  }
  return out;
}

Status SqlStore::SetFeaturedMedia(int64_t article_id, int64_t media_id, const std::string& caption,
                                  const std::string& alt) {
  if (!IsValidUtf8(caption) || !IsValidUtf8(alt))
    return Status::InvalidInput("caption or alt text is not valid UTF-8");
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto article = conn_->Exec("SELECT 1 FROM articles WHERE id = $1", {article_id});
    if (!article.ok()) return article.status();
    if (article->rows.empty()) return Status::NotFound("no article " + std::to_string(article_id));
    NoteChange("article:" + std::to_string(article_id));  // only its own page shows the image
    auto cleared = conn_->Exec("DELETE FROM article_media WHERE article_id = $1", {article_id});
    if (!cleared.ok()) return cleared.status();
    if (media_id == 0) return Status::Ok();
    auto media = conn_->Exec("SELECT 1 FROM media WHERE id = $1", {media_id});
    if (!media.ok()) return media.status();
    if (media->rows.empty()) return Status::NotFound("no media " + std::to_string(media_id));
    auto added = conn_->Exec(
        "INSERT INTO article_media (article_id, media_id, caption, alt) VALUES ($1, $2, $3, $4)",
        {article_id, media_id, caption, alt});
    return added.ok() ? Status::Ok() : added.status();
  });
}

Result<std::optional<FeaturedMedia>> SqlStore::FindFeaturedMedia(int64_t article_id) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(std::string(kMediaColumns) +
                              ", am.caption, am.alt FROM article_media am"
                              " JOIN media m ON m.id = am.media_id WHERE am.article_id = $1",
                          {article_id});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<FeaturedMedia>();
  const auto& row = rows->rows[0];
  auto media = DecodeMedia(row);
  if (!media.ok()) return media.status();
  RowReader r(row);
  FeaturedMedia f{std::move(*media), r.Text(11), r.Text(12)};
  WAKALA_RETURN_IF_ERROR(r.status("article_media"));
  return std::optional<FeaturedMedia>(std::move(f));
}

// With mu_ held, inside Dump's transaction.
Status SqlStore::DumpMedia(SiteDump& dump) {
  auto rows = conn_->Exec(std::string(kMediaColumns) + " FROM media m ORDER BY m.created_at, m.hash");
  if (!rows.ok()) return rows.status();
  for (const auto& row : rows->rows) {
    auto m = DecodeMedia(row);
    if (!m.ok()) return m.status();
    dump.media.push_back({m->hash, m->original_name, m->type, m->width, m->height, m->widths,
                          m->alt, m->caption, m->created_at});
  }
  auto featured = conn_->Exec(
      "SELECT a.slug, m.hash, am.caption, am.alt FROM article_media am"
      " JOIN articles a ON a.id = am.article_id JOIN media m ON m.id = am.media_id"
      " ORDER BY a.slug");
  if (!featured.ok()) return featured.status();
  for (const auto& row : featured->rows) {
    RowReader r(row);
    FeaturedRecord f{r.Text(0), r.Text(1), r.Text(2), r.Text(3)};
    WAKALA_RETURN_IF_ERROR(r.status("article_media"));
    dump.featured.push_back(std::move(f));
  }
  return Status::Ok();
}

// With mu_ held, inside Import's transaction, after the articles.
Status SqlStore::ImportMedia(const SiteDump& dump, ImportCounts& counts) {
  for (const MediaRecord& rec : dump.media) {
    Media m{0, rec.hash, rec.original_name, rec.type, rec.width, rec.height, rec.widths,
            rec.alt, rec.caption, 0, rec.created_at};
    if (Status st = ValidateMedia(m); !st.ok())
      return Status::InvalidInput("media " + Quoted(rec.hash) + ": " + st.message());
    std::vector<int> widths = m.widths;
    std::sort(widths.begin(), widths.end());
    widths.erase(std::unique(widths.begin(), widths.end()), widths.end());
    auto added = conn_->Exec(
        "INSERT INTO media (hash, original_name, type, width, height, widths, alt, caption,"
        " uploader_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)"
        " ON CONFLICT (hash) DO NOTHING RETURNING id",
        {m.hash, m.original_name, m.type, int64_t{m.width}, int64_t{m.height}, JoinWidths(widths),
         m.alt, m.caption, m.created_at});
    if (!added.ok()) return added.status();
    if (!added->rows.empty()) ++counts.media_created;
  }
  for (const FeaturedRecord& f : dump.featured) {
    const std::string what = "featured image of " + Quoted(f.article_slug);
    if (!IsValidUtf8(f.caption) || !IsValidUtf8(f.alt))
      return Status::InvalidInput(what + ": text is not valid UTF-8");
    auto article = conn_->Exec("SELECT id FROM articles WHERE slug = $1", {f.article_slug});
    if (!article.ok()) return article.status();
    if (article->rows.empty()) return Status::InvalidInput(what + ": no such article");
    auto media = conn_->Exec("SELECT id FROM media WHERE hash = $1", {f.media_hash});
    if (!media.ok()) return media.status();
    if (media->rows.empty())
      return Status::InvalidInput(what + ": no media " + Quoted(f.media_hash) + " in the dump or the site");
    RowReader a(article->rows[0]), md(media->rows[0]);
    int64_t article_id = a.Int(0), media_id = md.Int(0);
    WAKALA_RETURN_IF_ERROR(a.status("articles"));
    WAKALA_RETURN_IF_ERROR(md.status("media"));
    auto put = conn_->Exec(
        "INSERT INTO article_media (article_id, media_id, caption, alt) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (article_id) DO UPDATE SET media_id = excluded.media_id,"
        " caption = excluded.caption, alt = excluded.alt",
        {article_id, media_id, f.caption, f.alt});
    if (!put.ok()) return put.status();
    NoteChange("article:" + std::to_string(article_id));
    ++counts.featured;
  }
  return Status::Ok();
}

}  // namespace wakala::store
