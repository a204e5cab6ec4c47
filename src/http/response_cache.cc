#include "http/response_cache.h"

namespace wakala::http {
namespace {
size_t BytesOf(const PreparedResponse& p) {
  size_t n = 0;
  for (const auto& v : p.variants) n += v.head.size() + (v.body ? v.body->size() : 0);
  return n;
}
}  // namespace

std::shared_ptr<const PreparedResponse> ResponseCache::Find(const std::string& key) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void ResponseCache::Insert(const std::string& key,
                           std::shared_ptr<const PreparedResponse> prepared,
                           uint64_t generation) {
  std::unique_lock lock(mu_);
  if (generation_.load(std::memory_order_acquire) != generation) return;
  size_t bytes = key.size() + BytesOf(*prepared);
  if (bytes_ + bytes > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  auto [it, inserted] = entries_.try_emplace(key, prepared);
  if (!inserted) {
    bytes_ -= key.size() + BytesOf(*it->second);
    it->second = std::move(prepared);
  }
  bytes_ += bytes;
}

void ResponseCache::Clear() {
  std::unique_lock lock(mu_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  entries_.clear();
  bytes_ = 0;
}

void ResponseCache::Invalidate(const std::vector<std::string>& scopes) {
  std::unique_lock lock(mu_);
  // Bumped like Clear: a page rendered before this change must not be stored after it.
  generation_.fetch_add(1, std::memory_order_acq_rel);
  for (auto it = entries_.begin(); it != entries_.end();) {
    const auto& page_scopes = it->second->cache_scopes;
    bool hit = page_scopes.empty();
    for (size_t i = 0; !hit && i < page_scopes.size(); ++i)
      for (const auto& changed : scopes)
        if (page_scopes[i] == changed) {
          hit = true;
          break;
        }
    if (hit) {
      bytes_ -= it->first.size() + BytesOf(*it->second);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

size_t ResponseCache::size() const {
  std::shared_lock lock(mu_);
  return entries_.size();
}

}  // namespace wakala::http
