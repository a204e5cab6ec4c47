#include "feeds/feed_date.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace wakala::feeds {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Arabic-Indic and Eastern Arabic-Indic digits to ASCII, Arabic month names to English ones.
std::string Normalise(std::string_view in) {
  static const std::array<std::pair<std::string_view, std::string_view>, 17> kMonths = {{
      {"يناير", "jan"}, {"فبراير", "feb"}, {"مارس", "mar"}, {"أبريل", "apr"}, {"ابريل", "apr"},
      {"مايو", "may"}, {"يونيو", "jun"}, {"يونيه", "jun"}, {"يوليو", "jul"}, {"يوليه", "jul"},
      {"أغسطس", "aug"}, {"اغسطس", "aug"}, {"سبتمبر", "sep"}, {"أكتوبر", "oct"}, {"اكتوبر", "oct"},
      {"نوفمبر", "nov"}, {"ديسمبر", "dec"}}};
  std::string out;
  for (size_t i = 0; i < in.size();) {
    auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      out += in[i++];
      continue;
    }
    bool matched = false;
    for (auto [ar, en] : kMonths) {
      if (in.compare(i, ar.size(), ar) == 0) {
        out += ' ';
        out += en;
        out += ' ';
        i += ar.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // U+0660..U+0669 (D9 A0..D9 A9) and U+06F0..U+06F9 (DB B0..DB B9).
    if (i + 1 < in.size() && b == 0xD9 && static_cast<unsigned char>(in[i + 1]) >= 0xA0 &&
        static_cast<unsigned char>(in[i + 1]) <= 0xA9) {
      out += static_cast<char>('0' + static_cast<unsigned char>(in[i + 1]) - 0xA0);
      i += 2;
      continue;
    }
    if (i + 1 < in.size() && b == 0xDB && static_cast<unsigned char>(in[i + 1]) >= 0xB0 &&
        static_cast<unsigned char>(in[i + 1]) <= 0xB9) {
      out += static_cast<char>('0' + static_cast<unsigned char>(in[i + 1]) - 0xB0);
      i += 2;
      continue;
    }
    out += ' ';  // any other non-ASCII character separates tokens
    ++i;
    while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80) ++i;
  }
  return out;
}

bool ValidDay(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::optional<UnixSeconds> Assemble(int y, int mo, int d, int h, int mi, int s, int offset) {
  if (!ValidDay(y, mo, d) || h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 || s > 60) return std::nullopt;
  if (s == 60) s = 59;  // a leap second
  return FromCivil({y, mo, d, 0, 0, 0}) + h * 3600 + mi * 60 + s - offset;
}

int ReadInt(std::string_view s, size_t& i, size_t max_digits, size_t* count = nullptr) {
  int v = 0;
  size_t n = 0;
  while (i < s.size() && IsDigit(s[i]) && n < max_digits) {
    v = v * 10 + (s[i] - '0');
    ++i;
    ++n;
  }
  if (count) *count = n;
  return v;
}

// "+0300", "+03:00", "+3", "-05" at s[i] (s[i] is the sign). nullopt when malformed.
std::optional<int> ReadOffset(std::string_view s, size_t& i) {
  int sign = s[i] == '-' ? -1 : 1;
  ++i;
  size_t n = 0;
  size_t start = i;
  int v = ReadInt(s, i, 4, &n);
  int hours = 0, minutes = 0;
  if (n == 4) {
    hours = v / 100;
    minutes = v % 100;
  } else if (n == 1 || n == 2) {
    hours = v;
    if (i < s.size() && s[i] == ':') {
      ++i;
      size_t m = 0;
      minutes = ReadInt(s, i, 2, &m);
      if (m != 2) return std::nullopt;
    }
  } else {
    i = start;
    return std::nullopt;
  }
  if (hours > 14 || minutes > 59) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60);
}

// RFC 3339 and its relatives: "2019-09-16T14:30:00.123+03:00", "2019-09-16 14:30", "2019-09-16".
std::optional<UnixSeconds> ParseIso(std::string_view s) {
  size_t i = 0, n = 0;
  int y = ReadInt(s, i, 4, &n);
  if (n != 4 || i >= s.size() || (s[i] != '-' && s[i] != '/')) return std::nullopt;
  char sep = s[i++];
  int mo = ReadInt(s, i, 2, &n);
  if (n == 0 || i >= s.size() || s[i] != sep) return std::nullopt;
  ++i;
  int d = ReadInt(s, i, 2, &n);
  if (n == 0) return std::nullopt;
  int h = 0, mi = 0, sec = 0, offset = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    h = ReadInt(s, i, 2, &n);
    if (n == 0 || i >= s.size() || s[i] != ':') return std::nullopt;
    ++i;
    mi = ReadInt(s, i, 2, &n);
    if (n != 2) return std::nullopt;
    if (i < s.size() && s[i] == ':') {
      ++i;
      sec = ReadInt(s, i, 2, &n);
      if (n != 2) return std::nullopt;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        while (i < s.size() && IsDigit(s[i])) ++i;
      }
    }
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size()) {
      if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
      } else if (s[i] == '+' || s[i] == '-') {
        auto off = ReadOffset(s, i);
        if (!off) return std::nullopt;
        offset = *off;
      } else if (s.substr(i, 3) == "UTC" || s.substr(i, 3) == "GMT") {
        i += 3;
      }
    }
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i != s.size()) return std::nullopt;
  return Assemble(y, mo, d, h, mi, sec, offset);
}

