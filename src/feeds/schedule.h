// When to poll a feed next.
#pragma once

#include <optional>

#include "base/time.h"

namespace wakala::feeds {

// After a success: `interval` later. After the n-th consecutive failure (n >= 1): exponential
// backoff, interval * 2^n, at most max(interval, 6 hours); a server's Retry-After (429/503)
// is honoured when it asks for longer, up to a day.
UnixSeconds NextPoll(UnixSeconds now, int interval_seconds, int failures,
                     std::optional<long> retry_after_seconds = std::nullopt);

}  // namespace wakala::feeds
