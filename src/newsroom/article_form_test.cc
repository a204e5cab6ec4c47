#include "newsroom/article_form.h"

#include <gtest/gtest.h>

namespace wakala::newsroom {
namespace {

constexpr UnixSeconds kNow = 1'700'000'000;

struct FormTest : ::testing::Test {
  std::vector<store::Section> sections{{1, "سياسة", "politics", 1}};
  store::User Make(store::Role role) {
    store::User u;
    u.id = 7;
    u.name = "sara";
    u.role = role;
    return u;
  }
  ArticleFields Valid() {
    ArticleFields f;
    f.title = "أهداف اللقاء الثاني";
    f.section = "politics";
    f.tags = "مصر، ليبيا, السيسي";
    f.status = "published";
    f.publish_at = "2023-11-14T22:13";
    return f;
  }
};

TEST_F(FormTest, DerivesSlugTagsAndBylineFromAValidForm) {
  auto checked = CheckArticleFields(Valid(), Make(store::Role::kEditor), nullptr, sections, 0, kNow);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked.input.slug, "أهداف-اللقاء-الثاني");
  EXPECT_EQ(checked.input.tags, (std::vector<std::string>{"مصر", "ليبيا", "السيسي"}));
  EXPECT_EQ(checked.input.byline, "sara");
  EXPECT_EQ(checked.input.status, store::ArticleStatus::kPublished);
  EXPECT_EQ(checked.input.editor_id, 7);
}

TEST_F(FormTest, AFutureTimeSchedulesAndAPastOnePublishes) {
  auto f = Valid();
  f.publish_at = "2030-01-01T00:00";
  EXPECT_EQ(CheckArticleFields(f, Make(store::Role::kAuthor), nullptr, sections, 0, kNow).input.status,
            store::ArticleStatus::kScheduled);
  f.status = "scheduled";
  f.publish_at = "2020-01-01T00:00";
  EXPECT_EQ(CheckArticleFields(f, Make(store::Role::kAuthor), nullptr, sections, 0, kNow).input.status,
            store::ArticleStatus::kPublished);
}

TEST_F(FormTest, NamesEachBadField) {
  ArticleFields f;
  f.body = std::string(600 * 1024, 'x');
  f.section = "sport";
  f.publish_at = "2019-13-45";
  f.status = "live";
  auto checked = CheckArticleFields(f, Make(store::Role::kEditor), nullptr, sections, 0, kNow);
  for (const char* field : {"title", "body", "section", "publish_at", "status"})
    EXPECT_TRUE(checked.errors.count(field)) << field;
}

TEST_F(FormTest, AContributorCannotPublishOrSchedule) {
  auto f = Valid();
  auto checked = CheckArticleFields(f, Make(store::Role::kContributor), nullptr, sections, 0, kNow);
  EXPECT_TRUE(checked.errors.count("status"));
  f.status = "pending";
  EXPECT_TRUE(CheckArticleFields(f, Make(store::Role::kContributor), nullptr, sections, 0, kNow).ok());
}

}  // namespace
}  // namespace wakala::newsroom
