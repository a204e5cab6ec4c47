#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "http/prepared.h"

namespace wakala::http {

// Rendered pages kept in memory, keyed by request path, served until something they show
// changes. Thread-safe: lookups take a shared lock; inserts and clears an exclusive one.
//
// Invalidation races: a handler renders from the store while a write commits; its page may be
// stale. Callers read Generation() before rendering and Insert only succeeds when no Clear()
// happened since, so a stale page is never stored after the invalidation that should drop it.
class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes = 256u << 20) : max_bytes_(max_bytes) {}

  std::shared_ptr<const PreparedResponse> Find(const std::string& key) const;
  uint64_t Generation() const { return generation_.load(std::memory_order_acquire); }
  // Stores `prepared` unless the cache was cleared after `generation` was read. When the
  // cache would exceed its byte budget, it starts over empty (a flood of distinct URLs must
  // not grow memory without bound).
  void Insert(const std::string& key, std::shared_ptr<const PreparedResponse> prepared,
              uint64_t generation);
  void Clear();
  // Drops the pages that carry any of `scopes`, and every page that carries none.
  void Invalidate(const std::vector<std::string>& scopes);
  size_t size() const;

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const PreparedResponse>> entries_;
  size_t bytes_ = 0;
  const size_t max_bytes_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace wakala::http
