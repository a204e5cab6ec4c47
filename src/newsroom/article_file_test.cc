#include "newsroom/article_file.h"

#include <gtest/gtest.h>

namespace wakala::newsroom {
namespace {

const char kGood[] =
    "---\n"
    "title: أهداف اللقاء الثاني بين السيسي و حفتر\n"
    "section: سياسة\n"
    "byline: وكالة كليوباترا للأنباء\n"
    "agency: رويترز\n"
    "source_credit: \"المصدر: وكالة الأنباء الألمانية (د ب أ)\"\n"
    "tags: [مصر, ليبيا، السيسي]\n"
    "date: 2019-05-09 12:00\n"
    "status: published\n"
    "summary: لم تمر سوى بضع أيام\n"
    "---\n"
    "## اللقاء الأول وأهدافه\n\nفقرة.\n";

TEST(ParseArticleFile, ReadsEveryField) {
  auto f = ParseArticleFile(kGood, 0, 7200);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->input.title, "أهداف اللقاء الثاني بين السيسي و حفتر");
  EXPECT_EQ(f->input.slug, "أهداف-اللقاء-الثاني-بين-السيسي-و-حفتر");
  EXPECT_EQ(f->input.section, "سياسة");
  EXPECT_EQ(f->input.byline, "وكالة كليوباترا للأنباء");
  EXPECT_EQ(f->input.agency, "رويترز");
  EXPECT_EQ(f->input.source_credit, "المصدر: وكالة الأنباء الألمانية (د ب أ)");
  EXPECT_EQ(f->input.tags, (std::vector<std::string>{"مصر", "ليبيا", "السيسي"}));
  EXPECT_EQ(f->input.published_at, 1557396000);  // 12:00 Cairo = 10:00 UTC
  EXPECT_EQ(f->input.status, store::ArticleStatus::kPublished);
  EXPECT_EQ(f->input.body_markdown, "## اللقاء الأول وأهدافه\n\nفقرة.");
  EXPECT_EQ(f->section_line, 3);
}

struct BadCase {
  std::string text;
  std::string expected;  // a piece of the message: the field and the line
};

TEST(ParseArticleFile, NamesTheFieldAndLineOfEachError) {
  const BadCase cases[] = {
      {"---\nsection: a\nbyline: b\n---\nbody", "title is missing"},
      {"---\ntitle: t\nsection: a\nbyline: b\ndate: 2019-13-45\n---\n", "line 5: date «2019-13-45»"},
      {"---\ntitle: t\nsection: a\nbyline: b\nstatus: live\n---\n", "line 5: status «live»"},
      {"---\ntitle: t\nsection: a\nbyline: b\ncolour: red\n---\n", "line 5: unknown field «colour»"},
      {"---\ntitle: t\nsection: a\nbyline: b\n", "not closed"},
      // A forgotten closing line before the body: the body's first line is not a field.
      {"---\ntitle: t\nsection: a\nbyline: b\n\nقال المتحدث: إن الوفد وصل\n", "line 1: the front-matter block is not closed"},
      {"title: t\n", "line 1: the file must start with a front-matter block"},
      {"---\ntitle: t\nsection: a\nbyline: b\n---\n\xD8\xA3\xFF\n", "line 6: invalid UTF-8"},
      {"---\ntitle: t\nsection: a\nbyline: b\ntags: مصر\n---\n", "line 5: tags must be a list"},
      {"---\ntitle: ؟؟\nsection: a\nbyline: b\n---\n", "line 2: title has no letters"},
      // The agency and the credit line get the editor's own check (article_form.h).
      {"---\ntitle: t\nsection: a\nbyline: b\nagency: " + std::string(121, 'x') + "\n---\n",
       "line 5: agency: اسم الوكالة أطول من المسموح"},
      {"---\ntitle: t\nsection: a\nbyline: b\nsource_credit: المصدر:\tرويترز\n---\n",
       "line 5: source_credit: سطر المصدر فيه محارف تحكّم"},
  };
  for (const auto& c : cases) {
    auto f = ParseArticleFile(c.text, 0, 0);
    ASSERT_FALSE(f.ok()) << c.text;
    EXPECT_EQ(f.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(f.status().message().find(c.expected), std::string::npos)
        << "got: " << f.status().message() << "\nwanted: " << c.expected;
  }
}

TEST(ParseArticleFile, RefusesABodyOverTheLimit) {
  ArticleFileLimits limits;
  limits.max_body_bytes = 100;
  std::string text = "---\ntitle: t\nsection: a\nbyline: b\n---\n" + std::string(101, 'x');
  auto f = ParseArticleFile(text, 0, 0, limits);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("over the limit of 100"), std::string::npos);
}

}  // namespace
}  // namespace wakala::newsroom
