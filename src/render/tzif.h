// The system time zone database, read directly: TZif files (RFC 8536) under /usr/share/zoneinfo
// and the POSIX TZ rule in their footer. An implementation detail of TimeZone (arabic_date.h),
// which exists because ICU's built-in copy of the database ages with the ICU release (ICU 72
// carries tz 2022e, so it does not know Egypt's 2023 return to daylight saving), while the OS's
// tzdata package is kept current. Everything here is pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace wakala::render::tz {

// One end of a daylight-saving period in a POSIX TZ string.
struct PosixRule {
  enum class Kind {
    kJulianNoLeap,   // "Jn": day 1..365 of the year, February 29 never counted
    kZeroBasedDay,   // "n": day 0..365 of the year, February 29 counted
    kMonthWeekDay,   // "Mm.w.d": day d (0 = Sunday) of week w (1..5, 5 = last) of month m
  };
  Kind kind = Kind::kMonthWeekDay;
  int day = 0, week = 0, month = 0;
  int time_seconds = 7200;  // local time of the change; RFC 8536 allows -167h..167h
};

// "EET-2EEST,M4.5.5/0,M10.5.4/24" (Cairo), "<+0330>-3:30" (Tehran). Offsets are seconds east
// of UTC, i.e. the opposite sign of the POSIX text.
struct PosixTz {
  int std_offset = 0;
  bool has_dst = false;
  int dst_offset = 0;
  PosixRule start, end;
};

// nullopt for a malformed string, and for a DST name without rules (whose meaning POSIX leaves
// to the implementation).
std::optional<PosixTz> ParsePosixTz(std::string_view text);
int PosixTzOffset(const PosixTz& tz, UnixSeconds utc);

// The content of one TZif file.
struct ZoneRules {
  std::vector<int64_t> transitions;  // UTC seconds, ascending
  std::vector<uint8_t> type_of;      // for each transition, an index into `offsets`
  std::vector<int32_t> offsets;      // seconds east of UTC of each local time type; not empty
  std::optional<PosixTz> footer;     // for instants after the last transition
};

// nullopt unless `bytes` is a well-formed TZif file of version 1 to 4 without leap-second
// records (the "right/" zones count leap seconds and are not wanted here).
std::optional<ZoneRules> ParseTzif(std::string_view bytes);
int OffsetAt(const ZoneRules& rules, UnixSeconds utc);

}  // namespace wakala::render::tz
