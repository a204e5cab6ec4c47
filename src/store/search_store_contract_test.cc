// The SearchStore contract on every backend (see store_test_fixture.h), and a check that the
// two backends return the same results in the same order for the same data.
#include "store/store_test_fixture.h"

#include <algorithm>
#include <tuple>

namespace wakala::store {
namespace {

class SearchStoreTest : public StoreContractTest {
 protected:
  ArticleInput Input(const std::string& slug, const std::string& title, const std::string& body,
                     UnixSeconds at, const std::string& section = "politics") {
    ArticleInput in = MakeInput(slug, at, section);
    in.title = title;
    in.summary = "";
    in.body_markdown = body;
    return in;
  }
  Result<SearchResults> Search(const std::string& text, UnixSeconds now = kNow,
                               std::optional<int64_t> section = std::nullopt) {
    SearchQuery q;
    q.terms = arabic::ParseQuery(text);
    q.now = now;
    q.section_id = section;
    q.limit = 20;
    return store().SearchArticles(q);
  }
  std::vector<std::string> Found(const std::string& text) {
    auto r = Search(text);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    std::vector<std::string> out;
    if (r.ok())
      for (const Article& a : r->articles) out.push_back(a.slug);
    return out;
  }
  using SlugList = std::vector<std::string>;
  // Every page of `text`, `limit` results at a time, one past the last; each must report
  // `total` matches.
  SlugList Paged(const std::string& text, int limit, int64_t total) {
    SlugList out;
    for (int offset = 0; offset < total + limit; offset += limit) {
      SearchQuery q;
      q.terms = arabic::ParseQuery(text);
      q.now = kNow;
      q.offset = offset;
      q.limit = limit;
      auto r = store().SearchArticles(q);
      EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
      if (!r.ok()) break;
      EXPECT_EQ(r->total, total) << text << " from " << offset;
      for (const Article& a : r->articles) out.push_back(a.slug);
    }
    return out;
  }
};

TEST_P(SearchStoreTest, FoldsAndStemsArabic) {
  AddSections();
  Add(Input("ahdaf", "أهداف اللقاء الثاني بين السيسي وحفتر", "التقى الرئيس المصري بالمشير.", kNow - 5 * kHour));
  Add(Input("qimma", "القِمَّة العربية تنطلق", "قرار بدمج الوزارات في القـــمة.", kNow - 4 * kHour));
  Add(Input("other", "أخبار الطقس", "أمطار غزيرة على الساحل.", kNow - 3 * kHour));
  EXPECT_EQ(Found("اهداف"), SlugList{"ahdaf"});
  EXPECT_EQ(Found("السيسى"), SlugList{"ahdaf"});
  EXPECT_EQ(Found("القمه"), SlugList{"qimma"});
  EXPECT_EQ(Found("قمة"), SlugList{"qimma"});
  EXPECT_EQ(Found("دمج"), SlugList{"qimma"});
  EXPECT_EQ(Found("المصرية"), SlugList{"ahdaf"}) << "by stem: مصر";
  EXPECT_EQ(Found("أَهْدَافُ"), SlugList{"ahdaf"});
  EXPECT_EQ(Found("الطقس الأمطار"), SlugList{"other"});
  EXPECT_EQ(Found("الطقس السيسي"), SlugList{}) << "every word must match";
}

TEST_P(SearchStoreTest, PhrasesExclusionsAndFilters) {
  AddSections();
  Add(Input("a", "الرئيس يلتقي الوفد", "لقاء الرئيس المصري مع الوفد الليبي", kNow - 3 * kHour));
  Add(Input("b", "الوفد الليبي يصل", "الرئيس استقبل الوفد في القاهرة", kNow - 2 * kHour, "economy"));
  EXPECT_EQ(Found("\"الرئيس المصري\""), SlugList{"a"});
  EXPECT_EQ(Found("\"المصري الرئيس\""), SlugList{}) << "order matters in a phrase";
  EXPECT_EQ(Found("الوفد -القاهرة"), SlugList{"a"});
  EXPECT_EQ(Found("الوفد -المصرية"), SlugList{"b"}) << "exclusion by stem";
  auto economy = store().FindSection("economy");
  ASSERT_TRUE(economy.ok() && economy->has_value());
  auto r = Search("الوفد", kNow, (*economy)->id);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->total, 1);
  EXPECT_EQ(r->articles[0].slug, "b");
  // Not yet published at `now`: not found.
  auto early = Search("الوفد", kNow - 150 * 60);
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->total, 1);
}

