// Dates as feeds write them.
#pragma once

#include <optional>
#include <string_view>

#include "base/time.h"

namespace wakala::feeds {

// Parses RFC 822/1123 ("Mon, 16 Sep 2019 14:30:00 +0300"), RFC 3339 ("2019-09-16T14:30:00Z",
// with fractions and offsets) and their common broken variants: no weekday or a wrong one,
// full or lower-case month names, two-digit years, no seconds, no time, "+03:00" or "GMT+3"
// offsets, North American zone names, "2019-09-16 14:30:00", Arabic-Indic digits and Arabic
// month names («16 سبتمبر 2019»). Times without a zone are UTC. nullopt when nothing sensible
// can be read, or the day does not exist, or the year is before 1970 or after 2200.
std::optional<UnixSeconds> ParseFeedDate(std::string_view text);

}  // namespace wakala::feeds
