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

// An IANA time zone ("Africa/Cairo", "Asia/Beirut") backed by ICU's copy of the tz database.
// Copies share one immutable-by-contract ICU zone. ICU does not promise that concurrent calls
// on one TimeZone object are safe (OlsonTimeZone builds its transition rules lazily, and a
// use-after-free from concurrent use has been reported against it), so OffsetSeconds
// serialises the ICU call with a mutex shared by all copies; the section is a few hundred
// nanoseconds, far below anything a page render notices. Thread-safe.
class TimeZone {
 public:
  // kInvalidInput when ICU does not know `iana_name` (ICU silently maps unknown ids to
  // "Etc/Unknown", which is detected and refused). Custom ids such as "GMT+03:00" are accepted.
  static Result<TimeZone> Load(const std::string& iana_name);
  // UTC; cannot fail. Useful as a default before the configuration is read.
  static TimeZone Utc();

  // The zone's offset from UTC at the instant `utc`, daylight saving included
  // (Africa/Cairo: 7200 in winter, 10800 in summer since 2023).
  int OffsetSeconds(UnixSeconds utc) const;
  // The id the zone was loaded with.
  const std::string& name() const;

 private:
  struct Shared;
  explicit TimeZone(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
  std::shared_ptr<Shared> shared_;
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
