#include "newsroom/wxr_import.h"

#include <gtest/gtest.h>

namespace wakala::newsroom {
namespace {

std::string Wxr(const std::string& items, const std::string& version = "<wp:wxr_version>1.2</wp:wxr_version>") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
         " xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n"
         " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n"
         "<channel>" + version +
         "<wp:author><wp:author_login>a</wp:author_login><wp:author_display_name>أحمد</wp:author_display_name></wp:author>\n" +
         items + "</channel></rss>\n";
}

const char* kPost =
    "<item><title>خبر</title><link>http://old.example/2019/05/khabar/</link>"
    "<dc:creator>a</dc:creator><content:encoded><![CDATA[<p>نص <script>x()</script></p>]]></content:encoded>"
    "<excerpt:encoded><![CDATA[<b>ملخص</b>]]></excerpt:encoded>"
    "<wp:post_id>7</wp:post_id><wp:post_date_gmt>2019-05-09 10:00:00</wp:post_date_gmt>"
    "<wp:post_name>khabar</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
    "<category domain=\"category\" nicename=\"news\"><![CDATA[أخبار]]></category></item>\n";

TEST(WxrImportTest, MapsAPost) {
  WxrImportResult result;
  auto dump = ParseWxr(Wxr(kPost), "t.xml", &result);
  ASSERT_TRUE(dump.ok()) << dump.status().ToString();
  ASSERT_EQ(dump->articles.size(), 1u);
  const auto& a = dump->articles[0];
  EXPECT_EQ(a.slug, "khabar");
  EXPECT_EQ(a.author, "أحمد");
  EXPECT_EQ(a.section_slug, "news");
  EXPECT_EQ(a.body_markdown, "نص");
  EXPECT_EQ(a.summary, "ملخص");
  EXPECT_EQ(a.status, "published");
  EXPECT_EQ(a.published_at, 1557396000);
  ASSERT_EQ(dump->sections.size(), 1u);
  EXPECT_EQ(dump->sections[0].name, "أخبار");
  std::vector<std::string> olds;
  for (const auto& r : dump->redirects) olds.push_back(r.old_path);
  EXPECT_EQ(olds, (std::vector<std::string>{"/category/news/", "/2019/05/khabar/", "/?p=7"}));
  EXPECT_EQ(result.skipped, std::vector<std::string>{"1 <script> elements in bodies: not allowed"});
}

TEST(WxrImportTest, ErrorsNameThePlace) {
  auto broken = ParseWxr(Wxr(std::string(kPost) + "<item><title>x</titel></item>"), "b.xml", nullptr);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(broken.status().message().find("b.xml:7:"), std::string::npos) << broken.status().message();
  auto unversioned = ParseWxr(Wxr(kPost, ""), "v.xml", nullptr);
  ASSERT_FALSE(unversioned.ok());
  EXPECT_NE(unversioned.status().message().find("missing or invalid WXR version"), std::string::npos);
  auto bad_version = ParseWxr(Wxr(kPost, "<wp:wxr_version>abc</wp:wxr_version>"), "v.xml", nullptr);
  EXPECT_FALSE(bad_version.ok());
  auto not_rss = ParseWxr("<?xml version=\"1.0\"?><html/>", "h.xml", nullptr);
  EXPECT_FALSE(not_rss.ok());
}

}  // namespace
}  // namespace wakala::newsroom
