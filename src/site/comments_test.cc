#include "site/comments.h"

#include <gtest/gtest.h>

namespace wakala::site {
namespace {

TEST(CommentFieldTest, CleansAndRefuses) {
  auto ok = CleanCommentField("  سطر أول\r\nسطر ثان\rثالث  \n", 100, true, true);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "سطر أول\nسطر ثان\nثالث");
  EXPECT_FALSE(CleanCommentField("", 100, true, true).ok()) << "empty";
  EXPECT_FALSE(CleanCommentField(" \n\t ", 100, true, true).ok()) << "only white space";
  EXPECT_TRUE(CleanCommentField("", 100, false, false).ok()) << "optional";
  EXPECT_FALSE(CleanCommentField("bad \xc3\x28 utf8", 100, true, true).ok());
  EXPECT_FALSE(CleanCommentField("nul \x01 byte", 100, true, true).ok());
  EXPECT_FALSE(CleanCommentField(std::string("nul \0 byte", 10), 100, true, true).ok());
  EXPECT_FALSE(CleanCommentField("del \x7f", 100, true, true).ok());
  EXPECT_FALSE(CleanCommentField("c1 \xc2\x85", 100, true, true).ok());
  EXPECT_FALSE(CleanCommentField("override \xe2\x80\xae txt", 100, true, true).ok());
  EXPECT_FALSE(CleanCommentField("isolate \xe2\x81\xa6 txt", 100, true, true).ok());
  EXPECT_FALSE(CleanCommentField("اسم\nبسطرين", 100, false, true).ok()) << "one line only";
  EXPECT_TRUE(CleanCommentField("tab\tinside", 100, true, true).ok());
  EXPECT_TRUE(CleanCommentField(std::string(10, 'a'), 10, true, true).ok());
  EXPECT_FALSE(CleanCommentField(std::string(11, 'a'), 10, true, true).ok());
  // Characters, not bytes: ten Arabic letters are twenty bytes.
  std::string ten;
  for (int i = 0; i < 10; ++i) ten += "ب";
  EXPECT_TRUE(CleanCommentField(ten, 10, true, true).ok());
}

TEST(CommentBlocklistTest, MatchesWords) {
  EXPECT_TRUE(MatchesBlocklist("Buy CHEAP pills", "cheap, casino"));
  EXPECT_TRUE(MatchesBlocklist("أفضل كازينو", "قمار\nكازينو"));
  EXPECT_FALSE(MatchesBlocklist("خبر عادي", "قمار\nكازينو"));
  EXPECT_FALSE(MatchesBlocklist("anything", ""));
  EXPECT_FALSE(MatchesBlocklist("anything", " , \n "));
}

TEST(CommentTokenTest, SignsAndVerifies) {
  auto key = KeyFromHex(NewCommentKeyHex());
  ASSERT_TRUE(key);
  auto other = KeyFromHex(NewCommentKeyHex());
  ASSERT_TRUE(other);
  std::string token = SignCommentToken(*key, 12, 1'700'000'000);
  EXPECT_EQ(VerifyCommentToken(*key, 12, token), 1'700'000'000);
  EXPECT_FALSE(VerifyCommentToken(*key, 13, token)) << "another article";
  EXPECT_FALSE(VerifyCommentToken(*other, 12, token)) << "another key";
  std::string forged = "12.1700000999" + token.substr(token.find('.', 3));
  EXPECT_FALSE(VerifyCommentToken(*key, 12, forged)) << "a changed time";
  EXPECT_FALSE(VerifyCommentToken(*key, 12, ""));
  EXPECT_FALSE(VerifyCommentToken(*key, 12, "12.5.zz"));
  EXPECT_FALSE(KeyFromHex("abc"));
}

}  // namespace
}  // namespace wakala::site
