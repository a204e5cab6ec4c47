#include "render/xml_writer.h"

#include <gtest/gtest.h>

namespace wakala::render {
namespace {

TEST(XmlEscapeTest, EscapesMarkupAndDropsWhatXmlForbids) {
  EXPECT_EQ(XmlEscape("<a> & \"b\" ]]>"), "&lt;a&gt; &amp; \"b\" ]]&gt;");
  EXPECT_EQ(XmlEscape("\"x\"\n", /*attribute=*/true), "&quot;x&quot;&#10;");
  EXPECT_EQ(XmlEscape(std::string("a\x01" "b\x0b" "c\x1f" "d", 7)), "abcd");
  EXPECT_EQ(XmlEscape("\xEF\xBF\xBE"), "") << "U+FFFE is not an XML character";
  EXPECT_EQ(XmlEscape("\xC3\x28 ok"), "( ok") << "an invalid byte is dropped";
  EXPECT_EQ(XmlEscape("عنوان 😀"), "عنوان 😀");
  EXPECT_EQ(XmlEscape("a\rb"), "a&#13;b");
}

TEST(XmlWriterTest, WritesNestedElements) {
  XmlWriter w;
  w.Open("rss", {{"version", "2.0"}}).Element("title", "<x>").Empty("link", {{"href", "a\"b"}});
  std::string doc = w.Finish();
  EXPECT_EQ(doc,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n"
            "  <title>&lt;x&gt;</title>\n  <link href=\"a&quot;b\"/>\n</rss>\n");
}

}  // namespace
}  // namespace wakala::render
