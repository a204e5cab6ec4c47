#include "feeds/schedule.h"

#include <gtest/gtest.h>

namespace wakala::feeds {
namespace {

TEST(NextPoll, SuccessWaitsOneInterval) { EXPECT_EQ(NextPoll(1000, 300, 0), 1300); }

TEST(NextPoll, FailuresBackOffExponentiallyUpToACap) {
  EXPECT_EQ(NextPoll(0, 300, 1), 600);
  EXPECT_EQ(NextPoll(0, 300, 2), 1200);
  EXPECT_EQ(NextPoll(0, 300, 3), 2400);
  EXPECT_EQ(NextPoll(0, 300, 30), 6 * 3600);
  EXPECT_EQ(NextPoll(0, 86400, 3), 86400);  // never more often than the interval
}

TEST(NextPoll, RetryAfterIsHonouredUpToADay) {
  EXPECT_EQ(NextPoll(0, 60, 1, 3600), 3600);
  EXPECT_EQ(NextPoll(0, 60, 1, 10), 120);
  EXPECT_EQ(NextPoll(0, 60, 1, 10 * 86400), 86400);
}

}  // namespace
}  // namespace wakala::feeds
