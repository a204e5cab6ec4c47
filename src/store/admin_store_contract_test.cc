// The AdminStore contract on every backend (see store_test_fixture.h): tokens, section and
// tag renames, section order, settings in one transaction.
#include "store/store_test_fixture.h"

namespace wakala::store {
namespace {

class AdminStoreTest : public StoreContractTest {};

TEST_P(AdminStoreTest, TokensAreFoundByHashUntilRevokedOrTheUserIsDisabled) {
  auto alice = store().AddUser("alice", Role::kAuthor, "h");
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  int64_t version = Version(store());
  auto token = store().AddToken(alice->id, "أداة النشر", TokenScope::kWrite, "hash-1", kNow);
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(token->scope, TokenScope::kWrite);
  EXPECT_FALSE(token->last_used_at.has_value());
  EXPECT_EQ(Version(store()), version) << "tokens are not content: the page cache stays";
  EXPECT_EQ(store().AddToken(alice->id, "x", TokenScope::kRead, "hash-1", kNow).status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(store().AddToken(999999, "x", TokenScope::kRead, "hash-2", kNow).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().AddToken(alice->id, "", TokenScope::kRead, "hash-3", kNow).status().code(),
            StatusCode::kInvalidInput);

  auto used = store().UseToken("hash-1", kNow + 100);
  ASSERT_TRUE(used.ok() && used->has_value()) << used.status().ToString();
  EXPECT_EQ((*used)->user.name, "alice");
  EXPECT_EQ((*used)->user.role, Role::kAuthor);
  EXPECT_EQ((*used)->token.name, "أداة النشر");
  EXPECT_FALSE(store().UseToken("nope", kNow)->has_value());

  auto listed = store().ListTokens(alice->id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].last_used_at, kNow + 100);

  ASSERT_TRUE(store().SetUserDisabled(alice->id, true).ok());
  EXPECT_FALSE(store().UseToken("hash-1", kNow + 200)->has_value()) << "a disabled account's token";
  ASSERT_TRUE(store().SetUserDisabled(alice->id, false).ok());
  EXPECT_TRUE(store().UseToken("hash-1", kNow + 200)->has_value());

  auto bob = store().AddUser("bob", Role::kEditor, "h");
  ASSERT_TRUE(bob.ok());
  EXPECT_EQ(store().RevokeToken(token->id, bob->id, kNow).code(), StatusCode::kNotFound)
      << "only the owner revokes";
  ASSERT_TRUE(store().RevokeToken(token->id, alice->id, kNow + 300).ok());
  EXPECT_FALSE(store().UseToken("hash-1", kNow + 400)->has_value());
  EXPECT_EQ(store().RevokeToken(token->id, alice->id, kNow).code(), StatusCode::kNotFound);
  listed = store().ListTokens(alice->id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].revoked_at, kNow + 300);
  EXPECT_TRUE(store().ListTokens(bob->id)->empty());
}

TEST_P(AdminStoreTest, SectionsAreRenamedKeepingTheirSlugAndReordered) {
  AddSections();
  ASSERT_TRUE(store().AddSection("رياضة", "sports").ok());
  auto sections = store().ListSections();
  ASSERT_TRUE(sections.ok());
  ASSERT_EQ(sections->size(), 3u);
  int64_t politics = (*sections)[0].id, economy = (*sections)[1].id, sports = (*sections)[2].id;

  int64_t version = Version(store());
  auto renamed = store().RenameSection(politics, "سياسة عربية");
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ(renamed->slug, "politics");
  EXPECT_GT(Version(store()), version) << "a rename changes pages";
  EXPECT_EQ(store().RenameSection(economy, "سياسة عربية").status().code(), StatusCode::kConflict);
  EXPECT_EQ(store().RenameSection(999999, "جديد").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().RenameSection(economy, "").status().code(), StatusCode::kInvalidInput);
  auto found = store().FindSection("politics");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->name, "سياسة عربية");

  ASSERT_TRUE(store().ReorderSections({sports, politics, economy}).ok());
  sections = store().ListSections();
  ASSERT_TRUE(sections.ok());
  std::vector<std::string> order;
  for (const auto& s : *sections) order.push_back(s.slug);
  EXPECT_EQ(order, (std::vector<std::string>{"sports", "politics", "economy"}));
  EXPECT_EQ(store().ReorderSections({sports, politics}).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().ReorderSections({sports, politics, politics}).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().ReorderSections({sports, politics, 999999}).code(), StatusCode::kInvalidInput);
  sections = store().ListSections();
  EXPECT_EQ((*sections)[0].slug, "sports") << "a refused order changes nothing";
  // A section added later goes last.
  ASSERT_TRUE(store().AddSection("ثقافة", "culture").ok());
  EXPECT_EQ(store().ListSections()->back().slug, "culture");
}

TEST_P(AdminStoreTest, TagsAreListedWithCountsAndRenamed) {
  AddSections();
  Add(MakeInput("a1", kNow, "politics", "وكالة الأنباء", {"غزة", "مفاوضات"}));
  Add(MakeInput("a2", kNow, "politics", "وكالة الأنباء", {"غزة"}));
  auto tags = store().ListTags();
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  ASSERT_EQ(tags->size(), 2u);
  std::map<std::string, int64_t> counts;
  int64_t gaza = 0, talks = 0;
  for (const auto& t : *tags) {
    counts[t.name] = t.articles;
    (t.name == "غزة" ? gaza : talks) = t.id;
  }
  EXPECT_EQ(counts["غزة"], 2);
  EXPECT_EQ(counts["مفاوضات"], 1);
  std::string slug_before;
  for (const auto& t : *tags) if (t.id == gaza) slug_before = t.slug;

  ASSERT_TRUE(store().RenameTag(gaza, "قطاع غزة").ok());
  EXPECT_EQ(store().RenameTag(talks, "قطاع غزة").code(), StatusCode::kConflict);
  EXPECT_EQ(store().RenameTag(999999, "س").code(), StatusCode::kNotFound);
  auto tag = store().FindTag(slug_before);
  ASSERT_TRUE(tag.ok() && tag->has_value());
  EXPECT_EQ((*tag)->name, "قطاع غزة") << "the slug, and so the tag's URL, stays";
  auto article = store().FindArticle("a1");
  ASSERT_TRUE(article.ok() && article->article);
  EXPECT_EQ(article->article->tags[0].name, "قطاع غزة");
}

TEST_P(AdminStoreTest, SettingsAreWrittenTogether) {
  ASSERT_TRUE(store().PutSetting("site_name", "قديم").ok());
  int64_t version = Version(store());
  ASSERT_TRUE(store().PutSettings({{"site_name", "وكالة الأنباء"}, {"copyright_from", "2009"}}).ok());
  EXPECT_GT(Version(store()), version);
  auto settings = store().Settings();
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->at("site_name"), "وكالة الأنباء");
  EXPECT_EQ(settings->at("copyright_from"), "2009");
  EXPECT_EQ(store().PutSettings({{"site_name", "جديد"}, {"tagline", std::string("\xff")}}).code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store().Settings()->at("site_name"), "وكالة الأنباء") << "all or nothing";
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace wakala::store
