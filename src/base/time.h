#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace wakala {

// Seconds since the Unix epoch, UTC. Every stored instant is one of these.
using UnixSeconds = int64_t;

// The clock is a seam: the server and scheduler take one so tests can move time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

// The system clock moved forward by the whole number of seconds written in a file, read again
// whenever the file changes (a missing or unreadable file means 0). Lets an end-to-end test
// schedule an article a minute ahead and then move the running server's time, instead of
// waiting (`wakala serve --clock-offset-file`; never set in production).
class OffsetFileClock final : public Clock {
 public:
  explicit OffsetFileClock(std::string path) : path_(std::move(path)) {}
  UnixSeconds Now() const override;

 private:
  struct FileStamp {
    int64_t mtime_ns = -1, size = -1, inode = -1;
    bool operator!=(const FileStamp& o) const {
      return mtime_ns != o.mtime_ns || size != o.size || inode != o.inode;
    }
  };
  std::string path_;
  mutable std::mutex mu_;
  mutable FileStamp seen_{-2, -2, -2};  // guarded by mu_
  mutable int64_t offset_ = 0;          // guarded by mu_
};

// Parses "2019-09-12", "2019-09-12 14:30", "2019-09-12T14:30:00", with an optional "Z" or
// "+03:00" offset. Times without an offset are taken in `default_offset_seconds` (the site's
// zone). nullopt when the text is not such a date or names an impossible day.
std::optional<UnixSeconds> ParseDateTime(std::string_view text, int default_offset_seconds = 0);

// "Thu, 12 Sep 2019 14:30:00 GMT", for Last-Modified and Date headers.
std::string HttpDate(UnixSeconds t);
// Parses the IMF-fixdate form HttpDate writes (the only one RFC 9110 requires us to accept
// from modern clients). nullopt otherwise.
std::optional<UnixSeconds> ParseHttpDate(std::string_view text);
// "2019-09-12T14:30:00Z"
std::string Iso8601Utc(UnixSeconds t);

struct CivilTime {
  int year, month, day, hour, minute, second;
};
CivilTime ToCivil(UnixSeconds t);  // in UTC; add an offset first for local time
UnixSeconds FromCivil(const CivilTime& c);

}  // namespace wakala