TEST_P(SearchStoreTest, ExactBeatsStemTitleBeatsBodyNewerBreaksTies) {
  AddSections();
  Add(Input("stem-title", "المصريون يحتفلون", "احتفال", kNow - 10 * kHour));
  Add(Input("exact-title", "مصر تحتفل", "احتفال", kNow - 20 * kHour));
  Add(Input("exact-body", "احتفال كبير", "في مصر احتفال", kNow - 30 * kHour));
  Add(Input("exact-body-newer", "احتفال آخر", "في مصر احتفال", kNow - 1 * kHour));
  EXPECT_EQ(Found("مصر"), (SlugList{"exact-title", "stem-title", "exact-body-newer", "exact-body"}));
}

TEST_P(SearchStoreTest, UpdatesAndStatusAreSeenAtOnce) {
  AddSections();
  Article a = Add(Input("x", "خبر عن الزراعة", "نص", kNow - kHour));
  EXPECT_EQ(Found("الزراعة"), SlugList{"x"});
  ArticleInput changed = Input("x", "خبر عن الصناعة", "نص", kNow - kHour);
  ASSERT_TRUE(store().UpdateArticle(a.id, changed).ok());
  EXPECT_EQ(Found("الزراعة"), SlugList{});
  EXPECT_EQ(Found("الصناعة"), SlugList{"x"});
  ASSERT_TRUE(store().SetArticleStatus(a.id, ArticleStatus::kUnpublished).ok());
  EXPECT_EQ(Found("الصناعة"), SlugList{});
  ArticleQuery listed;
  listed.now = kNow;
  auto page = store().ListArticles(listed);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Slugs(*page), SlugList{}) << "search and listings agree on what is public";
}

// Status changes that do not go through UpdateArticle (the scheduler, the status buttons)
// reach search too: PostgreSQL keeps its own copy of each article's status and date.
TEST_P(SearchStoreTest, ScheduledArticlesAreFoundOnceTheSchedulerPublishesThem) {
  AddSections();
  ArticleInput due = Input("due", "افتتاح الدورة البرلمانية", "نص", kNow - kHour);
  due.status = ArticleStatus::kScheduled;
  Article a = Add(due);
  EXPECT_EQ(Found("البرلمانية"), SlugList{}) << "scheduled, not yet published";
  auto published = store().PublishDue(kNow);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  ASSERT_EQ(published->size(), 1u);
  EXPECT_EQ(Found("البرلمانية"), SlugList{"due"});
  ASSERT_TRUE(store().SetArticleStatus(a.id, ArticleStatus::kDraft).ok());
  EXPECT_EQ(Found("البرلمانية"), SlugList{});
  ASSERT_TRUE(store().SetArticleStatus(a.id, ArticleStatus::kPublished).ok());
  EXPECT_EQ(Found("البرلمانية"), SlugList{"due"});
}

// The idf weight follows the index: a word in more articles weighs less, at once (the
// statistics a search reuses are only those of the same content version).
TEST_P(SearchStoreTest, WeightsFollowEveryWrite) {
  AddSections();
  Add(Input("first", "مهرجان قرطاج", "نص", kNow - 2 * kHour));
  Add(Input("other", "خبر آخر", "نص", kNow - 2 * kHour));
  auto before = Search("قرطاج");
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->scores.size(), 1u);
  Add(Input("second", "قرطاج تستقبل", "نص", kNow - 3 * kHour));
  auto after = Search("قرطاج");
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->articles.size(), 2u);
  EXPECT_EQ(after->articles[0].slug, "first");
  EXPECT_LT(after->scores[0], before->scores[0]) << "df went from 1 to 2";
}

