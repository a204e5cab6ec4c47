#include "base/utf8.h"

#include <gtest/gtest.h>

namespace wakala {
namespace {

TEST(Utf8, ValidatesArabicAndRejectsBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("وكالة كليوباترا للأنباء"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xD9"));              // truncated Arabic letter
  EXPECT_EQ(FirstInvalidUtf8("abc\xD9"), 3u);
}

TEST(PercentCoding, RoundTripsArabicPaths) {
  std::string path = "/article/أهداف-اللقاء";
  std::string wire = PercentEncodePath(path);
  EXPECT_EQ(wire.find_first_not_of("ABCDEF0123456789%/-abcdefghijklmnopqrstuvwxyz"), std::string::npos);
  EXPECT_EQ(PercentDecode(wire), path);
  EXPECT_EQ(PercentEncodePath("/a b"), "/a%20b");
  EXPECT_FALSE(PercentDecode("%4").has_value());
  EXPECT_FALSE(PercentDecode("%zz").has_value());
  EXPECT_EQ(DecodeQueryComponent("a+b%2B"), "a b+");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
}

}  // namespace
}  // namespace wakala
