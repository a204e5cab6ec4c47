// The change log behind precise cache invalidation, on every backend.
#include "store/store_test_fixture.h"

namespace wakala::store {
namespace {

class ChangesTest : public StoreContractTest {
 protected:
  bool Has(const ContentChanges& c, const std::string& scope) {
    return std::find(c.scopes.begin(), c.scopes.end(), scope) != c.scopes.end();
  }
};

TEST_P(ChangesTest, PublishingNamesTheListingsAndNeighboursThatShowTheArticle) {
  AddSections();
  Article older = Add(MakeInput("older", kNow - 2 * kHour, "politics", "وكالة الأنباء", {"مصر"}));
  Article newer = Add(MakeInput("newer", kNow + 2 * kHour, "economy"));
  int64_t before = Version(store());
  Article middle = Add(MakeInput("middle", kNow, "politics", "مراسل", {"ليبيا"}));
  auto changes = store().ChangesSince(before);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  EXPECT_FALSE(changes->everything);
  EXPECT_EQ(changes->version, before + 1);
  for (const std::string& scope :
       {"article:" + std::to_string(middle.id), "section:" + std::to_string(middle.section.id),
        "author:" + std::to_string(middle.author.id), "tag:" + std::to_string(middle.tags[0].id),
        std::string("home"), "article:" + std::to_string(older.id), "article:" + std::to_string(newer.id)})
    EXPECT_TRUE(Has(*changes, scope)) << scope;
  EXPECT_FALSE(Has(*changes, "section:" + std::to_string(newer.section.id)));
}

TEST_P(ChangesTest, ADraftTouchesOnlyItsOwnScope) {
  AddSections();
  int64_t before = Version(store());
  ArticleInput draft = MakeInput("draft", kNow);
  draft.status = ArticleStatus::kDraft;
  Article a = Add(draft);
  auto changes = store().ChangesSince(before);
  ASSERT_TRUE(changes.ok());
  EXPECT_FALSE(changes->everything);
  EXPECT_EQ(changes->scopes, std::vector<std::string>{"article:" + std::to_string(a.id)});
}

TEST_P(ChangesTest, AWriteThatNamesNoScopeMeansEverything) {
  int64_t before = Version(store());
  ASSERT_TRUE(store().PutSetting("site_name", "وكالة").ok());
  auto changes = store().ChangesSince(before);
  ASSERT_TRUE(changes.ok());
  EXPECT_TRUE(changes->everything);
  auto none = store().ChangesSince(changes->version);
  EXPECT_FALSE(none->everything);
  EXPECT_TRUE(none->scopes.empty());
}

// The admin's settings form clears a field by saving "" (the site's default): that is a
// change like any other, and every node reloads its settings.
TEST_P(ChangesTest, ClearingSettingsTogetherMeansEverything) {
  ASSERT_TRUE(store().PutSettings({{"comments_max_chars", "20"}}).ok());
  int64_t before = Version(store());
  ASSERT_TRUE(store().PutSettings({{"comments_max_chars", ""}}).ok());
  auto changes = store().ChangesSince(before);
  ASSERT_TRUE(changes.ok());
  EXPECT_TRUE(changes->everything);
  EXPECT_EQ(store().Settings()->at("comments_max_chars"), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangesTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace wakala::store
