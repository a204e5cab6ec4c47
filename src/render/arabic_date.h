// Dates and numerals the way an Arabic reader in the site's region expects them:
// «9 مايو 2019» in Cairo, «9 أيار 2019» in Beirut, with Western (0-9) or Arabic-Indic (٠-٩)
// digits. Instants are stored in UTC (base/time.h); the conversion to the site's zone, with its
// daylight-saving rules, happens here and only here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

namespace wakala::render {

enum class DigitStyle { kWestern, kArabicIndic };
// "western" or "arabic-indic"; nullopt otherwise.
std::optional<DigitStyle> ParseDigitStyle(std::string_view text);

enum class MonthNames {
  kEgyptian,  // يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
  kLevantine,  // كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول ...
};
// "egyptian" or "levantine"; nullopt otherwise.
std::optional<MonthNames> ParseMonthNames(std::string_view text);

// Replaces every ASCII digit by its Arabic-Indic counterpart (U+0660..U+0669) when `style` is
// kArabicIndic; returns `text` unchanged for kWestern. Meant for display strings only: applied
// to a URL or an attribute holding a number it would change their meaning.
std::string LocalizeDigits(std::string_view text, DigitStyle style);

// The name of month 1..12 ("مايو" / "أيار"); empty for a month outside 1..12.
std::string ArabicMonthName(int month, MonthNames names);

// An IANA time zone ("Africa/Cairo", "Asia/Beirut").
//
// Where the rules come from: the operating system's tz database (TZif files under
// /usr/share/zoneinfo, kept current by the tzdata package) when it has the zone, else ICU's
// built-in copy. The system copy comes first because ICU's ages with the ICU release: ICU 72
// carries tz 2022e, which does not know that Egypt returned to daylight saving in 2023, so it
// would show every Cairo time from late April to late October an hour early.
//
// Copies share one immutable zone; thread-safe. A zone from the system database is pure data.
// A zone from ICU is an icu::TimeZone, and ICU does not promise that concurrent calls on one
// such object are safe (OlsonTimeZone builds its transition rules lazily, and a use-after-free
// from concurrent use has been reported against it), so those calls are serialised by a mutex
// shared by the copies; the section lasts well under a microsecond.
class TimeZone {
 public:
  static constexpr const char* kSystemZoneinfoDir = "/usr/share/zoneinfo";

  // kInvalidInput when neither the system database nor ICU knows `iana_name` (ICU silently
  // maps unknown ids to "Etc/Unknown", which is detected and refused). ICU's custom ids such
  // as "GMT+03:00" are accepted.
  static Result<TimeZone> Load(const std::string& iana_name);
  // As above with another TZif folder; "" means ICU only. For tests.
  static Result<TimeZone> Load(const std::string& iana_name, const std::string& zoneinfo_dir);
  // UTC; cannot fail. The default before the configuration is read.
  static TimeZone Utc();

  // The zone's offset from UTC at the instant `utc`, daylight saving included
  // (Africa/Cairo: 7200 in winter, 10800 in summer from 2023 on).
  int OffsetSeconds(UnixSeconds utc) const;
  // The id the zone was loaded with.
  const std::string& name() const;

 private:
  struct Shared;
  explicit TimeZone(std::shared_ptr<const Shared> shared) : shared_(std::move(shared)) {}
  std::shared_ptr<const Shared> shared_;
};

struct DateStyle {
  TimeZone zone = TimeZone::Utc();
  DigitStyle digits = DigitStyle::kWestern;
  MonthNames months = MonthNames::kEgyptian;
};

// «9 مايو 2019»: day without a leading zero, month name, year, in `style.zone`, digits
// localized.
std::string FormatArabicDate(UnixSeconds t, const DateStyle& style);
// «9 مايو 2019 - 12:00»: as FormatArabicDate, then 24-hour HH:MM.
std::string FormatArabicDateTime(UnixSeconds t, const DateStyle& style);

}  // namespace wakala::render
