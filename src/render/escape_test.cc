#include "render/escape.h"

#include <gtest/gtest.h>

namespace wakala::render {
namespace {

TEST(EscapeHtmlTest, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(EscapeHtml(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(EscapeHtmlTest, LeavesArabicAndPlainTextAlone) {
  const std::string text = "وكالة الأنباء: خبر عاجل 2019";
  EXPECT_EQ(EscapeHtml(text), text);
  EXPECT_EQ(EscapeHtml(""), "");
}

TEST(SafeHtmlTest, EscapedEscapes) {
  EXPECT_EQ(SafeHtml::Escaped("<script>").html(), "&lt;script&gt;");
}

TEST(SafeHtmlTest, TrustedLiteralIsKeptAsIs) {
  EXPECT_EQ(SafeHtml::TrustedLiteral("<br>").html(), "<br>");
}

TEST(SafeHtmlTest, DefaultIsEmpty) {
  SafeHtml html;
  EXPECT_TRUE(html.empty());
  EXPECT_EQ(html.html(), "");
}

}  // namespace
}  // namespace wakala::render
