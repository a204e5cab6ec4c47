#include "render/arabic_date.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace wakala::render {
namespace {

UnixSeconds Utc(int y, int mo, int d, int h, int mi) { return FromCivil({y, mo, d, h, mi, 0}); }

TimeZone MustLoad(const std::string& name) {
  Result<TimeZone> zone = TimeZone::Load(name);
  EXPECT_TRUE(zone.ok()) << zone.status().ToString();
  return zone.ok() ? *zone : TimeZone::Utc();
}

DateStyle Cairo(DigitStyle digits = DigitStyle::kWestern,
                MonthNames months = MonthNames::kEgyptian) {
  return DateStyle{MustLoad("Africa/Cairo"), digits, months};
}

TEST(ParseTest, DigitStyles) {
  EXPECT_EQ(ParseDigitStyle("western"), DigitStyle::kWestern);
  EXPECT_EQ(ParseDigitStyle("arabic-indic"), DigitStyle::kArabicIndic);
  EXPECT_EQ(ParseDigitStyle("Arabic"), std::nullopt);
  EXPECT_EQ(ParseDigitStyle(""), std::nullopt);
}

TEST(ParseTest, MonthNames) {
  EXPECT_EQ(ParseMonthNames("egyptian"), MonthNames::kEgyptian);
  EXPECT_EQ(ParseMonthNames("levantine"), MonthNames::kLevantine);
  EXPECT_EQ(ParseMonthNames("syrian"), std::nullopt);
}

TEST(LocalizeDigitsTest, BothStyles) {
  EXPECT_EQ(LocalizeDigits("عام 2019، الساعة 12:05", DigitStyle::kArabicIndic),
            "عام ٢٠١٩، الساعة ١٢:٠٥");
  EXPECT_EQ(LocalizeDigits("0123456789", DigitStyle::kArabicIndic), "٠١٢٣٤٥٦٧٨٩");
  EXPECT_EQ(LocalizeDigits("عام 2019", DigitStyle::kWestern), "عام 2019");
}

TEST(ArabicMonthNameTest, BothSets) {
  const char* egyptian[] = {"يناير", "فبراير", "مارس",   "أبريل",  "مايو",   "يونيو",
                            "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"};
  const char* levantine[] = {"كانون الثاني", "شباط", "آذار",  "نيسان",       "أيار",
                             "حزيران",       "تموز", "آب",    "أيلول",       "تشرين الأول",
                             "تشرين الثاني", "كانون الأول"};
  for (int m = 1; m <= 12; ++m) {
    EXPECT_EQ(ArabicMonthName(m, MonthNames::kEgyptian), egyptian[m - 1]);
    EXPECT_EQ(ArabicMonthName(m, MonthNames::kLevantine), levantine[m - 1]);
  }
  EXPECT_EQ(ArabicMonthName(0, MonthNames::kEgyptian), "");
  EXPECT_EQ(ArabicMonthName(13, MonthNames::kLevantine), "");
}

TEST(TimeZoneTest, UnknownZoneIsInvalidInput) {
  for (const char* name : {"Mars/Olympus_Mons", "", "Etc/Unknown", "cairo"}) {
    for (const char* dir : {TimeZone::kSystemZoneinfoDir, ""}) {
      Result<TimeZone> zone = TimeZone::Load(name, dir);
      ASSERT_FALSE(zone.ok()) << name;
      EXPECT_EQ(zone.status().code(), StatusCode::kInvalidInput) << name;
      EXPECT_NE(zone.status().message().find("unknown time zone"), std::string::npos);
    }
  }
}

TEST(TimeZoneTest, CairoOffsets) {
  TimeZone cairo = MustLoad("Africa/Cairo");
  EXPECT_EQ(cairo.name(), "Africa/Cairo");
  EXPECT_EQ(cairo.OffsetSeconds(Utc(2019, 5, 9, 10, 0)), 7200);   // no DST from 2015 to 2022
  EXPECT_EQ(cairo.OffsetSeconds(Utc(2009, 7, 1, 12, 0)), 10800);  // DST in summer 2009
  EXPECT_EQ(cairo.OffsetSeconds(Utc(2009, 12, 1, 12, 0)), 7200);
}

TEST(TimeZoneTest, CairoDstSinceTwentyTwentyThreeFromTheSystemDatabase) {
  // ICU 72's own data (tz 2022e) predates Egypt's 2023 return to DST; the system's does not.
  Result<TimeZone> cairo = TimeZone::Load("Africa/Cairo", TimeZone::kSystemZoneinfoDir);
  Result<TimeZone> icu_only = TimeZone::Load("Africa/Cairo", "");
  ASSERT_TRUE(cairo.ok() && icu_only.ok());
  const UnixSeconds summer = Utc(2024, 7, 1, 12, 0);
  if (cairo->OffsetSeconds(summer) == 7200 && icu_only->OffsetSeconds(summer) == 7200) {
    GTEST_SKIP() << "no current system tz database; ICU's copy is stale";
  }
  EXPECT_EQ(cairo->OffsetSeconds(Utc(2024, 7, 1, 12, 0)), 10800);
  EXPECT_EQ(cairo->OffsetSeconds(Utc(2024, 12, 1, 12, 0)), 7200);
  EXPECT_EQ(FormatArabicDateTime(Utc(2024, 7, 1, 9, 0), DateStyle{*cairo, DigitStyle::kWestern,
                                                                   MonthNames::kEgyptian}),
            "1 يوليو 2024 - 12:00");
}

TEST(TimeZoneTest, IcuFallbackWhenTheSystemDatabaseLacksTheZone) {
  Result<TimeZone> cairo = TimeZone::Load("Africa/Cairo", "/nonexistent-zoneinfo");
  ASSERT_TRUE(cairo.ok()) << cairo.status().ToString();
  EXPECT_EQ(cairo->OffsetSeconds(Utc(2019, 5, 9, 10, 0)), 7200);
  EXPECT_EQ(cairo->OffsetSeconds(Utc(2009, 7, 1, 12, 0)), 10800);
  // ICU's custom ids are not files.
  Result<TimeZone> custom = TimeZone::Load("GMT+03:00");
  ASSERT_TRUE(custom.ok()) << custom.status().ToString();
  EXPECT_EQ(custom->OffsetSeconds(0), 10800);
}

TEST(TimeZoneTest, PathsOutsideTheDatabaseAreNotRead) {
  for (const char* name : {"../../etc/passwd", "/etc/localtime", "Africa/../Africa/Cairo",
                           "zone.tab", "Africa", "Africa/"}) {
    Result<TimeZone> zone = TimeZone::Load(name);
    EXPECT_FALSE(zone.ok()) << name;
  }
}

TEST(TimeZoneTest, DaylightSavingIsIncluded) {
  TimeZone beirut = MustLoad("Asia/Beirut");
  EXPECT_EQ(beirut.OffsetSeconds(Utc(2019, 1, 15, 12, 0)), 7200);
  EXPECT_EQ(beirut.OffsetSeconds(Utc(2019, 7, 15, 12, 0)), 10800);
}

TEST(TimeZoneTest, UtcAndCopies) {
  TimeZone utc = TimeZone::Utc();
  EXPECT_EQ(utc.OffsetSeconds(Utc(2019, 7, 15, 12, 0)), 0);
  TimeZone copy = MustLoad("Asia/Beirut");
  TimeZone other = copy;
  copy = utc;
  EXPECT_EQ(other.OffsetSeconds(Utc(2019, 7, 15, 12, 0)), 10800);
  EXPECT_EQ(copy.OffsetSeconds(Utc(2019, 7, 15, 12, 0)), 0);
}

TEST(FormatArabicDateTest, CairoWesternEgyptian) {
  UnixSeconds t = Utc(2019, 5, 9, 10, 0);  // 12:00 in Cairo
  EXPECT_EQ(FormatArabicDate(t, Cairo()), "9 مايو 2019");
  EXPECT_EQ(FormatArabicDateTime(t, Cairo()), "9 مايو 2019 - 12:00");
}

TEST(FormatArabicDateTest, CrossesMidnightInTheZone) {
  UnixSeconds t = Utc(2019, 5, 9, 22, 30);  // 00:30 on the 10th in Cairo
  EXPECT_EQ(FormatArabicDate(t, Cairo()), "10 مايو 2019");
  EXPECT_EQ(FormatArabicDateTime(t, Cairo()), "10 مايو 2019 - 00:30");
  DateStyle utc{TimeZone::Utc(), DigitStyle::kWestern, MonthNames::kEgyptian};
  EXPECT_EQ(FormatArabicDate(t, utc), "9 مايو 2019");
  // And across a year boundary.
  EXPECT_EQ(FormatArabicDateTime(Utc(2018, 12, 31, 23, 5), Cairo()), "1 يناير 2019 - 01:05");
}

TEST(FormatArabicDateTest, ArabicIndicDigitsAndLevantineMonths) {
  UnixSeconds t = Utc(2019, 5, 9, 10, 7);
  EXPECT_EQ(FormatArabicDateTime(t, Cairo(DigitStyle::kArabicIndic)), "٩ مايو ٢٠١٩ - ١٢:٠٧");
  EXPECT_EQ(FormatArabicDate(t, Cairo(DigitStyle::kWestern, MonthNames::kLevantine)),
            "9 أيار 2019");
  EXPECT_EQ(FormatArabicDateTime(Utc(2019, 11, 20, 6, 0),
                                 Cairo(DigitStyle::kArabicIndic, MonthNames::kLevantine)),
            "٢٠ تشرين الثاني ٢٠١٩ - ٠٨:٠٠");
}

TEST(FormatArabicDateTest, DefaultStyleIsUtcWesternEgyptian) {
  EXPECT_EQ(FormatArabicDateTime(Utc(2019, 5, 9, 10, 0), DateStyle{}), "9 مايو 2019 - 10:00");
}

TEST(FormatArabicDateTest, ConcurrentCallsOnOneStyle) {
  // Once with the system database's zone, once with ICU's (the one behind a mutex).
  for (const char* dir : {TimeZone::kSystemZoneinfoDir, ""}) {
    Result<TimeZone> zone = TimeZone::Load("Africa/Cairo", dir);
    ASSERT_TRUE(zone.ok());
    const DateStyle style{*zone, DigitStyle::kArabicIndic, MonthNames::kEgyptian};
    std::vector<std::thread> threads;
    std::vector<int> failures(4, 0);
    for (size_t i = 0; i < failures.size(); ++i) {
      threads.emplace_back([&style, &failures, i] {
        for (int n = 0; n < 500; ++n) {
          if (FormatArabicDate(Utc(2019, 5, 9, 10, 0) + n, style) != "٩ مايو ٢٠١٩") ++failures[i];
        }
      });
    }
    for (auto& t : threads) t.join();
    for (int f : failures) EXPECT_EQ(f, 0) << dir;
  }
}

}  // namespace
}  // namespace wakala::render