TEST_P(SearchStoreTest, TheNewsroomFindsEveryStatusAndCanKeepOneOwner) {
  AddSections();
  auto writer = store().AddUser("writer", Role::kAuthor, "h");
  ASSERT_TRUE(writer.ok());
  ArticleInput draft = Input("draft", "مسودة عن الانتخابات", "نص", kNow - kHour);
  draft.status = ArticleStatus::kDraft;
  draft.editor_id = writer->id;
  Add(draft);
  ArticleInput later = Input("later", "الانتخابات المقبلة", "نص", kNow + 5 * kHour);
  later.status = ArticleStatus::kScheduled;
  Add(later);
  Add(Input("public", "نتائج انتخابات البلدية", "نص", kNow - 2 * kHour));
  EXPECT_EQ(Found("انتخابات"), SlugList{"public"}) << "readers see only what is public";
  SearchQuery q;
  q.terms = arabic::ParseQuery("انتخابات");
  q.now = kNow;
  q.newsroom = true;
  auto all = store().SearchArticles(q);
  ASSERT_TRUE(all.ok());
  SlugList slugs;
  for (const Article& a : all->articles) slugs.push_back(a.slug);
  std::sort(slugs.begin(), slugs.end());
  EXPECT_EQ(slugs, (SlugList{"draft", "later", "public"}));
  q.owner_id = writer->id;
  auto own = store().SearchArticles(q);
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->total, 1);
  EXPECT_EQ(own->articles[0].slug, "draft");
}

// The count comes with the page (a window count), and from a query of its own past the end.
TEST_P(SearchStoreTest, EveryPageReportsTheSameTotal) {
  AddSections();
  for (int i = 0; i < 5; ++i)
    Add(Input("m" + std::to_string(i), "مباحثات في القاهرة", "نص", kNow - (i + 1) * kHour));
  Add(Input("other", "خبر آخر", "نص", kNow - kHour));
  for (auto [offset, limit, shown] : {std::tuple{0, 2, 2}, std::tuple{4, 2, 1}, std::tuple{10, 2, 0},
                                      std::tuple{0, 0, 0}}) {
    SearchQuery q;
    q.terms = arabic::ParseQuery("القاهرة");
    q.now = kNow;
    q.offset = offset;
    q.limit = limit;
    auto r = store().SearchArticles(q);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->total, 5) << "offset " << offset << ", limit " << limit;
    EXPECT_EQ(static_cast<int>(r->articles.size()), shown) << "offset " << offset;
    EXPECT_EQ(r->scores.size(), r->articles.size());
  }
}

// PostgreSQL ranks a page from the title matches alone when they fill it and outscore any
// other match; a page they do not fill ranks every match. Both must give the one order.
TEST_P(SearchStoreTest, TitleMatchesComeFirstOnEveryPage) {
  AddSections();
  SlugList expected;
  for (int i = 0; i < 7; ++i) {
    Add(Input("title" + std::to_string(i), "مباحثات القاهرة " + std::to_string(i), "نص",
              kNow - (100 + i) * kHour));
    expected.push_back("title" + std::to_string(i));
  }
  for (int i = 0; i < 4; ++i) {
    Add(Input("stem" + std::to_string(i), "مباحثات في القاهريين " + std::to_string(i), "نص",
              kNow - (200 + i) * kHour));
    expected.push_back("stem" + std::to_string(i));
  }
  for (int i = 0; i < 6; ++i) {
    Add(Input("body" + std::to_string(i), "خبر " + std::to_string(i), "وصل الوفد إلى القاهرة",
              kNow - (i + 1) * kHour));
    expected.push_back("body" + std::to_string(i));
  }
  Add(Input("other", "خبر آخر", "نص", kNow - kHour));
  EXPECT_EQ(Paged("القاهرة", 3, 17), expected)
      << "written so in the title, then its stem there, then the body, newest first within each";
}

