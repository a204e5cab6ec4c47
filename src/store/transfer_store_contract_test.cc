// The TransferStore contract on every backend (see store_test_fixture.h): dumps restore into
// an empty site identically; imports are all or nothing and idempotent.
#include "store/store_test_fixture.h"

namespace wakala::store {
namespace {

class TransferStoreTest : public StoreContractTest {};

ArticleRecord Record(const std::string& slug, const std::string& section) {
  ArticleRecord r;
  r.slug = slug;
  r.title = "عنوان " + slug;
  r.summary = "ملخص";
  r.body_markdown = "نص **الخبر**";
  r.status = "published";
  r.published_at = kNow - 2 * kHour;
  r.updated_at = kNow - kHour;
  r.section_slug = section;
  r.author = "وكالة الاختبار";
  r.tags = {"وسم أول", "وسم ثان"};
  return r;
}

SiteDump SmallDump() {
  SiteDump d;
  d.settings = {{"site_name", "وكالة"}, {"timezone", "Africa/Cairo"}};
  d.sections = {{"سياسة", "politics", 1}, {"اقتصاد", "economy", 2}};
  d.articles = {Record("one", "politics"), Record("two", "economy")};
  d.articles[1].old_slugs = {"two-old"};
  d.articles[1].agency = "رويترز";
  d.articles[1].source_credit = "المصدر: رويترز";
  d.articles[1].status = "draft";
  d.redirects = {{"/?p=1", "/article/one"}};
  return d;
}

TEST_P(TransferStoreTest, DumpRestoresIdentically) {
  ASSERT_TRUE(store().Import(SmallDump(), /*require_empty=*/true).ok());
  auto first = store().Dump();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->articles.size(), 2u);
  EXPECT_EQ(first->articles[1].old_slugs, std::vector<std::string>{"two-old"});
  EXPECT_EQ(first->articles[0].updated_at, kNow - kHour) << "kept as given";
  EXPECT_EQ(first->articles[0].agency, "");
  EXPECT_EQ(first->articles[1].agency, "رويترز");
  EXPECT_EQ(first->articles[1].source_credit, "المصدر: رويترز");
  EXPECT_EQ(first->authors.size(), 1u);
  EXPECT_EQ(first->tags.size(), 2u);

  ScratchDatabase other_db(GetParam());
  auto other = OpenStore(other_db.url());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Import(*first, true).ok());
  auto second = (*other)->Dump();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->articles.size(), first->articles.size());
  for (size_t i = 0; i < first->articles.size(); ++i) {
    EXPECT_EQ(second->articles[i].slug, first->articles[i].slug);
    EXPECT_EQ(second->articles[i].tags, first->articles[i].tags);
    EXPECT_EQ(second->articles[i].updated_at, first->articles[i].updated_at);
    EXPECT_EQ(second->articles[i].agency, first->articles[i].agency);
    EXPECT_EQ(second->articles[i].source_credit, first->articles[i].source_credit);
  }
  EXPECT_EQ(second->settings, first->settings);
  auto moved = (*other)->FindArticle("two-old");
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->moved_to, std::optional<std::string>("two"));
  EXPECT_EQ(*(*other)->FindLegacyRedirect("/?p=1"), std::optional<std::string>("/article/one"));
  EXPECT_EQ((*other)->Import(*first, true).status().code(), StatusCode::kConflict)
      << "a dump restores only into an empty site";
}

TEST_P(TransferStoreTest, ImportIsIdempotentAndUpdates) {
  auto first = store().Import(SmallDump(), false);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->articles_created, 2);
  auto again = store().Import(SmallDump(), false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->articles_created, 0);
  EXPECT_EQ(again->articles_unchanged, 2);
  SiteDump changed = SmallDump();
  changed.articles[0].title = "عنوان جديد";
  auto third = store().Import(changed, false);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->articles_updated, 1);
  EXPECT_EQ(store().FindArticle("one")->article->title, "عنوان جديد");
  // A changed credit line alone is a change.
  changed.articles[0].source_credit = "المصدر: أ ف ب";
  auto fourth = store().Import(changed, false);
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->articles_updated, 1);
  EXPECT_EQ(store().FindArticle("one")->article->source_credit, "المصدر: أ ف ب");

  // Articles written the ordinary way are in the dump too.
  Add(MakeInput("four", kNow - 3 * kHour));
  ArticleQuery q;
  q.now = kNow;
  EXPECT_EQ(Slugs(*store().ListArticles(q)), (std::vector<std::string>{"one", "four"}));
  EXPECT_EQ(store().Dump()->articles.back().slug, "four");
}

// Imported articles are searchable at once, and a re-import that changes a text is found
// by its new words only (no restart, no rebuild).
TEST_P(TransferStoreTest, ImportedTextIsSearchableAtOnce) {
  auto search = [&](const std::string& text) {
    SearchQuery q;
    q.terms = arabic::ParseQuery(text);
    q.now = kNow;
    auto r = store().SearchArticles(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> slugs;
    if (r.ok())
      for (const Article& a : r->articles) slugs.push_back(a.slug);
    return slugs;
  };
  SiteDump dump = SmallDump();
  dump.articles[0].body_markdown = "افتتاح معرض الكتاب في القاهرة";
  ASSERT_TRUE(store().Import(dump, false).ok());
  EXPECT_EQ(search("معرض"), std::vector<std::string>{"one"});
  dump.articles[0].body_markdown = "مهرجان السينما في قرطاج";
  auto changed = store().Import(dump, false);
  ASSERT_TRUE(changed.ok());
  ASSERT_EQ(changed->articles_updated, 1);
  EXPECT_EQ(search("معرض"), std::vector<std::string>{});
  EXPECT_EQ(search("قرطاج"), std::vector<std::string>{"one"});
}

TEST_P(TransferStoreTest, AFailingRecordWritesNothing) {
  SiteDump bad = SmallDump();
  bad.articles.push_back(Record("three", "no-such-section"));
  auto result = store().Import(bad, false);
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(result.status().message().find("three"), std::string::npos);
  auto dump = store().Dump();
  ASSERT_TRUE(dump.ok());
  EXPECT_TRUE(dump->articles.empty());
  EXPECT_TRUE(dump->sections.empty());
  EXPECT_TRUE(dump->settings.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, TransferStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace wakala::store
