#include "render/arabic_date.h"

#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "render/tzif.h"

namespace wakala::render {

namespace {

constexpr const char* kEgyptianMonths[12] = {
    "يناير", "فبراير", "مارس",   "أبريل",  "مايو",   "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
};
constexpr const char* kLevantineMonths[12] = {
    "كانون الثاني", "شباط", "آذار",  "نيسان",       "أيار",         "حزيران",
    "تموز",         "آب",   "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
};

}  // namespace

std::optional<DigitStyle> ParseDigitStyle(std::string_view text) {
  if (text == "western") return DigitStyle::kWestern;
  if (text == "arabic-indic") return DigitStyle::kArabicIndic;
  return std::nullopt;
}

std::optional<MonthNames> ParseMonthNames(std::string_view text) {
  if (text == "egyptian") return MonthNames::kEgyptian;
  if (text == "levantine") return MonthNames::kLevantine;
  return std::nullopt;
}

std::string LocalizeDigits(std::string_view text, DigitStyle style) {
  if (style == DigitStyle::kWestern) return std::string(text);
  std::string out;
  out.reserve(text.size() * 2);
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      // U+0660 + d is encoded as D9 A0+d.
      out += '\xD9';
      out += static_cast<char>(0xA0 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

std::string ArabicMonthName(int month, MonthNames names) {
  if (month < 1 || month > 12) return {};
  return names == MonthNames::kLevantine ? kLevantineMonths[month - 1]
                                         : kEgyptianMonths[month - 1];
}

struct TimeZone::Shared {
  std::string name;
  std::optional<tz::ZoneRules> rules;  // from the system database, or
  std::unique_ptr<icu::TimeZone> icu_zone;  // from ICU, used under `mu`
  mutable std::mutex mu;
};

namespace {

// An IANA id is a relative path of letters, digits and "._+-"; refusing anything else keeps
// "../../etc/passwd" and absolute paths out of the file system lookup.
bool IsSafeZonePath(const std::string& name) {
  if (name.empty() || name.size() > 255 || name.front() == '/') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+' || c == '.';
    if (!ok) return false;
  }
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = std::min(name.find('/', start), name.size());
    std::string_view part(name.data() + start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = slash + 1;
  }
  return true;
}

std::optional<tz::ZoneRules> ReadSystemZone(const std::string& dir, const std::string& name) {
  if (dir.empty() || !IsSafeZonePath(name)) return std::nullopt;
  std::ifstream in(std::filesystem::path(dir) / name, std::ios::binary);
  if (!in) return std::nullopt;
  // Real TZif files are a few kilobytes; the cap keeps a stray large file out of memory.
  constexpr size_t kMaxBytes = 1 << 20;
  std::string bytes(kMaxBytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  size_t got = static_cast<size_t>(in.gcount());
  if (got > kMaxBytes) return std::nullopt;
  bytes.resize(got);
  return tz::ParseTzif(bytes);
}

}  // namespace

Result<TimeZone> TimeZone::Load(const std::string& iana_name) {
  return Load(iana_name, kSystemZoneinfoDir);
}

Result<TimeZone> TimeZone::Load(const std::string& iana_name, const std::string& zoneinfo_dir) {
  auto shared = std::make_shared<Shared>();
  shared->name = iana_name;
  shared->rules = ReadSystemZone(zoneinfo_dir, iana_name);
  if (shared->rules) return TimeZone(std::move(shared));

  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(iana_name)));
  if (zone == nullptr) return Status::Internal("ICU could not allocate a time zone");
  icu::UnicodeString id;
  zone->getID(id);
  if (iana_name.empty() || id == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID)) {
    return Status::InvalidInput("unknown time zone \"" + iana_name +
                                "\": expected an IANA name such as Africa/Cairo");
  }
  shared->icu_zone = std::move(zone);
  return TimeZone(std::move(shared));
}

TimeZone TimeZone::Utc() {
  auto shared = std::make_shared<Shared>();
  shared->name = "UTC";
  shared->rules = tz::ZoneRules{{}, {}, {0}, std::nullopt};
  return TimeZone(std::move(shared));
}

int TimeZone::OffsetSeconds(UnixSeconds utc) const {
  if (shared_->rules) return tz::OffsetAt(*shared_->rules, utc);
  int32_t raw_ms = 0, dst_ms = 0;
  UErrorCode status = U_ZERO_ERROR;
  {
    std::lock_guard<std::mutex> lock(shared_->mu);
    shared_->icu_zone->getOffset(static_cast<UDate>(utc) * 1000.0, /*local=*/false, raw_ms,
                                 dst_ms, status);
  }
  // getOffset fails only for a date outside ICU's range; UTC is then the least wrong answer.
  if (U_FAILURE(status)) return 0;
  return (raw_ms + dst_ms) / 1000;
}

const std::string& TimeZone::name() const { return shared_->name; }

std::string FormatArabicDate(UnixSeconds t, const DateStyle& style) {
  CivilTime c = ToCivil(t + style.zone.OffsetSeconds(t));
  std::string out = std::to_string(c.day);
  out += ' ';
  out += ArabicMonthName(c.month, style.months);
  out += ' ';
  out += std::to_string(c.year);
  return LocalizeDigits(out, style.digits);
}

std::string FormatArabicDateTime(UnixSeconds t, const DateStyle& style) {
  CivilTime c = ToCivil(t + style.zone.OffsetSeconds(t));
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d", c.hour, c.minute);
  std::string out = std::to_string(c.day) + ' ' + ArabicMonthName(c.month, style.months) + ' ' +
                    std::to_string(c.year) + " - " + time;
  return LocalizeDigits(out, style.digits);
}

}  // namespace wakala::render
