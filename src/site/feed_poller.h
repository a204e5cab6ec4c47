// The feed poller inside `serve`: a scheduler thread and a pool of fetch workers. Each due,
// enabled feed is fetched (conditional GET), parsed, its items stored with deduplication, and
// the outcome recorded on the feed (last success, last error in plain words, next try with
// backoff). When items changed, the ticker is rebuilt and, if it changed, the page cache
// cleared. A slow or dead partner holds one worker for at most the fetch timeout; pages never
// wait for the poller (they read the ticker from memory).
//
// Thread-safety: Start and Stop from one thread; the store, ticker and cache must outlive it.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "base/time.h"
#include "feeds/fetcher.h"
#include "http/response_cache.h"
#include "site/ticker.h"
#include "store/store.h"

namespace wakala::site {

struct FeedPollerOptions {
  int threads = 4;                // concurrent fetches
  int poll_seconds_override = 0;  // > 0: poll every feed this often (tests, demos)
  feeds::FetchOptions fetch;
  std::chrono::milliseconds tick{500};  // how often the scheduler looks for due feeds
};

class FeedPoller {
 public:
  FeedPoller(store::Store* store, Ticker* ticker, http::ResponseCache* cache, const Clock* clock,
             FeedPollerOptions options);
  ~FeedPoller();

  void Start();
  void Stop();

  // Polls one feed now, on the calling thread, and records the outcome. Returns whether
  // items were added or changed.
  bool PollOnce(const store::PartnerFeed& feed);

 private:
  void Schedule();
  void Work();
  void OnItemsChanged();

  store::Store* store_;
  Ticker* ticker_;
  http::ResponseCache* cache_;
  const Clock* clock_;
  FeedPollerOptions options_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;            // guarded by mu_
  std::deque<store::PartnerFeed> queue_;  // guarded by mu_
  std::set<int64_t> in_flight_;      // queued or being fetched; guarded by mu_
  std::thread scheduler_;
  std::vector<std::thread> workers_;
};

}  // namespace wakala::site
