// FeedStore over SQL (store/feed_store.h): partner feeds and their deduplicated items.
#include <algorithm>
#include <charconv>

#include "base/utf8.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace wakala::store {
namespace {

constexpr std::string_view kFeedColumns =
    "SELECT id, url, name, poll_seconds, enabled, muted, etag, last_modified,"
    " COALESCE(last_attempt, -1), COALESCE(last_success, -1), last_error, next_try, failures"
    " FROM partner_feeds ";

Result<PartnerFeed> DecodeFeed(const std::vector<std::optional<std::string>>& row) {
  RowReader r(row);
  PartnerFeed f;
  f.id = r.Int(0);
  f.url = r.Text(1);
  f.name = r.Text(2);
  f.poll_seconds = static_cast<int>(r.Int(3));
  f.enabled = r.Int(4) != 0;
  f.muted = r.Int(5) != 0;
  f.etag = r.Text(6);
  f.last_modified = r.Text(7);
  int64_t attempt = r.Int(8), success = r.Int(9);
  if (attempt >= 0) f.last_attempt = attempt;
  if (success >= 0) f.last_success = success;
  f.last_error = r.Text(10);
  f.next_try = r.Int(11);
  f.failures = static_cast<int>(r.Int(12));
  WAKALA_RETURN_IF_ERROR(r.status("partner_feeds"));
  return f;
}

bool IsHttp(const std::string& url) {
  return (url.rfind("http://", 0) == 0 && url.size() > 7) || (url.rfind("https://", 0) == 0 && url.size() > 8);
}

struct StoredItem {
  int64_t id = 0;
  std::string guid, link, title, summary;
  int64_t published = 0;
};

}  // namespace

Result<PartnerFeed> SqlStore::AddPartnerFeed(const PartnerFeedInput& in) {
  if (!IsHttp(in.url) || !IsValidUtf8(in.url) || in.url.find_first_of(" \t\r\n") != std::string::npos)
    return Status::InvalidInput("feed URL " + Quoted(in.url) + " is not an http:// or https:// address");
  if (in.name.empty() || !IsValidUtf8(in.name)) return Status::InvalidInput("the feed needs a name (--name)");
  if (in.poll_seconds < 1) return Status::InvalidInput("the poll interval must be at least 1 second");
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<PartnerFeed> {
    auto dup = conn_->Exec("SELECT id FROM partner_feeds WHERE url = $1", {in.url});
    if (!dup.ok()) return dup.status();
    if (!dup->rows.empty()) return Status::Conflict("the feed " + Quoted(in.url) + " is already added");
    Result<int64_t> id = SingleInt(
        conn_->Exec("INSERT INTO partner_feeds (url, name, poll_seconds) VALUES ($1, $2, $3) RETURNING id",
                    {in.url, in.name, int64_t{in.poll_seconds}}),
        "partner_feeds");
    if (!id.ok()) return id.status();
    auto row = conn_->Exec(std::string(kFeedColumns) + "WHERE id = $1", {*id});
    if (!row.ok()) return row.status();
    if (row->rows.empty()) return Status::Internal("the new feed vanished");
    return DecodeFeed(row->rows[0]);
  });
}

Result<std::vector<PartnerFeed>> SqlStore::ListPartnerFeeds() {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(std::string(kFeedColumns) + "ORDER BY id");
  if (!rows.ok()) return rows.status();
  std::vector<PartnerFeed> out;
  for (const auto& row : rows->rows) {
    auto f = DecodeFeed(row);
    if (!f.ok()) return f.status();
    out.push_back(std::move(*f));
  }
  return out;
}

Result<std::optional<PartnerFeed>> SqlStore::FindPartnerFeed(const std::string& key) {
  std::lock_guard lock(mu_);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
  bool numeric = !key.empty() && ec == std::errc() && end == key.data() + key.size();
  auto rows = numeric ? conn_->Exec(std::string(kFeedColumns) + "WHERE id = $1", {id})
                      : conn_->Exec(std::string(kFeedColumns) + "WHERE url = $1 OR name = $1 ORDER BY id LIMIT 1", {key});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<PartnerFeed>();
  auto f = DecodeFeed(rows->rows[0]);
  if (!f.ok()) return f.status();
  return std::optional<PartnerFeed>(std::move(*f));
}

