#include "render/theme.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

namespace wakala::render {
namespace {

namespace fs = std::filesystem;

// A theme folder written by the test and removed afterwards.
class ThemeTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::path(testing::TempDir()) / "wakala_theme_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream out(fs::path(dir_) / name, std::ios::binary);
    out << text;
  }
  void WriteAll(const std::map<std::string, std::string>& files) {
    for (const auto& [name, text] : files) Write(name, text);
  }
  Theme MustLoad() {
    Result<Theme> theme = Theme::Load(dir_);
    EXPECT_TRUE(theme.ok()) << theme.status().ToString();
    return theme.ok() ? std::move(theme).value() : Theme();
  }
  std::string MustRender(const Theme& theme, const std::string& name, const View& view) {
    Result<std::string> out = theme.Render(name, view);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? *out : "";
  }
  // The Load error message, or "" when Load succeeded (which the caller then reports).
  std::string LoadError() {
    Result<Theme> theme = Theme::Load(dir_);
    if (theme.ok()) return "";
    EXPECT_EQ(theme.status().code(), StatusCode::kInvalidInput);
    return theme.status().message();
  }

  std::string dir_;
};

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

const char kHostile[] = "<script>alert(\"x\")</script>' onmouseover='";

TEST_F(ThemeTest, HostileValueIsInertInTextAndAttributes) {
  Write("layout.mustache", "<p title=\"{{v}}\" class='{{v}}'>{{v}}</p>");
  Theme theme = MustLoad();
  std::string out = MustRender(theme, "layout", View().Set("v", kHostile));
  // Theme::Load makes mstch escape with EscapeHtml: & < > " '.
  const std::string escaped =
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;";
  EXPECT_EQ(out, "<p title=\"" + escaped + "\" class='" + escaped + "'>" + escaped + "</p>");
  // Nothing of the value can open a tag or close either kind of attribute quote.
  EXPECT_FALSE(Contains(escaped, "<"));
  EXPECT_FALSE(Contains(escaped, "\""));
  EXPECT_FALSE(Contains(escaped, "'"));
}

TEST_F(ThemeTest, ValuesAreNotReinterpretedAsTemplates) {
  Write("layout.mustache", "{{v}}|{{{x_html}}}");
  Theme theme = MustLoad();
  View view;
  view.Set("v", "{{{x_html}}}").SetHtml("x_html", SafeHtml::TrustedLiteral("<b>"));
  EXPECT_EQ(MustRender(theme, "layout", view), "{{{x_html}}}|<b>");
}

TEST_F(ThemeTest, ArabicTextIsNotEscaped) {
  Write("layout.mustache", "<h1>{{title}}</h1>");
  Theme theme = MustLoad();
  EXPECT_EQ(MustRender(theme, "layout", View().Set("title", "خبر عاجل: «اجتماع» اليوم")),
            "<h1>خبر عاجل: «اجتماع» اليوم</h1>");
}

TEST_F(ThemeTest, SafeHtmlUnderHtmlKeyIsRaw) {
  Write("layout.mustache", "{{{body_html}}}|{{{ body_html }}}|{{&body_html}}|{{ & body_html }}");
  Theme theme = MustLoad();
  View view;
  view.SetHtml("body_html", SafeHtml::TrustedLiteral("<p>نص</p>"));
  EXPECT_EQ(MustRender(theme, "layout", view), "<p>نص</p>|<p>نص</p>|<p>نص</p>|<p>نص</p>");
}

TEST_F(ThemeTest, EscapedHtmlKeyIsEscapedTwiceOnlyIfAskedTo) {
  // {{x_html}} is allowed and escapes the SafeHtml again: a template bug that shows markup,
  // never one that runs it.
  Write("layout.mustache", "{{x_html}}");
  Theme theme = MustLoad();
  View view;
  view.SetHtml("x_html", SafeHtml::Escaped("<b>"));
  EXPECT_EQ(MustRender(theme, "layout", view), "&amp;lt;b&amp;gt;");
}

TEST_F(ThemeTest, UnescapedPlainNameIsRefusedNamingTheFile) {
  for (const char* tag : {"{{{title}}}", "{{{ title }}}", "{{&title}}", "{{ & title }}",
                          "{{{body_htm}}}", "{{{.}}}", "{{{body_html.title}}}"}) {
    Write("layout.mustache", "ok\n");
    Write("article.mustache", std::string("<h1>\n") + tag + "</h1>");
    std::string error = LoadError();
    EXPECT_TRUE(Contains(error, "article.mustache")) << tag << ": " << error;
    EXPECT_TRUE(Contains(error, "line 2")) << tag << ": " << error;
    EXPECT_TRUE(Contains(error, "unescaped")) << tag << ": " << error;
  }
}

TEST_F(ThemeTest, NearMissesOfTripleMustacheAreEscapedNotRefused) {
  // mstch reads these as ordinary (escaped) variables with odd names; they render nothing.
  Write("layout.mustache", "[{{ {title} }}][{{{title} }}]");
  Theme theme = MustLoad();
  EXPECT_EQ(MustRender(theme, "layout", View().Set("title", "<b>")), "[][]");
}

TEST_F(ThemeTest, SetDelimiterIsRefused) {
  Write("layout.mustache", "a\n{{=<% %>=}}\n<%{title}%>");
  std::string error = LoadError();
  EXPECT_TRUE(Contains(error, "layout.mustache")) << error;
  EXPECT_TRUE(Contains(error, "line 2")) << error;
  EXPECT_TRUE(Contains(error, "delimiter")) << error;
}