int MonthFromName(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  for (size_t m = 0; m < kNames.size(); ++m)
    if (word.substr(0, 3) == kNames[m]) return static_cast<int>(m) + 1;
  return 0;
}

std::optional<int> ZoneFromName(std::string_view w) {
  struct Z { std::string_view name; int hours; };
  static constexpr std::array<Z, 13> kZones = {{{"gmt", 0}, {"utc", 0}, {"ut", 0}, {"z", 0},
      {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6},
      {"pst", -8}, {"pdt", -7}, {"ast", 3}}};  // Arabia Standard Time, as Gulf sites use it
  for (const auto& z : kZones)
    if (w == z.name) return z.hours * 3600;
  return std::nullopt;
}

// RFC 822 and friends: tokens in any reasonable order.
std::optional<UnixSeconds> ParseLoose(std::string_view s) {
  int y = -1, mo = 0, d = -1, h = 0, mi = 0, sec = 0, offset = 0;
  bool have_time = false, have_zone = false;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsAlpha(c)) {
      std::string word;
      while (i < s.size() && IsAlpha(s[i])) word += Lower(s[i++]);
      if (int m = MonthFromName(word); m && !mo) {
        mo = m;
        continue;
      }
      if (auto z = ZoneFromName(word); z && !have_zone) {
        offset = *z;
        have_zone = true;
        // "GMT+3", "UTC+03:00"
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
          if (auto off = ReadOffset(s, i)) offset = *off;
        }
        continue;
      }
      continue;  // weekday names, "at", military zones: ignored
    }
    if (IsDigit(c)) {
      size_t n = 0;
      size_t start = i;
      int v = ReadInt(s, i, 4, &n);
      if (i < s.size() && s[i] == ':' && n <= 2 && !have_time) {
        h = v;
        ++i;
        mi = ReadInt(s, i, 2, &n);
        if (n != 2) return std::nullopt;
        if (i < s.size() && s[i] == ':') {
          ++i;
          sec = ReadInt(s, i, 2, &n);
          if (n != 2) return std::nullopt;
        }
        if (i < s.size() && s[i] == '.') {
          ++i;
          while (i < s.size() && IsDigit(s[i])) ++i;
        }
        have_time = true;
        // "pm"/"am"
        size_t j = i;
        while (j < s.size() && s[j] == ' ') ++j;
        if (j + 1 < s.size() && (Lower(s[j]) == 'p' || Lower(s[j]) == 'a') && Lower(s[j + 1]) == 'm' &&
            (j + 2 == s.size() || !IsAlpha(s[j + 2]))) {
          if (Lower(s[j]) == 'p' && h < 12) h += 12;
          if (Lower(s[j]) == 'a' && h == 12) h = 0;
          i = j + 2;
        }
        continue;
      }
      if (i < s.size() && IsDigit(s[i])) return std::nullopt;  // more than 4 digits
      if (n == 4 && y < 0) {
        y = v;
      } else if (n <= 2 && d < 0) {
        d = v;
      } else if (n <= 2 && y < 0) {
        y = v < 70 ? 2000 + v : 1900 + v;
      } else {
        (void)start;
        return std::nullopt;
      }
      continue;
    }
    if ((c == '+' || c == '-') && have_time && !have_zone && i + 1 < s.size() && IsDigit(s[i + 1])) {
      auto off = ReadOffset(s, i);
      if (!off) return std::nullopt;
      offset = *off;
      have_zone = true;
      continue;
    }
    ++i;  // separators: spaces, commas, dots, slashes
  }
  if (y < 0 || mo == 0 || d < 0) return std::nullopt;
  return Assemble(y, mo, d, h, mi, sec, offset);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<UnixSeconds> ParseFeedDate(std::string_view text) {
  if (text.size() > 200) return std::nullopt;
  std::string normalised = Normalise(Trim(text));
  std::string_view s = Trim(normalised);
  if (s.empty()) return std::nullopt;
  if (s.size() >= 10 && IsDigit(s[0]) && IsDigit(s[3]) && (s[4] == '-' || s[4] == '/'))
    return ParseIso(s);
  return ParseLoose(s);
}

}  // namespace wakala::feeds