// ...but a title match does not always win: here a rare word written so in the body of a
// new article outweighs a common one in an old title. PostgreSQL must see that its title
// matches do not decide this page.
TEST_P(SearchStoreTest, ARareWordInTheBodyCanOutrankACommonOneInTheTitle) {
  AddSections();
  for (int i = 0; i < 100; ++i)
    Add(Input("filler" + std::to_string(i), "خبر " + std::to_string(i), "مصر", kNow - 48 * kHour));
  Add(Input("old-title", "مصر تحتفل", "القاهريين", kNow - 400 * 24 * kHour));
  Add(Input("new-body", "خبر جديد", "مصر القاهرة", kNow - kHour));
  EXPECT_EQ(Paged("مصر القاهرة", 1, 2), (SlugList{"new-body", "old-title"}));
}

TEST_P(SearchStoreTest, ReopeningAndRebuildingKeepTheIndex) {
  AddSections();
  Add(Input("x", "مباحثات الوكالات الدولية", "نص", kNow - kHour));
  store_.reset();
  EXPECT_EQ(Found("وكالة"), SlugList{"x"});
  ASSERT_TRUE(store().RebuildSearchIndex().ok());
  EXPECT_EQ(Found("وكالات"), SlugList{"x"});
}

// PostgreSQL: a rebuild drops the GIN indexes and builds them at the end. A process stopped
// halfway leaves articles unindexed and the indexes missing; the next open finishes both.
TEST_P(SearchStoreTest, AStopHalfwayThroughARebuildIsFinishedAtTheNextOpen) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "PostgreSQL's indexes";
  AddSections();
  Add(Input("a", "مباحثات القاهرة", "نص", kNow - kHour));
  Add(Input("b", "مباحثات الرباط", "نص", kNow - 2 * kHour));
  ASSERT_TRUE(store().RebuildSearchIndex().ok());
  const char* kIndexesExist =
      "SELECT 'article_search_terms'::regclass, 'article_search_body'::regclass";
  EXPECT_TRUE(PgExec(db_->url(), kIndexesExist)) << "built again after the rebuild";
  store_.reset();
  for (const char* stop : {"DROP INDEX article_search_terms", "DROP INDEX article_search_body",
                           "TRUNCATE article_search", "DELETE FROM search_index_state"})
    ASSERT_TRUE(PgExec(db_->url(), stop));
  EXPECT_EQ(Found("مباحثات"), (SlugList{"a", "b"}));
  EXPECT_TRUE(PgExec(db_->url(), kIndexesExist)) << "built again at open";
}

TEST_P(SearchStoreTest, HostileQueriesAreWordsOrRefused) {
  AddSections();
  Add(Input("x", "مصر AND ليبيا", "نص عن NEAR و OR", kNow - kHour));
  for (std::string q : {"\"مصر", "مصر*", "مصر:", "^مصر", "NEAR(مصر ليبيا)", "مصر' OR '1'='1",
                        "مصر\"; DROP TABLE articles; --", "مصر AND", "{title_exact}: مصر"}) {
    auto r = Search(q);
    ASSERT_TRUE(r.ok()) << q << ": " << r.status().ToString();
    EXPECT_LE(r->total, 1) << q;
  }
  for (std::string q : {"", "   ", "ًٌٍَُِّْ", "في من على", "\xff\xfe", "-مصر"}) {
    auto r = Search(q);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput) << q;
  }
  // One 10 kB "word" is no word (tokens over 64 bytes are dropped); 3,000 words are cut to
  // the first kMaxQueryWords.
  EXPECT_EQ(Search(std::string(10000, 'x') + " " + std::string(5000, '"')).status().code(),
            StatusCode::kInvalidInput);
  std::string many;
  for (int i = 0; i < 3000; ++i) many += "مصر" + std::to_string(i) + " ";
  auto long_query = Search(many);
  ASSERT_TRUE(long_query.ok()) << long_query.status().ToString();
  EXPECT_EQ(long_query->total, 0);
  EXPECT_TRUE(arabic::ParseQuery(many).truncated);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchStoreTest, ::testing::Values("sqlite", "postgresql"));

