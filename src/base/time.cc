#include "base/time.h"

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <fstream>

namespace wakala {

UnixSeconds SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

UnixSeconds OffsetFileClock::Now() const {
  // File timestamps are only as fine as the kernel's tick, so the size and inode (a file
  // replaced by rename) also tell a change.
  struct stat st {};
  FileStamp stamp;
  if (::stat(path_.c_str(), &st) == 0)
    stamp = {int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec, int64_t{st.st_size},
             static_cast<int64_t>(st.st_ino)};
  std::lock_guard lock(mu_);
  if (stamp != seen_) {
    seen_ = stamp;
    offset_ = 0;
    std::ifstream in(path_);
    long long seconds = 0;
    if (in >> seconds) offset_ = seconds;
  }
  return SystemClock().Now() + offset_;
}

namespace {
// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ReadInt(std::string_view s, size_t& pos, size_t digits, int& out) {
  if (pos + digits > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < digits; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += digits;
  return true;
}
}  // namespace

CivilTime ToCivil(UnixSeconds t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t rem = t - days * 86400;
  CivilTime c{};
  CivilFromDays(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem % 3600 / 60);
  c.second = static_cast<int>(rem % 60);
  return c;
}

UnixSeconds FromCivil(const CivilTime& c) {
  return DaysFromCivil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
}

std::optional<UnixSeconds> ParseDateTime(std::string_view s, int default_offset_seconds) {
  size_t pos = 0;
  CivilTime c{};
  if (!ReadInt(s, pos, 4, c.year) || pos >= s.size() || s[pos++] != '-' ||
      !ReadInt(s, pos, 2, c.month) || pos >= s.size() || s[pos++] != '-' ||
      !ReadInt(s, pos, 2, c.day))
    return std::nullopt;
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > DaysInMonth(c.year, c.month))
    return std::nullopt;
  int offset = default_offset_seconds;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    ++pos;
    if (!ReadInt(s, pos, 2, c.hour) || pos >= s.size() || s[pos++] != ':' ||
        !ReadInt(s, pos, 2, c.minute))
      return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!ReadInt(s, pos, 2, c.second)) return std::nullopt;
    }
    if (c.hour > 23 || c.minute > 59 || c.second > 60) return std::nullopt;
    if (pos < s.size() && s[pos] == 'Z') {
      offset = 0;
      ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      int sign = s[pos++] == '-' ? -1 : 1, oh = 0, om = 0;
      if (!ReadInt(s, pos, 2, oh)) return std::nullopt;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (!ReadInt(s, pos, 2, om) || oh > 14 || om > 59) return std::nullopt;
      offset = sign * (oh * 3600 + om * 60);
    }
  }
  if (pos != s.size()) return std::nullopt;
  return FromCivil(c) - offset;
}

std::string HttpDate(UnixSeconds t) {
  static const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  CivilTime c = ToCivil(t);
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int weekday = static_cast<int>(((days % 7) + 7) % 7);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[weekday], c.day,
                kMonths[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

std::optional<UnixSeconds> ParseHttpDate(std::string_view s) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // "Thu, 09 May 2019 12:00:00 GMT"
  if (s.size() != 29 || s[3] != ',' || s.substr(26) != "GMT") return std::nullopt;
  CivilTime c{};
  size_t pos = 5;
  if (!ReadInt(s, pos, 2, c.day)) return std::nullopt;
  std::string_view month = s.substr(8, 3);
  for (int i = 0; i < 12; ++i)
    if (month == kMonths[i]) c.month = i + 1;
  pos = 12;
  if (c.month == 0 || !ReadInt(s, pos, 4, c.year)) return std::nullopt;
  pos = 17;
  if (!ReadInt(s, pos, 2, c.hour) || s[19] != ':') return std::nullopt;
  pos = 20;
  if (!ReadInt(s, pos, 2, c.minute) || s[22] != ':') return std::nullopt;
  pos = 23;
  if (!ReadInt(s, pos, 2, c.second)) return std::nullopt;
  if (c.day < 1 || c.day > DaysInMonth(c.year, c.month) || c.hour > 23 || c.minute > 59 ||
      c.second > 60)
    return std::nullopt;
  return FromCivil(c);
}

std::string Iso8601Utc(UnixSeconds t) {
  CivilTime c = ToCivil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

}  // namespace wakala
