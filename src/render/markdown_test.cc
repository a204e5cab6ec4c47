#include "render/markdown.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <thread>
#include <vector>

namespace wakala::render {
namespace {

std::string Md(std::string_view markdown) { return MarkdownToHtml(markdown).html(); }

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(MarkdownTest, HeadingsBecomeH2AndH3) {
  std::string html = Md("## الاقتصاد\n\n### أسعار النفط\n");
  EXPECT_EQ(html, "<h2>الاقتصاد</h2>\n<h3>أسعار النفط</h3>\n");
}

TEST(MarkdownTest, ArabicParagraphIsByteIdentical) {
  const std::string text =
      "قال المتحدث باسم الوزارة إن الاجتماع سيُعقد يوم الخميس، وإن النتائج ستُعلن لاحقاً؛ "
      "وأضاف: «لا تعليق» -- حتى الآن...";
  EXPECT_EQ(Md(text), "<p>" + text + "</p>\n");
}

TEST(MarkdownTest, SmartPunctuationIsOff) {
  // With CMARK_OPT_SMART, -- would become an en dash and ... an ellipsis.
  std::string html = Md("a -- b --- c ... 'd'");
  EXPECT_TRUE(Contains(html, "a -- b --- c ... 'd'")) << html;
}

TEST(MarkdownTest, RawHtmlIsOmitted) {
  std::string html = Md("<script>alert(1)</script>\n\nنص <script>alert(2)</script> و"
                        "<img src=x onerror=alert(3)>\n");
  EXPECT_FALSE(Contains(html, "<script")) << html;
  EXPECT_FALSE(Contains(html, "<img")) << html;
  EXPECT_TRUE(Contains(html, "raw HTML omitted")) << html;
}

TEST(MarkdownTest, DangerousLinkSchemesAreRemoved) {
  for (const char* md : {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))",
                         "[x](vbscript:msgbox)", "[x](data:text/html;base64,PHNjcmlwdD4=)",
                         "![x](javascript:alert(1))", "<javascript:alert(1)>"}) {
    std::string html = Md(md);
    std::string lower = html;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // The URL attribute is emptied; the autolink's visible text may still read "javascript:".
    EXPECT_FALSE(Contains(lower, "=\"javascript:")) << md << " -> " << html;
    EXPECT_FALSE(Contains(lower, "=\"vbscript:")) << md << " -> " << html;
    EXPECT_FALSE(Contains(lower, "=\"data:")) << md << " -> " << html;
    EXPECT_TRUE(Contains(html, "href=\"\"") || Contains(html, "src=\"\"")) << md << " -> " << html;
  }
  EXPECT_EQ(Md("[x](javascript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
}

TEST(MarkdownTest, OrdinaryLinksAndAutolinksSurvive) {
  EXPECT_EQ(Md("[الموقع](https://example.com/a?b=1&c=2)"),
            "<p><a href=\"https://example.com/a?b=1&amp;c=2\">الموقع</a></p>\n");
  EXPECT_TRUE(Contains(Md("انظر https://example.com الآن"),
                       "<a href=\"https://example.com\">https://example.com</a>"));
}

TEST(MarkdownTest, TableRenders) {
  std::string html = Md("| المدينة | الحرارة |\n|---|---|\n| القاهرة | 35 |\n");
  EXPECT_TRUE(Contains(html, "<table>")) << html;
  EXPECT_TRUE(Contains(html, "<th>المدينة</th>")) << html;
  EXPECT_TRUE(Contains(html, "<td>القاهرة</td>")) << html;
  EXPECT_TRUE(Contains(html, "<td>35</td>")) << html;
}

TEST(MarkdownTest, StrikethroughRenders) {
  EXPECT_EQ(Md("~~خطأ~~ صواب"), "<p><del>خطأ</del> صواب</p>\n");
}

TEST(MarkdownTest, InvalidUtf8IsReplaced) {
  EXPECT_EQ(Md("a\xff" "b"), "<p>a\xEF\xBF\xBD" "b</p>\n");
}

TEST(MarkdownTest, ConcurrentCallsAgree) {
  // The first calls race to register cmark's extensions; all must still see the table.
  std::vector<std::thread> threads;
  std::vector<std::string> out(8);
  for (size_t i = 0; i < out.size(); ++i) {
    threads.emplace_back([&out, i] { out[i] = Md("|a|b|\n|-|-|\n|1|2|\n"); });
  }
  for (auto& t : threads) t.join();
  for (const std::string& html : out) EXPECT_TRUE(Contains(html, "<table>")) << html;
}

}  // namespace
}  // namespace wakala::render