// The same articles in both databases, the same queries: the same slugs, scores and order.
TEST(SearchBackendsAgree, SameResultsInTheSameOrder) {
  ScratchDatabase sqlite("sqlite"), pg("postgresql");
  if (pg.failed()) FAIL() << pg.why();
  if (pg.url().empty()) GTEST_SKIP() << pg.why();
  auto a = OpenStore(sqlite.url());
  auto b = OpenStore(pg.url());
  ASSERT_TRUE(a.ok() && b.ok());
  const char* titles[] = {"القمة العربية في بغداد", "أهداف المنتخب المصري", "وزير الخارجية يلتقي نظيره",
                          "الوكالات الدولية تنقل الخبر", "مصر وليبيا: لقاء جديد", "قرار بدمج الشركات",
                          "السيسي يستقبل حفتر", "المصريون يحتفلون بالفوز", "انتخابات في لبنان",
                          "اقتصاد مصر ينمو"};
  const char* bodies[] = {"قمة عربية جديدة في العاصمة", "المنتخب سجل ثلاثة أهداف", "لقاء الوزير المصري",
                          "وكالة الأنباء نقلت الخبر عن مصر", "الرئيس المصري التقى الوفد الليبي",
                          "دمج الشركات الكبرى في مصر", "لقاء في القاهرة", "احتفالات في شوارع مصر",
                          "اللبنانيون ينتخبون", "النمو الاقتصادي في مصر"};
  for (Store* s : {a->get(), b->get()}) {
    ASSERT_TRUE(s->AddSection("سياسة", "politics").ok());
    for (int i = 0; i < 40; ++i) {
      ArticleInput in = MakeInput("n" + std::to_string(i), kNow - (i * 37 % 50) * kHour * 24);
      in.title = titles[i % 10];
      in.body_markdown = std::string(bodies[(i * 3) % 10]) + " " + bodies[i % 10];
      in.summary = "";
      ASSERT_TRUE(s->AddArticle(in).ok());
    }
  }
  for (std::string text : {"مصر", "المصري", "لقاء", "المنتخب -الوزير", "\"الرئيس المصري\"", "قمة",
                           "الوكالة", "دمج الشركات", "مصر ليبيا"}) {
    // All at once, and page by page: PostgreSQL ranks a short page from its title matches
    // alone when it can (sql_store_search.cc), and its pages must still be SQLite's.
    for (auto [offset, limit] : {std::pair{0, 100}, std::pair{0, 3}, std::pair{3, 3},
                                 std::pair{6, 3}, std::pair{9, 3}, std::pair{12, 3}}) {
      SearchQuery q;
      q.terms = arabic::ParseQuery(text);
      q.now = kNow;
      q.offset = offset;
      q.limit = limit;
      auto ra = (*a)->SearchArticles(q);
      auto rb = (*b)->SearchArticles(q);
      ASSERT_TRUE(ra.ok() && rb.ok()) << text;
      EXPECT_EQ(ra->total, rb->total) << text;
      std::vector<std::pair<std::string, int64_t>> la, lb;
      for (size_t i = 0; i < ra->articles.size(); ++i) la.emplace_back(ra->articles[i].slug, ra->scores[i]);
      for (size_t i = 0; i < rb->articles.size(); ++i) lb.emplace_back(rb->articles[i].slug, rb->scores[i]);
      EXPECT_EQ(la, lb) << text << " from " << offset;
      EXPECT_GT(ra->total, 0) << text;
    }
  }
}

}  // namespace
}  // namespace wakala::store
