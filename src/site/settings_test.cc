#include "site/settings.h"

#include <gtest/gtest.h>

namespace wakala::site {
namespace {

// The admin's settings form saves a cleared field as "": the site's default, not an error.
TEST(SiteSettingsTest, ABlankCommentPolicyValueIsTheDefault) {
  std::string warnings;
  SiteSettings defaults;
  auto s = SiteSettings::FromMap({{"comments_max_chars", ""}, {"comments_moderation", ""},
                                  {"comments_per_ip", ""}, {"comments_close_after_days", ""}},
                                 &warnings);
  EXPECT_EQ(s.comments_max_chars, defaults.comments_max_chars);
  EXPECT_EQ(s.comments_moderation, defaults.comments_moderation);
  EXPECT_EQ(s.comments_per_ip, defaults.comments_per_ip);
  EXPECT_EQ(s.comments_close_after_days, defaults.comments_close_after_days);
  EXPECT_EQ(warnings, "");
}

TEST(SiteSettingsTest, CommentPolicyNumbersAreTakenOrWarnedAbout) {
  std::string warnings;
  auto s = SiteSettings::FromMap({{"comments_max_chars", "20"}, {"comments_max_links", "0"},
                                  {"comments_per_ip", "0"}, {"comments_moderation", "all"}},
                                 &warnings);
  EXPECT_EQ(s.comments_max_chars, 20);
  EXPECT_EQ(s.comments_max_links, 0);
  EXPECT_EQ(s.comments_per_ip, SiteSettings().comments_per_ip) << "below its least: the default";
  EXPECT_EQ(s.comments_moderation, "all");
  EXPECT_NE(warnings.find("comments_per_ip"), std::string::npos) << warnings;
}

}  // namespace
}  // namespace wakala::site
