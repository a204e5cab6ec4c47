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

TEST_F(FormTest, AgencyAndSourceCreditAreOptionalTrimmedSingleLines) {
  auto f = Valid();
  auto none = CheckArticleFields(f, Make(store::Role::kEditor), nullptr, sections, 0, kNow);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.input.agency, "");
  EXPECT_EQ(none.input.source_credit, "");

  f.agency = "  رويترز ";
  f.source_credit = " المصدر: وكالة الأنباء الألمانية (د ب أ)  ";
  auto given = CheckArticleFields(f, Make(store::Role::kEditor), nullptr, sections, 0, kNow);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given.input.agency, "رويترز");
  EXPECT_EQ(given.input.source_credit, "المصدر: وكالة الأنباء الألمانية (د ب أ)");
}

struct CreditCase {
  CreditField field;
  std::string text;
  std::string error;  // a piece of the message; empty: accepted
};

TEST(CheckCreditLine, RefusesLongMultiLineAndControlText) {
  // Limits count characters: 120 Arabic letters are 240 bytes and still fit.
  std::string arabic_120;
  for (int i = 0; i < 120; ++i) arabic_120 += "ع";
  const CreditCase cases[] = {
      {CreditField::kAgency, arabic_120, ""},
      {CreditField::kAgency, arabic_120 + "ع", "120 حرفاً"},
      {CreditField::kSourceCredit, std::string(300, 'x'), ""},
      {CreditField::kSourceCredit, std::string(301, 'x'), "300 حرف"},
      {CreditField::kAgency, "رويترز\nأ ف ب", "سطراً واحداً"},
      {CreditField::kSourceCredit, "المصدر:\r\nرويترز", "سطراً واحداً"},
      {CreditField::kSourceCredit, "المصدر\u2028رويترز", "سطراً واحداً"},
      {CreditField::kAgency, "رويترز\tأ ف ب", "محارف تحكّم"},
      {CreditField::kAgency, std::string("\xD8\xB1\xFF"), "UTF-8"},
      {CreditField::kSourceCredit, "   ", ""},
  };
  for (const auto& c : cases) {
    CheckedCredit checked = CheckCreditLine(c.field, c.text);
    if (c.error.empty()) {
      EXPECT_EQ(checked.error, "") << c.text;
    } else {
      EXPECT_NE(checked.error.find(c.error), std::string::npos) << c.text << " → " << checked.error;
      EXPECT_EQ(checked.value, "") << "a refused value is not passed on";
    }
  }
}

TEST_F(FormTest, ABadAgencyOrCreditIsShownBesideItsField) {
  auto f = Valid();
  f.agency = std::string(121, 'a');
  f.source_credit = "سطر\nوسطر";
  auto checked = CheckArticleFields(f, Make(store::Role::kEditor), nullptr, sections, 0, kNow);
  EXPECT_FALSE(checked.ok());
  EXPECT_TRUE(checked.errors.count("agency"));
  EXPECT_TRUE(checked.errors.count("source_credit"));
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
