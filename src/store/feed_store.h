// Partner feeds and their items, for the latest-news ticker (feeds/, site/ticker.h).
//
// Items are deduplicated per feed: an item seen again with the same id, or the same link, or
// (its id changed) the same title, is the one stored item, updated in place; never a second
// row. Across feeds nothing is merged here: that is the ticker's clustering.
//
// Writes by editors (add, mute, hide) bump the content version like every other write; the
// poller's bookkeeping (RecordFetch, StoreFeedItems) does not, since no page shows it until
// the ticker is rebuilt, and the poller rebuilds the ticker itself. This keeps a busy poller
// from emptying the page cache every few seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace wakala::store {

struct PartnerFeed {
  int64_t id = 0;
  std::string url;
  std::string name;        // shown beside its headlines: «الشرق»
  int poll_seconds = 600;  // how often to poll when healthy
  bool enabled = true;     // polled at all
  bool muted = false;      // polled, but its items are not shown
  std::string etag;           // from the last 200, sent back as If-None-Match
  std::string last_modified;  // idem, as If-Modified-Since
  std::optional<UnixSeconds> last_attempt;
  std::optional<UnixSeconds> last_success;
  std::string last_error;  // plain words; empty after a success
  UnixSeconds next_try = 0;  // due when <= now
  int failures = 0;          // consecutive; drives the backoff
};

struct PartnerFeedInput {
  std::string url;
  std::string name;
  int poll_seconds = 600;
};

// What a poll learned, to record on the feed.
struct FetchRecord {
  UnixSeconds at = 0;
  bool ok = false;
  std::string error;  // when !ok
  std::optional<std::string> etag;           // replace when set (ok only)
  std::optional<std::string> last_modified;  // idem
  UnixSeconds next_try = 0;
  int failures = 0;
};

struct FeedItemInput {
  std::string guid;  // never empty (feeds::ParsedItem::id)
  std::string link;
  std::string title;
  std::string summary;
  std::optional<UnixSeconds> published;
};

struct FeedItem {
  int64_t id = 0;
  int64_t feed_id = 0;
  std::string feed_name;
  std::string guid;
  std::string link;
  std::string title;
  std::string summary;
  UnixSeconds published = 0;   // the feed's date, else when first seen
  UnixSeconds first_seen = 0;
  bool hidden = false;
};

struct FeedItemCounts {
  int added = 0;
  int updated = 0;  // an existing item whose id, link, title, summary or date changed
};

struct FeedItemQuery {
  std::optional<int64_t> feed_id;
  bool include_hidden = false;  // hidden items and muted feeds' items
  int limit = 50;
};

class FeedStore {
 public:
  virtual ~FeedStore() = default;

  // kConflict when the URL is already a feed; kInvalidInput for an empty name, a URL that is
  // not http(s), or an interval under 1 s.
  virtual Result<PartnerFeed> AddPartnerFeed(const PartnerFeedInput& input) = 0;
  virtual Result<std::vector<PartnerFeed>> ListPartnerFeeds() = 0;
  // By id (decimal), URL or name.
  virtual Result<std::optional<PartnerFeed>> FindPartnerFeed(const std::string& key) = 0;
  virtual Status SetPartnerFeedMuted(int64_t feed_id, bool muted) = 0;
  virtual Status SetPartnerFeedEnabled(int64_t feed_id, bool enabled) = 0;
  // Renames a feed and changes its poll interval (the admin's edit). A healthy feed's next
  // poll moves to its last attempt plus the new interval; a failing or never-polled feed
  // keeps its next try (the backoff, or now). kNotFound for an unknown feed; kInvalidInput
  // for an empty name or an interval under 1 s.
  virtual Status UpdatePartnerFeed(int64_t feed_id, const std::string& name, int poll_seconds) = 0;
  virtual Status RecordFetch(int64_t feed_id, const FetchRecord& record) = 0;

  // Stores a poll's items with deduplication (see above); `now` is first_seen of new items.
  virtual Result<FeedItemCounts> StoreFeedItems(int64_t feed_id,
                                                const std::vector<FeedItemInput>& items,
                                                UnixSeconds now) = 0;
  // Newest first (published, then id).
  virtual Result<std::vector<FeedItem>> ListFeedItems(const FeedItemQuery& query) = 0;
  // kNotFound for an unknown item.
  virtual Status SetFeedItemHidden(int64_t item_id, bool hidden) = 0;
};

}  // namespace wakala::store
