// The clustering cases are data: tests/fixtures/clustering/same-story.txt.
#include "feeds/cluster.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace wakala::feeds {
namespace {

std::filesystem::path CasesFile() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "tests" /
         "fixtures" / "clustering" / "same-story.txt";
}

std::string Trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

TEST(Clustering, CasesFromTheDataFile) {
  std::ifstream in(CasesFile());
  ASSERT_TRUE(in) << CasesFile();
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t p1 = line.find('|');
    size_t p2 = line.find('|', p1 + 1);
    ASSERT_NE(p2, std::string::npos) << line;
    std::string verdict = Trim(line.substr(0, p1));
    std::string a = Trim(line.substr(p1 + 1, p2 - p1 - 1));
    std::string b = Trim(line.substr(p2 + 1));
    ASSERT_TRUE(verdict == "same" || verdict == "different") << line;
    size_t shared = 0;
    double overlap = Overlap(HeadlineTerms(a), HeadlineTerms(b), &shared);
    EXPECT_EQ(SameStory(a, b), verdict == "same")
        << verdict << ": «" << a << "» / «" << b << "» (shared " << shared << ", overlap " << overlap << ")";
    ++cases;
  }
  EXPECT_GE(cases, 3);
}

TEST(Clustering, OneStoryListsEachSourceOnce) {
  std::vector<Headline> in = {
      {1, "تنصل جديد من النووي.. إيران تلوح بخطوة رابعة", "الشرق", "https://a.example/1", 1000},
      {2, "إيران تنفي مجدداً.. \"لا علاقة لنا بهجمات أرامكو\"", "الشرق", "https://a.example/2", 990},
      {3, "إيران: الخطوة الرابعة من خفض التزاماتنا بالاتفاق النووي قيد الإعداد", "النهار", "https://b.example/3", 1010},
      {4, "تنصل جديد من النووي.. إيران تلوح بخطوة رابعة", "الشرق", "https://a.example/1b", 900},
  };
  auto stories = ClusterHeadlines(in);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].headlines.size(), 3u);
  EXPECT_EQ(stories[0].headlines[0].id, 3);  // the newest leads
  EXPECT_EQ(stories[0].sources, (std::vector<std::string>{"النهار", "الشرق"}));
  EXPECT_EQ(stories[1].headlines[0].id, 2);
}

TEST(Clustering, TheSameWordsFarApartInTimeAreTwoStories) {
  std::vector<Headline> in = {
      {1, "تنصل جديد من النووي.. إيران تلوح بخطوة رابعة", "الشرق", "", 10 * 86400},
      {2, "إيران: الخطوة الرابعة من خفض التزاماتنا بالاتفاق النووي قيد الإعداد", "النهار", "", 0},
  };
  EXPECT_EQ(ClusterHeadlines(in).size(), 2u);
}

TEST(Clustering, AFrameWithAnotherFillerIsAnotherStoryInTheTicker) {
  std::vector<Headline> in = {
      {1, "انطلاق فعاليات الدورة الـ13 لمهرجان القراءة للجميع", "الشرق", "", 1000},
      {2, "انطلاق فعاليات الدورة الـ13 لمهرجان الهجن", "النهار", "", 1010},
      {3, "انطلاق فعاليات الدورة 13 لمهرجان القراءة للجميع بالقاهرة", "الأفق", "", 1020},
  };
  auto stories = ClusterHeadlines(in);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].headlines.size(), 2u);  // 3 and 1: the same festival
  EXPECT_EQ(stories[0].headlines[0].id, 3);
  EXPECT_EQ(stories[1].headlines[0].id, 2);
}

TEST(Clustering, TheTemplateRule) {
  auto differs = [](std::string_view a, std::string_view b) {
    return DiffersInASlot(HeadlineSequence(a), HeadlineSequence(b), ClusterOptions().min_frame);
  };
  EXPECT_TRUE(differs("وزير الخارجية الأمريكي يزور الرياض", "وزير الخارجية الروسي يزور الرياض"));
  EXPECT_FALSE(differs("مقتل 5 أشخاص في انفجار ببغداد", "مقتل 7 أشخاص في انفجار ببغداد")) << "a new count";
  EXPECT_FALSE(differs("رئيس الوزراء يزور مصر", "رئيس الوزراء يصل القاهرة في زيارة لمصر")) << "one root";
  EXPECT_FALSE(differs("", "وزير الخارجية يزور الرياض"));
  EXPECT_FALSE(differs("إيران تلوح بخطوة رابعة", "الخطوة الرابعة لإيران قيد الإعداد")) << "little in order";
}

}  // namespace
}  // namespace wakala::feeds