Status SqlStore::SetPartnerFeedMuted(int64_t feed_id, bool muted) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto done = conn_->Exec("UPDATE partner_feeds SET muted = $1 WHERE id = $2", {int64_t{muted}, feed_id});
    if (!done.ok()) return done.status();
    if (done->affected == 0) return Status::NotFound("no feed with id " + std::to_string(feed_id));
    return Status::Ok();
  });
}

Status SqlStore::SetPartnerFeedEnabled(int64_t feed_id, bool enabled) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto done = conn_->Exec("UPDATE partner_feeds SET enabled = $1, next_try = 0 WHERE id = $2",
                            {int64_t{enabled}, feed_id});
    if (!done.ok()) return done.status();
    if (done->affected == 0) return Status::NotFound("no feed with id " + std::to_string(feed_id));
    return Status::Ok();
  });
}

Status SqlStore::UpdatePartnerFeed(int64_t feed_id, const std::string& name, int poll_seconds) {
  if (name.empty() || !IsValidUtf8(name)) return Status::InvalidInput("the feed needs a name");
  if (poll_seconds < 1) return Status::InvalidInput("the poll interval must be at least 1 second");
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    // A healthy feed that was polled before: due one new interval after its last attempt.
    auto done = conn_->Exec(
        "UPDATE partner_feeds SET name = $1, poll_seconds = $2,"
        " next_try = CASE WHEN failures = 0 AND last_attempt IS NOT NULL"
        " THEN last_attempt + $2 ELSE next_try END WHERE id = $3",
        {name, int64_t{poll_seconds}, feed_id});
    if (!done.ok()) return done.status();
    if (done->affected == 0) return Status::NotFound("no feed with id " + std::to_string(feed_id));
    return Status::Ok();
  });
}

Status SqlStore::RecordFetch(int64_t feed_id, const FetchRecord& rec) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kQuiet, [&]() -> Status {
    Result<SqlResult> done = Status::Ok();
    if (rec.ok) {
      done = conn_->Exec(
          "UPDATE partner_feeds SET last_attempt = $1, last_success = $1, last_error = '',"
          " next_try = $2, failures = 0,"
          " etag = CASE WHEN $3 = 1 THEN $4 ELSE etag END,"
          " last_modified = CASE WHEN $5 = 1 THEN $6 ELSE last_modified END WHERE id = $7",
          {rec.at, rec.next_try, int64_t{rec.etag.has_value()}, rec.etag.value_or(""),
           int64_t{rec.last_modified.has_value()}, rec.last_modified.value_or(""), feed_id});
    } else {
      done = conn_->Exec(
          "UPDATE partner_feeds SET last_attempt = $1, last_error = $2, next_try = $3, failures = $4"
          " WHERE id = $5",
          {rec.at, rec.error, rec.next_try, int64_t{rec.failures}, feed_id});
    }
    if (!done.ok()) return done.status();
    if (done->affected == 0) return Status::NotFound("no feed with id " + std::to_string(feed_id));
    return Status::Ok();
  });
}

