// Data-driven: every feed in tests/fixtures/feeds/ is parsed as if fetched from
// https://partner.example/feeds/NAME; FILE.expected.json is the JSON `wakala feed parse`
// prints, FILE.expected-error.txt a phrase the refusal must contain. Adding a case is adding
// files. WAKALA_UPDATE_FIXTURES=1 rewrites the .expected.json files (review the diff).
#include "feeds/parser.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace wakala::feeds {
namespace {

namespace fs = std::filesystem;

fs::path FixtureDir() {
  return fs::path(__FILE__).parent_path().parent_path().parent_path() / "tests" / "fixtures" / "feeds";
}

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool IsInput(const fs::path& p) {
  std::string name = p.filename().string();
  return name.find(".expected") == std::string::npos && name != "README.md";
}

TEST(FeedParserFixtures, EachFixtureParsesAsExpected) {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(FixtureDir())) {
    if (!entry.is_regular_file() || !IsInput(entry.path())) continue;
    std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    auto parsed = ParseFeed(Read(entry.path()), "https://partner.example/feeds/" + name, "");
    fs::path expected_json = entry.path().string() + ".expected.json";
    fs::path expected_error = entry.path().string() + ".expected-error.txt";
    if (fs::exists(expected_error)) {
      ++cases;
      ASSERT_FALSE(parsed.ok()) << "expected a refusal";
      std::string phrase = Read(expected_error);
      while (!phrase.empty() && phrase.back() == '\n') phrase.pop_back();
      EXPECT_NE(parsed.status().message().find(phrase), std::string::npos)
          << parsed.status().message();
      continue;
    }
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    std::string json = FeedToJson(*parsed);
    if (std::getenv("WAKALA_UPDATE_FIXTURES")) {
      std::ofstream(expected_json, std::ios::binary) << json;
    }
    ASSERT_TRUE(fs::exists(expected_json)) << "no " << expected_json.filename() << " (nor .expected-error.txt)";
    ++cases;
    EXPECT_EQ(json, Read(expected_json));
  }
  EXPECT_GE(cases, 10);
}

TEST(FeedParser, HttpCharsetWinsWhenTheBytesAgree) {
  std::string doc = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\xC7\xE1\xCE\xC8\xD1</title></channel></rss>";
  auto parsed = ParseFeed(doc, "http://x.example/", "text/xml; charset=windows-1256");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->title, "الخبر");
  EXPECT_EQ(parsed->encoding_source, "http");
}

TEST(FeedParser, UndeclaredLegacyBytesAreSniffedAsWindows1256) {
  std::string doc = "<rss version=\"2.0\"><channel><title>\xC7\xE1\xCE\xC8\xD1</title></channel></rss>";
  auto parsed = ParseFeed(doc, "http://x.example/", "");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->title, "الخبر");
  EXPECT_EQ(parsed->encoding_source, "sniffed");
  EXPECT_FALSE(parsed->warnings.empty());
}

TEST(FeedParser, DeclaredUtf8ThatIsNotIsRefusedWithAHint) {
  std::string doc = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>\xC7\xE1\xCE\xC8\xD1</title></channel></rss>";
  auto parsed = ParseFeed(doc, "http://x.example/", "");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("windows-1256"), std::string::npos) << parsed.status().message();
}

TEST(FeedParser, ItemsWithoutIdAreIdentifiedByLinkThenByContent) {
  std::string doc =
      "<rss version=\"2.0\"><channel><title>t</title>"
      "<item><title>أ</title><link>/a</link></item>"
      "<item><title>ب</title><description>نص</description></item></channel></rss>";
  auto parsed = ParseFeed(doc, "http://x.example/feed", "");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->items.size(), 2u);
  EXPECT_EQ(parsed->items[0].id, "http://x.example/a");
  EXPECT_EQ(parsed->items[0].id_source, "link");
  EXPECT_EQ(parsed->items[1].id_source, "hash");
  auto again = ParseFeed(doc, "http://x.example/feed", "");
  EXPECT_EQ(again->items[1].id, parsed->items[1].id);
}

TEST(FeedParser, ScriptLinksAreDropped) {
  std::string doc =
      "<rss version=\"2.0\"><channel><title>t</title>"
      "<item><title>x</title><link>javascript:alert(1)</link></item></channel></rss>";
  auto parsed = ParseFeed(doc, "http://x.example/feed", "");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->items[0].link, "");
}

}  // namespace
}  // namespace wakala::feeds