TEST_F(ThemeTest, EmptyTagIsRefused) {
  // mstch throws std::length_error on these.
  for (const char* tag : {"{{ }}", "{{! }}", "{{{ }}}", "{{# }}"}) {
    Write("layout.mustache", tag);
    std::string error = LoadError();
    EXPECT_TRUE(Contains(error, "empty tag")) << tag << ": " << error;
  }
}

TEST_F(ThemeTest, UnbalancedSectionsAreRefused) {
  for (const char* text : {"{{#a}}x", "{{/a}}", "{{#a}}{{^b}}{{/a}}{{/b}}"}) {
    Write("layout.mustache", text);
    std::string error = LoadError();
    EXPECT_TRUE(Contains(error, "layout.mustache")) << text << ": " << error;
  }
}

TEST_F(ThemeTest, PartialsWork) {
  WriteAll({
      {"layout.mustache", "<html>{{> header}}<main>{{{body_html}}}</main></html>"},
      {"header.mustache", "<h1>{{site}}</h1>{{> nav}}"},
      {"nav.mustache", "<ul>{{#sections}}<li>{{name}}</li>{{/sections}}</ul>"},
  });
  Theme theme = MustLoad();
  EXPECT_TRUE(theme.Has("header"));
  View view;
  view.Set("site", "وكالة")
      .SetHtml("body_html", SafeHtml::TrustedLiteral("<p>x</p>"))
      .SetList("sections", {View().Set("name", "سياسة"), View().Set("name", "<اقتصاد>")});
  EXPECT_EQ(MustRender(theme, "layout", view),
            "<html><h1>وكالة</h1><ul><li>سياسة</li><li>&lt;اقتصاد&gt;</li></ul>"
            "<main><p>x</p></main></html>");
  // A partial is also a template of its own.
  EXPECT_EQ(MustRender(theme, "header", View().Set("site", "s")), "<h1>s</h1><ul></ul>");
}

TEST_F(ThemeTest, MissingPartialIsRefused) {
  Write("layout.mustache", "{{> footer}}");
  std::string error = LoadError();
  EXPECT_TRUE(Contains(error, "layout.mustache")) << error;
  EXPECT_TRUE(Contains(error, "footer")) << error;
}

TEST_F(ThemeTest, PartialCycleIsRefused) {
  WriteAll({{"layout.mustache", "{{> a}}"}, {"a.mustache", "{{> b}}"}, {"b.mustache", "{{> a}}"}});
  std::string error = LoadError();
  EXPECT_TRUE(Contains(error, "cycle")) << error;
  EXPECT_TRUE(Contains(error, "a -> b -> a")) << error;
}

TEST_F(ThemeTest, SectionsBoolsNumbersAndObjects) {
  Write("layout.mustache",
        "{{#urgent}}عاجل {{/urgent}}{{^hidden}}ظاهر {{/hidden}}{{count}} {{big}} "
        "{{#zero}}no{{/zero}}{{#author}}{{name}}{{/author}} {{author.name}}");
  Theme theme = MustLoad();
  View view;
  view.SetBool("urgent", true)
      .SetBool("hidden", false)
      .SetNumber("count", 42)
      .SetNumber("big", 5000000000LL)
      .SetNumber("zero", 0)
      .SetObject("author", View().Set("name", "سارة"));
  EXPECT_EQ(MustRender(theme, "layout", view), "عاجل ظاهر 42 5000000000 سارة سارة");
}

TEST_F(ThemeTest, MissingFolderOrLayoutIsRefused) {
  Result<Theme> missing = Theme::Load(dir_ + "/nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidInput);

  Write("article.mustache", "x");
  std::string error = LoadError();
  EXPECT_TRUE(Contains(error, "layout.mustache")) << error;
}

TEST_F(ThemeTest, InvalidUtf8IsRefused) {
  Write("layout.mustache", "ok");
  Write("article.mustache", "سطر\n\xff\xfe");
  std::string error = LoadError();
  EXPECT_TRUE(Contains(error, "article.mustache")) << error;
  EXPECT_TRUE(Contains(error, "UTF-8")) << error;
}

TEST_F(ThemeTest, OnlyTopLevelMustacheFilesAreTemplates) {
  Write("layout.mustache", "ok");
  Write("style.css", "{{{not_a_template}}}");
  fs::create_directory(fs::path(dir_) / "sub");
  Write("sub/evil.mustache", "{{{title}}}");
  Theme theme = MustLoad();
  EXPECT_TRUE(theme.Has("layout"));
  EXPECT_FALSE(theme.Has("style"));
  EXPECT_FALSE(theme.Has("evil"));
}

TEST_F(ThemeTest, UnknownTemplateIsNotFound) {
  Write("layout.mustache", "ok");
  Theme theme = MustLoad();
  Result<std::string> out = theme.Render("nope", View());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kNotFound);
}

TEST(ViewTest, HtmlSuffixIsReservedForSafeHtml) {
  View view;
  EXPECT_THROW(view.Set("body_html", "<b>"), std::logic_error);
  EXPECT_THROW(view.SetHtml("body", SafeHtml::Escaped("x")), std::logic_error);
  EXPECT_THROW(view.SetBool("x_html", true), std::logic_error);
  EXPECT_THROW(view.SetList("x_html", {}), std::logic_error);
  EXPECT_NO_THROW(view.SetHtml("body_html", SafeHtml::Escaped("x")));
  EXPECT_NO_THROW(view.Set("title", "x"));
  EXPECT_EQ(view.context().size(), 2u);
}

}  // namespace
}  // namespace wakala::render