Result<FeedItemCounts> SqlStore::StoreFeedItems(int64_t feed_id, const std::vector<FeedItemInput>& items,
                                                UnixSeconds now) {
  for (const auto& it : items) {
    if (it.guid.empty()) return Status::InvalidInput("a feed item has no id");
    if (!IsValidUtf8(it.guid) || !IsValidUtf8(it.link) || !IsValidUtf8(it.title) || !IsValidUtf8(it.summary))
      return Status::InvalidInput("a feed item is not valid UTF-8");
  }
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kQuiet, [&]() -> Result<FeedItemCounts> {
    FeedItemCounts counts;
    const std::string select =
        "SELECT id, guid, link, title, summary, published FROM feed_items WHERE feed_id = $1 AND ";
    for (const auto& it : items) {
      std::optional<StoredItem> found;
      auto lookup = [&](const char* column, const std::string& value) -> Status {
        if (found || value.empty()) return Status::Ok();
        auto rows = conn_->Exec(select + column + " = $2 ORDER BY id LIMIT 1", {feed_id, value});
        if (!rows.ok()) return rows.status();
        if (rows->rows.empty()) return Status::Ok();
        RowReader r(rows->rows[0]);
        StoredItem s{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5)};
        WAKALA_RETURN_IF_ERROR(r.status("feed_items"));
        found = std::move(s);
        return Status::Ok();
      };
      // Same id; else same link; else same title (a partner that changed its ids).
      WAKALA_RETURN_IF_ERROR(lookup("guid", it.guid));
      WAKALA_RETURN_IF_ERROR(lookup("link", it.link));
      WAKALA_RETURN_IF_ERROR(lookup("title", it.title));
      // A date in the future (a partner's wrong clock or zone) would pin the item on top.
      std::optional<int64_t> published = it.published;
      if (published && *published > now + 3600) published = now;
      if (!found) {
        auto done = conn_->Exec(
            "INSERT INTO feed_items (feed_id, guid, link, title, summary, published, first_seen)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {feed_id, it.guid, it.link, it.title, it.summary, published.value_or(now), now});
        if (!done.ok()) return done.status();
        ++counts.added;
        continue;
      }
      int64_t new_published = published.value_or(found->published);
      // The guid moves only when it is not another stored item's (two items of one batch
      // that share a link or title are one item; the first id stays).
      std::string guid = found->guid;
      if (it.guid != found->guid) {
        auto taken = conn_->Exec("SELECT 1 FROM feed_items WHERE feed_id = $1 AND guid = $2", {feed_id, it.guid});
        if (!taken.ok()) return taken.status();
        if (taken->rows.empty()) guid = it.guid;
      }
      std::string link = it.link.empty() ? found->link : it.link;
      if (guid == found->guid && link == found->link && it.title == found->title &&
          it.summary == found->summary && new_published == found->published)
        continue;
      auto done = conn_->Exec(
          "UPDATE feed_items SET guid = $1, link = $2, title = $3, summary = $4, published = $5"
          " WHERE id = $6",
          {guid, link, it.title, it.summary, new_published, found->id});
      if (!done.ok()) return done.status();
      ++counts.updated;
    }
    return counts;
  });
}

Result<std::vector<FeedItem>> SqlStore::ListFeedItems(const FeedItemQuery& q) {
  Params p;
  std::string sql =
      "SELECT i.id, i.feed_id, f.name, i.guid, i.link, i.title, i.summary, i.published,"
      " i.first_seen, i.hidden FROM feed_items i JOIN partner_feeds f ON f.id = i.feed_id WHERE 1 = 1";
  if (q.feed_id) sql += " AND i.feed_id = " + p.Add(*q.feed_id);
  if (!q.include_hidden) sql += " AND i.hidden = 0 AND f.muted = 0";
  sql += " ORDER BY i.published DESC, i.id DESC LIMIT " + p.Add(int64_t{std::max(0, q.limit)});
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(sql, p.values());
  if (!rows.ok()) return rows.status();
  std::vector<FeedItem> out;
  out.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    RowReader r(row);
    FeedItem it;
    it.id = r.Int(0);
    it.feed_id = r.Int(1);
    it.feed_name = r.Text(2);
    it.guid = r.Text(3);
    it.link = r.Text(4);
    it.title = r.Text(5);
    it.summary = r.Text(6);
    it.published = r.Int(7);
    it.first_seen = r.Int(8);
    it.hidden = r.Int(9) != 0;
    WAKALA_RETURN_IF_ERROR(r.status("feed_items"));
    out.push_back(std::move(it));
  }
  return out;
}

Status SqlStore::SetFeedItemHidden(int64_t item_id, bool hidden) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto done = conn_->Exec("UPDATE feed_items SET hidden = $1 WHERE id = $2", {int64_t{hidden}, item_id});
    if (!done.ok()) return done.status();
    if (done->affected == 0) return Status::NotFound("no feed item with id " + std::to_string(item_id));
    return Status::Ok();
  });
}

}  // namespace wakala::store
