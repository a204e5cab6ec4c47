#include "base/time.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace wakala {
namespace {

TEST(ParseDateTime, AcceptsTheFormsEditorsWrite) {
  EXPECT_EQ(ParseDateTime("2019-05-09"), 1557360000);
  EXPECT_EQ(ParseDateTime("2019-05-09 12:00"), 1557403200);
  EXPECT_EQ(ParseDateTime("2019-05-09T12:00:30Z"), 1557403230);
  EXPECT_EQ(ParseDateTime("2019-05-09T12:00:00+02:00"), 1557396000);
  // Without an offset the site's zone applies: 12:00 in Cairo (UTC+2) is 10:00 UTC.
  EXPECT_EQ(ParseDateTime("2019-05-09 12:00", 7200), 1557396000);
}

TEST(ParseDateTime, RefusesImpossibleDates) {
  for (const char* bad : {"2019-13-01", "2019-02-29", "2019-04-31", "2019-5-9", "09/05/2019",
                          "2019-05-09 25:00", "2019-05-09 12:00 extra", "", "tomorrow"}) {
    EXPECT_FALSE(ParseDateTime(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseDateTime("2020-02-29").has_value());
}

TEST(HttpDate, FormatsRfc9110Dates) {
  EXPECT_EQ(HttpDate(1557403200), "Thu, 09 May 2019 12:00:00 GMT");
  EXPECT_EQ(HttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(ParseHttpDate("Thu, 09 May 2019 12:00:00 GMT"), 1557403200);
  EXPECT_FALSE(ParseHttpDate("Thu, 09 May 2019 12:00:00 UTC").has_value());
  EXPECT_EQ(Iso8601Utc(1557403200), "2019-05-09T12:00:00Z");
}

TEST(Civil, RoundTrips) {
  for (UnixSeconds t : {0LL, 951782400LL, 1557403200LL, 4102444799LL}) {
    EXPECT_EQ(FromCivil(ToCivil(t)), t);
  }
}

TEST(OffsetFileClock, MovesWithTheFileAndIsTheSystemTimeWithoutIt) {
  std::string path = ::testing::TempDir() + "/wakala-clock-offset-" + std::to_string(::getpid());
  std::remove(path.c_str());
  OffsetFileClock clock(path);
  SystemClock system_clock;
  auto near = [&](UnixSeconds expected) {
    UnixSeconds now = clock.Now();
    return now >= expected - 2 && now <= expected + 2;
  };
  EXPECT_TRUE(near(system_clock.Now())) << "no file: the system time";
  std::ofstream(path) << "60\n";
  EXPECT_TRUE(near(system_clock.Now() + 60));
  std::ofstream(path) << "86400\n";
  EXPECT_TRUE(near(system_clock.Now() + 86400)) << "a rewrite is seen at once";
  std::ofstream(path) << "soon\n";
  EXPECT_TRUE(near(system_clock.Now())) << "unreadable content: no offset";
  std::remove(path.c_str());
}

}  // namespace
}  // namespace wakala
