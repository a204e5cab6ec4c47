#include "render/html_to_markdown.h"

#include <gtest/gtest.h>

#include "render/markdown.h"

namespace wakala::render {
namespace {

// Each case: WordPress post HTML, then the Markdown wakala stores.
struct Case {
  const char* html;
  const char* markdown;
};

TEST(HtmlToMarkdownTest, KeepsStructure) {
  const Case cases[] = {
      {"<p>فقرة <strong>مهمة</strong> و<em>مائلة</em></p>", "فقرة **مهمة** و*مائلة*"},
      {"سطر أول\n\nسطر ثان", "سطر أول\n\nسطر ثان"},  // wpautop's blank-line paragraphs
      {"<h2>عنوان</h2><p>نص</p>", "## عنوان\n\nنص"},
      {"<ul><li>أ</li><li>ب</li></ul>", "- أ\n- ب"},
      {"<ol><li>أ</li><li>ب</li></ol>", "1. أ\n2. ب"},
      {"<blockquote><p>قال</p></blockquote>", "> قال"},
      {"<a href=\"https://example.org/x?a=1&amp;b=2\">رابط</a>", "[رابط](https://example.org/x?a=1&b=2)"},
      {"<img src=\"/img/a b.jpg\" alt=\"صورة\">", "![صورة](/img/a%20b.jpg)"},
      {"<pre>code\n  indented</pre>", "```\ncode\n  indented\n```"},
      {"<table><tr><th>أ</th><th>ب</th></tr><tr><td>1</td><td>2</td></tr></table>",
       "| أ | ب |\n| --- | --- |\n| 1 | 2 |"},
      {"<p>a<br>b</p>", "a\\\nb"},
  };
  for (const Case& c : cases) EXPECT_EQ(HtmlToMarkdown(c.html), c.markdown) << c.html;
}

TEST(HtmlToMarkdownTest, RemovesWhatTheAllowlistRefuses) {
  HtmlConversionNotes notes;
  std::string md = HtmlToMarkdown(
      "<p onclick=\"x()\">نص <a href=\"javascript:alert(1)\">خبيث</a></p>"
      "<script>alert(2)</script><iframe src=\"https://e.x\"></iframe>"
      "<img src=\"data:image/png;base64,AAAA\">",
      &notes);
  EXPECT_EQ(md, "نص خبيث");
  EXPECT_EQ(notes.dropped, (std::vector<std::string>{"script", "iframe"}));
  EXPECT_EQ(notes.refused_urls.size(), 2u);
}

TEST(HtmlToMarkdownTest, TextIsEscapedSoNoMarkupSurvives) {
  std::string md = HtmlToMarkdown("<p>1. &lt;script&gt;alert(1)&lt;/script&gt; * _ # [x](y)</p>");
  std::string html = MarkdownToHtml(md).html();
  EXPECT_EQ(html, "<p>1. &lt;script&gt;alert(1)&lt;/script&gt; * _ # [x](y)</p>\n");
  EXPECT_EQ(MarkdownToHtml(HtmlToMarkdown("<p>- not a list</p>")).html(), "<p>- not a list</p>\n");
}

TEST(HtmlToTextTest, StripsTags) {
  EXPECT_EQ(HtmlToText("<p>ملخص <b>قصير</b></p><script>x</script>"), "ملخص قصير");
  EXPECT_EQ(HtmlToText(""), "");
}

}  // namespace
}  // namespace wakala::render
