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

size_t ResponseCache::size() const {
  std::shared_lock lock(mu_);
  return entries_.size();
}

}  // namespace wakala::http
