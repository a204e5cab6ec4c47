#include "site/feed_poller.h"

#include <iostream>

#include "feeds/parser.h"
#include "feeds/schedule.h"

namespace wakala::site {

FeedPoller::FeedPoller(store::Store* store, Ticker* ticker, http::ResponseCache* cache,
                       const Clock* clock, FeedPollerOptions options)
    : store_(store), ticker_(ticker), cache_(cache), clock_(clock), options_(std::move(options)) {
  if (options_.threads < 1) options_.threads = 1;
}

FeedPoller::~FeedPoller() { Stop(); }

void FeedPoller::Start() {
  feeds::InitFetching();
  stopping_ = false;
  scheduler_ = std::thread([this] { Schedule(); });
  for (int i = 0; i < options_.threads; ++i) workers_.emplace_back([this] { Work(); });
}

void FeedPoller::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  if (scheduler_.joinable()) scheduler_.join();
  for (auto& w : workers_)
    if (w.joinable()) w.join();
  workers_.clear();
}

void FeedPoller::Schedule() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    auto feeds = store_->ListPartnerFeeds();
    UnixSeconds now = clock_->Now();
    lock.lock();
    if (!feeds.ok()) {
      std::cerr << "wakala: feeds: " << feeds.status().ToString() << "\n";
    } else {
      bool added = false;
      for (auto& f : *feeds) {
        if (!f.enabled || f.next_try > now || in_flight_.count(f.id)) continue;
        in_flight_.insert(f.id);
        queue_.push_back(std::move(f));
        added = true;
      }
      if (added) cv_.notify_all();
    }
    cv_.wait_for(lock, options_.tick, [this] { return stopping_; });
  }
}

void FeedPoller::Work() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    store::PartnerFeed feed = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    bool changed = PollOnce(feed);
    if (changed) OnItemsChanged();
    lock.lock();
    in_flight_.erase(feed.id);
  }
}

void FeedPoller::OnItemsChanged() {
  auto changed = ticker_->Refresh();
  if (!changed.ok()) {
    std::cerr << "wakala: ticker: " << changed.status().ToString() << "\n";
    return;
  }
  if (*changed && cache_) cache_->Clear();
}

bool FeedPoller::PollOnce(const store::PartnerFeed& feed) {
  int interval = options_.poll_seconds_override > 0 ? options_.poll_seconds_override : feed.poll_seconds;
  feeds::FetchRequest request{feed.url, feed.etag, feed.last_modified};
  std::optional<long> retry_after;
  auto fetched = feeds::Fetch(request, options_.fetch, &retry_after);
  UnixSeconds now = clock_->Now();
  store::FetchRecord record;
  record.at = now;
  auto fail = [&](const std::string& why) {
    record.ok = false;
    record.error = why;
    record.failures = feed.failures + 1;
    record.next_try = feeds::NextPoll(now, interval, record.failures, retry_after);
  };
  bool changed = false;
  if (!fetched.ok()) {
    fail(fetched.status().message());
  } else if (fetched->http_status == 304) {
    record.ok = true;
    record.next_try = feeds::NextPoll(now, interval, 0);
  } else {
    auto parsed = feeds::ParseFeed(fetched->body, fetched->final_url, fetched->content_type);
    if (!parsed.ok()) {
      fail(parsed.status().message());
    } else {
      std::vector<store::FeedItemInput> items;
      items.reserve(parsed->items.size());
      for (const auto& it : parsed->items)
        items.push_back({it.id, it.link, it.title, it.summary, it.published});
      auto counts = store_->StoreFeedItems(feed.id, items, now);
      if (!counts.ok()) {
        fail("storing the items failed: " + counts.status().message());
      } else {
        changed = counts->added + counts->updated > 0;
        record.ok = true;
        record.etag = fetched->etag;
        record.last_modified = fetched->last_modified;
        record.next_try = feeds::NextPoll(now, interval, 0);
      }
    }
  }
  if (Status st = store_->RecordFetch(feed.id, record); !st.ok())
    std::cerr << "wakala: feed «" << feed.name << "»: " << st.ToString() << "\n";
  if (!record.ok) std::cerr << "wakala: feed «" << feed.name << "»: " << record.error << "\n";
  return changed;
}

}  // namespace wakala::site
