#include "render/tzif.h"

#include <algorithm>

namespace wakala::render::tz {

namespace {

// ---- POSIX TZ strings ----------------------------------------------------------------------

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool done() const { return pos_ == s_.size(); }
  char peek() const { return done() ? '\0' : s_[pos_]; }
  bool Take(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  // A zone abbreviation: three or more letters, or anything but '>' between '<' and '>'.
  bool Name() {
    if (Take('<')) {
      size_t close = s_.find('>', pos_);
      if (close == std::string_view::npos || close == pos_) return false;
      pos_ = close + 1;
      return true;
    }
    size_t start = pos_;
    while (!done() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) {
      ++pos_;
    }
    return pos_ - start >= 3;
  }

  // Unsigned decimal with 1..max_digits digits.
  bool Number(int max_digits, int& out) {
    out = 0;
    int digits = 0;
    while (!done() && peek() >= '0' && peek() <= '9' && digits < max_digits) {
      out = out * 10 + (s_[pos_++] - '0');
      ++digits;
    }
    return digits > 0;
  }

  // [+-]hh[:mm[:ss]], hours up to 167; returns signed seconds as written.
  bool Time(int& out) {
    int sign = 1;
    if (Take('-')) {
      sign = -1;
    } else {
      Take('+');
    }
    int h = 0, m = 0, sec = 0;
    if (!Number(3, h) || h > 167) return false;
    if (Take(':')) {
      if (!Number(2, m) || m > 59) return false;
      if (Take(':') && (!Number(2, sec) || sec > 59)) return false;
    }
    out = sign * (h * 3600 + m * 60 + sec);
    return true;
  }

  bool Rule(PosixRule& rule) {
    if (Take('M')) {
      rule.kind = PosixRule::Kind::kMonthWeekDay;
      if (!Number(2, rule.month) || rule.month < 1 || rule.month > 12 || !Take('.') ||
          !Number(1, rule.week) || rule.week < 1 || rule.week > 5 || !Take('.') ||
          !Number(1, rule.day) || rule.day > 6) {
        return false;
      }
    } else if (Take('J')) {
      rule.kind = PosixRule::Kind::kJulianNoLeap;
      if (!Number(3, rule.day) || rule.day < 1 || rule.day > 365) return false;
    } else {
      rule.kind = PosixRule::Kind::kZeroBasedDay;
      if (!Number(3, rule.day) || rule.day > 365) return false;
    }
    rule.time_seconds = 7200;
    return !Take('/') || Time(rule.time_seconds);
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t DaysFromCivil(int y, int m, int d) { return FromCivil({y, m, d, 0, 0, 0}) / 86400; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since the epoch of the day `rule` names in `year`.
int64_t RuleDay(const PosixRule& rule, int year) {
  int64_t jan1 = DaysFromCivil(year, 1, 1);
  switch (rule.kind) {
    case PosixRule::Kind::kJulianNoLeap:
      return jan1 + rule.day - 1 + (IsLeap(year) && rule.day >= 60 ? 1 : 0);
    case PosixRule::Kind::kZeroBasedDay:
      return jan1 + rule.day;
    case PosixRule::Kind::kMonthWeekDay: {
      int64_t first = DaysFromCivil(year, rule.month, 1);
      int weekday = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
      int day_of_month = 1 + (rule.day - weekday + 7) % 7 + 7 * (rule.week - 1);
      while (day_of_month > DaysInMonth(year, rule.month)) day_of_month -= 7;
      return first + day_of_month - 1;
    }
  }
  return jan1;
}

// ---- TZif ----------------------------------------------------------------------------------

class Bytes {
 public:
  explicit Bytes(std::string_view s) : s_(s) {}
  bool Has(size_t n) const { return s_.size() - pos_ >= n; }
  size_t pos() const { return pos_; }
  void Skip(size_t n) { pos_ += n; }
  uint8_t U8() { return static_cast<uint8_t>(s_[pos_++]); }
  int64_t Be(int width) {
    uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = (v << 8) | U8();
    // Sign-extend from `width` bytes.
    if (width < 8 && (v >> (width * 8 - 1)) & 1) v |= ~uint64_t{0} << (width * 8);
    return static_cast<int64_t>(v);
  }
  std::string_view Rest() const { return s_.substr(pos_); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

struct Counts {
  uint32_t isut, isstd, leap, time, type, chars;
};

bool ReadHeader(Bytes& in, char& version, Counts& c) {
  if (!in.Has(44)) return false;
  if (in.U8() != 'T' || in.U8() != 'Z' || in.U8() != 'i' || in.U8() != 'f') return false;
  version = static_cast<char>(in.U8());
  in.Skip(15);
  c.isut = static_cast<uint32_t>(in.Be(4));
  c.isstd = static_cast<uint32_t>(in.Be(4));
  c.leap = static_cast<uint32_t>(in.Be(4));
  c.time = static_cast<uint32_t>(in.Be(4));
  c.type = static_cast<uint32_t>(in.Be(4));
  c.chars = static_cast<uint32_t>(in.Be(4));
  // Counts are bounded by the file, which the caller keeps small; this also rules out overflow.
  return c.type >= 1 && c.type <= 256 && c.time <= 100000 && c.chars <= 100000 &&
         c.leap <= 100000 && c.isut <= 256 && c.isstd <= 256;
}

size_t BlockSize(const Counts& c, int time_width) {
  return size_t{c.time} * (time_width + 1) + size_t{c.type} * 6 + c.chars +
         size_t{c.leap} * (time_width + 4) + c.isstd + c.isut;
}

bool ReadBlock(Bytes& in, const Counts& c, int time_width, ZoneRules& out) {
  if (!in.Has(BlockSize(c, time_width))) return false;
  if (c.leap != 0) return false;
  out.transitions.resize(c.time);
  for (auto& t : out.transitions) t = in.Be(time_width);
  if (!std::is_sorted(out.transitions.begin(), out.transitions.end())) return false;
  out.type_of.resize(c.time);
  for (auto& i : out.type_of) {
    i = in.U8();
    if (i >= c.type) return false;
  }
  out.offsets.resize(c.type);
  for (auto& off : out.offsets) {
    int64_t utoff = in.Be(4);
    if (utoff <= -26 * 3600 || utoff >= 26 * 3600) return false;
    off = static_cast<int32_t>(utoff);
    in.Skip(2);  // isdst, designation index: not needed for offsets
  }
  in.Skip(c.chars + c.isstd + c.isut);
  return true;
}

}  // namespace

std::optional<PosixTz> ParsePosixTz(std::string_view text) {
  Reader in(text);
  PosixTz tz;
  int written = 0;
  if (!in.Name() || !in.Time(written)) return std::nullopt;
  tz.std_offset = -written;
  if (in.done()) return tz;
  if (!in.Name()) return std::nullopt;
  tz.has_dst = true;
  tz.dst_offset = tz.std_offset + 3600;
  if (in.peek() != ',') {
    if (!in.Time(written)) return std::nullopt;
    tz.dst_offset = -written;
  }
  if (!in.Take(',') || !in.Rule(tz.start) || !in.Take(',') || !in.Rule(tz.end) || !in.done()) {
    return std::nullopt;
  }
  return tz;
}

int PosixTzOffset(const PosixTz& tz, UnixSeconds utc) {
  if (!tz.has_dst) return tz.std_offset;
  int year = ToCivil(utc + tz.std_offset).year;
  // The start is written in standard time, the end in daylight time.
  int64_t start = RuleDay(tz.start, year) * 86400 + tz.start.time_seconds - tz.std_offset;
  int64_t end = RuleDay(tz.end, year) * 86400 + tz.end.time_seconds - tz.dst_offset;
  bool dst = start < end ? (utc >= start && utc < end)    // northern hemisphere
                         : !(utc >= end && utc < start);  // southern: DST spans the new year
  return dst ? tz.dst_offset : tz.std_offset;
}

std::optional<ZoneRules> ParseTzif(std::string_view bytes) {
  Bytes in(bytes);
  char version = 0;
  Counts c{};
  if (!ReadHeader(in, version, c)) return std::nullopt;
  ZoneRules rules;
  if (version == '\0') {
    if (!ReadBlock(in, c, 4, rules)) return std::nullopt;
    return rules;
  }
  if (version < '2' || version > '4') return std::nullopt;
  // Version 2+ files repeat the data with 64-bit times after the version 1 block.
  if (!in.Has(BlockSize(c, 4))) return std::nullopt;
  in.Skip(BlockSize(c, 4));
  char version2 = 0;
  if (!ReadHeader(in, version2, c) || !ReadBlock(in, c, 8, rules)) return std::nullopt;
  std::string_view rest = in.Rest();
  if (rest.size() < 2 || rest[0] != '\n') return std::nullopt;
  size_t end = rest.find('\n', 1);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view footer = rest.substr(1, end - 1);
  if (!footer.empty()) {
    rules.footer = ParsePosixTz(footer);
    if (!rules.footer) return std::nullopt;
  }
  return rules;
}

int OffsetAt(const ZoneRules& rules, UnixSeconds utc) {
  if (rules.transitions.empty()) {
    return rules.footer ? PosixTzOffset(*rules.footer, utc) : rules.offsets[0];
  }
  if (utc < rules.transitions.front()) return rules.offsets[0];
  auto after = std::upper_bound(rules.transitions.begin(), rules.transitions.end(), utc);
  size_t i = static_cast<size_t>(after - rules.transitions.begin()) - 1;
  if (after == rules.transitions.end() && rules.footer) return PosixTzOffset(*rules.footer, utc);
  return rules.offsets[rules.type_of[i]];
}

}  // namespace wakala::render::tz
