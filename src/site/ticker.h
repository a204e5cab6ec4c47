// The latest-news ticker (آخر الأخبار): partner headlines from the store, clustered into
// stories (feeds/cluster.h), kept in memory so that every page embeds it at no cost.
//
// Refresh() rebuilds it from the store (the feed poller calls it after storing new items; the
// site's watcher after an editor hid an item or muted a feed); pages read Current(), an
// immutable snapshot swapped whole. The caller clears the page cache when Refresh() reports a
// change, after the swap, so no page with the old ticker outlives it.
//
// Thread-safety: Current() and Refresh() may be called from any thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "feeds/cluster.h"
#include "store/store.h"

namespace wakala::site {

struct TickerSource {
  std::string name;  // the partner's display name
  std::string link;  // that partner's page for the story (may be empty)
  bool operator==(const TickerSource&) const = default;
};

struct TickerEntry {
  std::string title;  // the newest headline of the story
  std::string link;   // its partner page
  std::vector<TickerSource> sources;  // one per partner, in the order of their headlines
  UnixSeconds published = 0;
  bool operator==(const TickerEntry&) const = default;
};

struct TickerOptions {
  size_t entries = 15;   // stories shown
  int candidates = 300;  // newest items clustered
  feeds::ClusterOptions cluster;
};

class Ticker {
 public:
  Ticker(store::Store* store, TickerOptions options = {});

  std::shared_ptr<const std::vector<TickerEntry>> Current() const;
  // Rebuilds the ticker; true when it differs from the previous one.
  Result<bool> Refresh();

  // The stories among `items` (newest first), at most `limit`; used by /latest too.
  static std::vector<TickerEntry> Build(const std::vector<store::FeedItem>& items,
                                        const feeds::ClusterOptions& options, size_t limit);

 private:
  store::Store* store_;
  TickerOptions options_;
  std::mutex refresh_mu_;  // one rebuild at a time
  mutable std::mutex mu_;
  std::shared_ptr<const std::vector<TickerEntry>> current_;  // guarded by mu_
};

}  // namespace wakala::site
