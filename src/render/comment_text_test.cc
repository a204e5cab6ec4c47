#include "render/comment_text.h"

#include <gtest/gtest.h>

namespace wakala::render {
namespace {

struct Case {
  const char* input;
  const char* html;
};

// Input, then the HTML it must become.
const Case kCases[] = {
    {"رأي بسيط", "رأي بسيط"},
    {"سطر\nسطر ثان", "سطر<br>\nسطر ثان"},
    {"سطر\r\nسطر", "سطر<br>\nسطر"},
    {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
    {"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
    {"\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#39;single&#39;"},
    {"انظر https://example.com/a?b=1&c=2 هنا",
     "انظر <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
     "https://example.com/a?b=1&amp;c=2</a> هنا"},
    {"(http://example.com/x).", "(<a href=\"http://example.com/x\" rel=\"nofollow ugc noopener\">"
                                "http://example.com/x</a>)."},
    {"http://example.com/wiki/Foo_(bar)", "<a href=\"http://example.com/wiki/Foo_(bar)\" "
                                          "rel=\"nofollow ugc noopener\">http://example.com/wiki/Foo_(bar)</a>"},
    {"موقع www.example.org، ثم", "موقع <a href=\"http://www.example.org\" rel=\"nofollow ugc noopener\">"
                                "www.example.org</a>، ثم"},
    {"https://x.test/\"onmouseover=\"alert(1)",
     "<a href=\"https://x.test/\" rel=\"nofollow ugc noopener\">https://x.test/</a>&quot;onmouseover=&quot;alert(1)"},
    {"javascript:alert(1)", "javascript:alert(1)"},
    {"JaVaScRiPt:alert(document.cookie) data:text/html,<b>", "JaVaScRiPt:alert(document.cookie) data:text/html,&lt;b&gt;"},
    {"https:// وحدها", "https:// وحدها"},
    {"xhttp://example.com", "xhttp://example.com"},
    {"HTTPS://EXAMPLE.COM", "<a href=\"HTTPS://EXAMPLE.COM\" rel=\"nofollow ugc noopener\">HTTPS://EXAMPLE.COM</a>"},
};

TEST(CommentTextTest, EscapesLinksAndKeepsLineBreaks) {
  for (const Case& c : kCases) EXPECT_EQ(CommentTextToHtml(c.input).html(), c.html) << c.input;
}

TEST(CommentTextTest, NothingUnescapedSurvives) {
  const char* hostile[] = {"<svg/onload=alert(1)>", "</div><script>x</script>",
                           "https://a.test/<script>", "www.a.test/\"><b>",
                           "<a href=\"javascript:alert(1)\">x</a>"};
  for (const char* h : hostile) {
    std::string html = CommentTextToHtml(h).html();
    // The only tags are the ones we write: <a href=...> and </a>, and <br>.
    for (size_t pos = 0; (pos = html.find('<', pos)) != std::string::npos; ++pos) {
      std::string_view rest(html.c_str() + pos);
      EXPECT_TRUE(rest.starts_with("<a href=\"http") || rest.starts_with("<a href=\"HTTP") ||
                  rest.starts_with("</a>") || rest.starts_with("<br>"))
          << h << " → " << html;
    }
  }
}

TEST(CommentTextTest, CountsLinks) {
  EXPECT_EQ(CountCommentLinks("لا روابط"), 0);
  EXPECT_EQ(CountCommentLinks("http://a.test https://b.test www.c.test"), 3);
  EXPECT_EQ(CountCommentLinks("javascript:x http://"), 0);
}

}  // namespace
}  // namespace wakala::render
