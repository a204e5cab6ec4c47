#include "render/tzif.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "render/arabic_date.h"

namespace wakala::render::tz {
namespace {

UnixSeconds Utc(int y, int mo, int d, int h, int mi) { return FromCivil({y, mo, d, h, mi, 0}); }

TEST(PosixTzTest, FixedOffsets) {
  auto tehran = ParsePosixTz("<+0330>-3:30");
  ASSERT_TRUE(tehran);
  EXPECT_FALSE(tehran->has_dst);
  EXPECT_EQ(PosixTzOffset(*tehran, Utc(2024, 7, 1, 0, 0)), 12600);
  auto riyadh = ParsePosixTz("<+03>-3");
  ASSERT_TRUE(riyadh);
  EXPECT_EQ(PosixTzOffset(*riyadh, 0), 10800);
  auto utc = ParsePosixTz("UTC0");
  ASSERT_TRUE(utc);
  EXPECT_EQ(PosixTzOffset(*utc, 0), 0);
}

TEST(PosixTzTest, CairoSinceTwentyTwentyThree) {
  // DST from the last Friday of April at 00:00 to the last Thursday of October at 24:00.
  auto cairo = ParsePosixTz("EET-2EEST,M4.5.5/0,M10.5.4/24");
  ASSERT_TRUE(cairo);
  // 2024: Friday 26 April 00:00 EET = 25 April 22:00 UTC.
  EXPECT_EQ(PosixTzOffset(*cairo, Utc(2024, 4, 25, 21, 59)), 7200);
  EXPECT_EQ(PosixTzOffset(*cairo, Utc(2024, 4, 25, 22, 0)), 10800);
  // Thursday 31 October 24:00 EEST = 31 October 21:00 UTC.
  EXPECT_EQ(PosixTzOffset(*cairo, Utc(2024, 10, 31, 20, 59)), 10800);
  EXPECT_EQ(PosixTzOffset(*cairo, Utc(2024, 10, 31, 21, 0)), 7200);
  EXPECT_EQ(PosixTzOffset(*cairo, Utc(2030, 1, 1, 0, 0)), 7200);
}

TEST(PosixTzTest, SouthernHemisphereAndDefaults) {
  // Sydney: DST from the first Sunday of October 02:00 to the first Sunday of April 03:00.
  auto sydney = ParsePosixTz("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(sydney);
  EXPECT_EQ(sydney->dst_offset, 39600);
  EXPECT_EQ(PosixTzOffset(*sydney, Utc(2024, 1, 15, 0, 0)), 39600);
  EXPECT_EQ(PosixTzOffset(*sydney, Utc(2024, 6, 15, 0, 0)), 36000);
  EXPECT_EQ(PosixTzOffset(*sydney, Utc(2024, 12, 15, 0, 0)), 39600);
  // 7 April 2024 03:00 AEDT = 6 April 16:00 UTC.
  EXPECT_EQ(PosixTzOffset(*sydney, Utc(2024, 4, 6, 15, 59)), 39600);
  EXPECT_EQ(PosixTzOffset(*sydney, Utc(2024, 4, 6, 16, 0)), 36000);
}

TEST(PosixTzTest, JulianDaysAndPermanentDst) {
  auto all_year = ParsePosixTz("EST5EDT,0/0,J365/25");
  ASSERT_TRUE(all_year);
  EXPECT_EQ(PosixTzOffset(*all_year, Utc(2024, 1, 1, 12, 0)), -4 * 3600);
  EXPECT_EQ(PosixTzOffset(*all_year, Utc(2024, 12, 31, 12, 0)), -4 * 3600);
  // J60 is 1 March even in a leap year; day 59 (zero-based) is 29 February in one.
  auto j = ParsePosixTz("AAA0BBB,J60/0,300/0");
  ASSERT_TRUE(j);
  EXPECT_EQ(PosixTzOffset(*j, Utc(2024, 2, 29, 12, 0)), 0);
  EXPECT_EQ(PosixTzOffset(*j, Utc(2024, 3, 1, 12, 0)), 3600);
}

TEST(PosixTzTest, Malformed) {
  for (const char* bad : {"", "E-2", "EET", "EET-2EEST", "EET-2EEST,M4.5.5",
                          "EET-2EEST,M13.1.0,M1.1.0", "EET-2EEST,M4.6.5,M10.5.4", "<>-3",
                          "EET-2EEST,M4.5.5/0,M10.5.4/24x", "EET-200"}) {
    EXPECT_FALSE(ParsePosixTz(bad)) << bad;
  }
}

TEST(TzifTest, RejectsGarbage) {
  EXPECT_FALSE(ParseTzif(""));
  EXPECT_FALSE(ParseTzif("TZif2 not really a tzif file at all, but long enough to read a header"));
  EXPECT_FALSE(ParseTzif(std::string(100, '\0')));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST(TzifTest, TruncatedSystemFileIsRejected) {
  std::string cairo = ReadFile(std::string(TimeZone::kSystemZoneinfoDir) + "/Africa/Cairo");
  if (cairo.empty()) GTEST_SKIP() << "no system tz database";
  ASSERT_TRUE(ParseTzif(cairo));
  for (size_t len : {size_t{10}, size_t{44}, cairo.size() / 2, cairo.size() - 2}) {
    EXPECT_FALSE(ParseTzif(std::string_view(cairo).substr(0, len))) << len;
  }
}

// The system database and ICU's copy must agree wherever neither has changed since ICU's
// release: this checks the TZif and POSIX readers against an independent implementation.
TEST(TzifTest, AgreesWithIcuBeforeTwentyTwentyTwo) {
  const std::string dir = TimeZone::kSystemZoneinfoDir;
  if (ReadFile(dir + "/Africa/Cairo").empty()) GTEST_SKIP() << "no system tz database";
  struct Case {
    const char* zone;
    int step_hours;
  };
  for (const Case& c : {Case{"Africa/Cairo", 1}, Case{"Asia/Beirut", 1}, Case{"Asia/Riyadh", 24},
                        Case{"Asia/Dubai", 24}, Case{"Asia/Amman", 6}, Case{"Asia/Damascus", 6},
                        Case{"Asia/Baghdad", 6}, Case{"Africa/Casablanca", 6},
                        Case{"Africa/Tunis", 6}, Case{"Africa/Algiers", 6},
                        Case{"Africa/Khartoum", 6}, Case{"Europe/London", 6},
                        Case{"America/New_York", 6}, Case{"Australia/Sydney", 6}}) {
    Result<TimeZone> system = TimeZone::Load(c.zone, dir);
    Result<TimeZone> icu = TimeZone::Load(c.zone, "");
    ASSERT_TRUE(system.ok() && icu.ok()) << c.zone;
    int mismatches = 0;
    for (UnixSeconds t = Utc(1990, 1, 1, 0, 30); t < Utc(2022, 1, 1, 0, 0);
         t += c.step_hours * 3600) {
      if (system->OffsetSeconds(t) != icu->OffsetSeconds(t) && ++mismatches <= 3) {
        ADD_FAILURE() << c.zone << " at " << Iso8601Utc(t) << ": system "
                      << system->OffsetSeconds(t) << ", ICU " << icu->OffsetSeconds(t);
      }
    }
    EXPECT_EQ(mismatches, 0) << c.zone;
  }
}

}  // namespace
}  // namespace wakala::render::tz
