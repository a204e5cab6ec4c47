#include "feeds/schedule.h"

#include <algorithm>
#include <cstdint>

namespace wakala::feeds {

UnixSeconds NextPoll(UnixSeconds now, int interval_seconds, int failures,
                     std::optional<long> retry_after_seconds) {
  int64_t interval = std::max(1, interval_seconds);
  if (failures <= 0) return now + interval;
  constexpr int64_t kMaxBackoff = 6 * 3600;
  int64_t cap = std::max(interval, kMaxBackoff);
  int64_t delay = interval << std::min(failures, 20);
  delay = std::min(delay, cap);
  if (retry_after_seconds && *retry_after_seconds > delay)
    delay = std::min<int64_t>(*retry_after_seconds, 24 * 3600);
  return now + delay;
}

}  // namespace wakala::feeds
