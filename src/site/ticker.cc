#include "site/ticker.h"

namespace wakala::site {
Ticker::Ticker(store::Store* store, TickerOptions options)
    : store_(store), options_(std::move(options)),
      current_(std::make_shared<const std::vector<TickerEntry>>()) {}

std::shared_ptr<const std::vector<TickerEntry>> Ticker::Current() const {
  std::lock_guard lock(mu_);
  return current_;
}

std::vector<TickerEntry> Ticker::Build(const std::vector<store::FeedItem>& items,
                                       const feeds::ClusterOptions& options, size_t limit) {
  std::vector<feeds::Headline> headlines;
  headlines.reserve(items.size());
  for (const auto& it : items) headlines.push_back({it.id, it.title, it.feed_name, it.link, it.published});
  std::vector<TickerEntry> out;
  for (auto& story : feeds::ClusterHeadlines(std::move(headlines), options)) {
    if (out.size() >= limit) break;
    TickerEntry e;
    const feeds::Headline& lead = story.headlines.front();
    e.title = lead.title;
    e.link = lead.link;
    e.published = lead.published;
    for (const auto& h : story.headlines) {
      bool seen = false;
      for (const auto& s : e.sources) seen = seen || s.name == h.source;
      if (!seen) e.sources.push_back({h.source, h.link});
    }
    out.push_back(std::move(e));
  }
  return out;
}

Result<bool> Ticker::Refresh() {
  std::lock_guard refresh(refresh_mu_);
  store::FeedItemQuery q;
  q.limit = options_.candidates;
  auto items = store_->ListFeedItems(q);
  if (!items.ok()) return items.status();
  auto fresh = std::make_shared<const std::vector<TickerEntry>>(Build(*items, options_.cluster, options_.entries));
  std::lock_guard lock(mu_);
  bool changed = !(*fresh == *current_);
  if (changed) current_ = std::move(fresh);
  return changed;
}

}  // namespace wakala::site
