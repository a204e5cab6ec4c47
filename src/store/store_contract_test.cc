// The Store contract, run against every backend: SQLite always (a fresh file per test), and
// PostgreSQL when WAKALA_TEST_POSTGRES holds a libpq URL of a server where the user may create
// databases (tests/start-postgres prints one). Each PostgreSQL test gets its own database,
// dropped afterwards. Without the variable the PostgreSQL cases show up as SKIPPED.
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "arabic/slug.h"
#include "store/store.h"
#include "store/store_test_fixture.h"

namespace wakala::store {
namespace {


TEST_P(StoreContractTest, MigrationsAreIdempotentOnReopen) {
  auto version = store().SchemaVersion();
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_GE(*version, 1);
  ASSERT_TRUE(store().AddSection("سياسة", "politics").ok());
  store_.reset();

  for (int i = 0; i < 2; ++i) {
    auto reopened = Open();
    ASSERT_TRUE(reopened);
    auto again = reopened->SchemaVersion();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *version);
    auto sections = reopened->ListSections();
    ASSERT_TRUE(sections.ok());
    ASSERT_EQ(sections->size(), 1u);
    EXPECT_EQ((*sections)[0].name, "سياسة");
  }
}

TEST_P(StoreContractTest, ConcurrentOpensMigrateOnce) {
  std::vector<std::unique_ptr<Store>> stores(4);
  std::vector<std::thread> threads;
  for (auto& s : stores) threads.emplace_back([&] { s = Open(); });
  for (auto& t : threads) t.join();
  for (auto& s : stores) {
    ASSERT_TRUE(s);
    auto v = s->SchemaVersion();
    ASSERT_TRUE(v.ok());
    EXPECT_GE(*v, 1);
  }
}

TEST_P(StoreContractTest, SectionsKeepOrderAndRejectDuplicates) {
  auto politics = store().AddSection("سياسة", "politics");
  ASSERT_TRUE(politics.ok()) << politics.status().ToString();
  auto economy = store().AddSection("اقتصاد", "اقتصاد");
  ASSERT_TRUE(economy.ok()) << economy.status().ToString();
  EXPECT_EQ(politics->position + 1, economy->position);

  auto same_name = store().AddSection("سياسة", "other");
  EXPECT_EQ(same_name.status().code(), StatusCode::kConflict);
  EXPECT_NE(same_name.status().message().find("name"), std::string::npos);
  auto same_slug = store().AddSection("أخرى", "politics");
  EXPECT_EQ(same_slug.status().code(), StatusCode::kConflict);
  EXPECT_NE(same_slug.status().message().find("slug"), std::string::npos);
  EXPECT_EQ(store().AddSection("", "x").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().AddSection("x", "").status().code(), StatusCode::kInvalidInput);

  auto sections = store().ListSections();
  ASSERT_TRUE(sections.ok());
  ASSERT_EQ(sections->size(), 2u);
  EXPECT_EQ((*sections)[0].slug, "politics");
  EXPECT_EQ((*sections)[1].slug, "اقتصاد");

  auto by_slug = store().FindSection("politics");
  ASSERT_TRUE(by_slug.ok() && *by_slug);
  EXPECT_EQ((*by_slug)->name, "سياسة");
  auto by_name = store().FindSection("سياسة");
  ASSERT_TRUE(by_name.ok() && *by_name);
  EXPECT_EQ((*by_name)->id, politics->id);
  auto missing = store().FindSection("sport");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(*missing);
}

TEST_P(StoreContractTest, ArticleRoundTripKeepsArabicTextAndTagOrder) {
  AddSections();
  ArticleInput in = MakeInput("أهداف-اللقاء-الثاني", kNow - kHour, "سياسة", "وكالة الأنباء",
                              {"كرة القدم", "الدوري", "Champions League"});
  in.title = "أهداف اللقاء الثاني";
  in.summary = "ملخّص: «اللقاء» انتهى ٢-١";
  in.body_markdown = "# عنوان\n\nفقرة أولى بالعربية، مع تشكيلٍ وتطويــل.\n";
  Article added = Add(in);
  EXPECT_GT(added.id, 0);
  EXPECT_GT(added.updated_at, 0);

  auto found = store().FindArticle("أهداف-اللقاء-الثاني");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->article);
  EXPECT_FALSE(found->moved_to);
  const Article& a = *found->article;
  EXPECT_EQ(a.id, added.id);
  EXPECT_EQ(a.title, in.title);
  EXPECT_EQ(a.summary, in.summary);
  EXPECT_EQ(a.body_markdown, in.body_markdown);
  EXPECT_EQ(a.status, ArticleStatus::kPublished);
  EXPECT_EQ(a.published_at, kNow - kHour);
  EXPECT_EQ(a.section.slug, "politics");
  EXPECT_EQ(a.author.name, "وكالة الأنباء");
  EXPECT_EQ(a.author.slug, arabic::Slugify("وكالة الأنباء"));
  ASSERT_EQ(a.tags.size(), 3u);
  EXPECT_EQ(a.tags[0].name, "كرة القدم");
  EXPECT_EQ(a.tags[1].name, "الدوري");
  EXPECT_EQ(a.tags[2].name, "Champions League");
  EXPECT_EQ(a.tags[2].slug, arabic::Slugify("Champions League"));

  // A second article by the same agency reuses the author and the tags.
  Article second = Add(MakeInput("second", kNow - 2 * kHour, "economy", "وكالة الأنباء",
                                 {"الدوري", "جديد", "الدوري"}));
  EXPECT_EQ(second.author.id, a.author.id);
  ASSERT_EQ(second.tags.size(), 2u);  // the repeated tag is kept once
  EXPECT_EQ(second.tags[0].id, a.tags[1].id);
  EXPECT_EQ(second.tags[1].name, "جديد");

  auto author = store().FindAuthor(a.author.slug);
  ASSERT_TRUE(author.ok() && *author);
  EXPECT_EQ((*author)->id, a.author.id);
  auto tag = store().FindTag(a.tags[0].slug);
  ASSERT_TRUE(tag.ok() && *tag);
  EXPECT_EQ((*tag)->name, "كرة القدم");
  auto no_tag = store().FindTag("nothing");
  ASSERT_TRUE(no_tag.ok());
  EXPECT_FALSE(*no_tag);
  auto nothing = store().FindArticle("nothing");
  ASSERT_TRUE(nothing.ok());
  EXPECT_FALSE(nothing->article);
  EXPECT_FALSE(nothing->moved_to);
}

TEST_P(StoreContractTest, InvalidArticleInputIsRejected) {
  AddSections();
  ArticleInput no_title = MakeInput("a", kNow);
  no_title.title.clear();
  EXPECT_EQ(store().AddArticle(no_title).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().AddArticle(MakeInput("", kNow)).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().AddArticle(MakeInput("a b", kNow)).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().AddArticle(MakeInput("a", kNow, "politics", "")).status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store().AddArticle(MakeInput("a", kNow, "politics", "x", {""})).status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(CountListed(), 0);
}

TEST_P(StoreContractTest, UnknownSectionWritesNothing) {
  AddSections();
  const int64_t before = Version(store());
  auto added = store().AddArticle(MakeInput("x", kNow, "رياضة", "مراسل جديد", {"وسم جديد"}));
  EXPECT_EQ(added.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(added.status().message().find("رياضة"), std::string::npos);
  EXPECT_EQ(CountListed(), 0);
  auto author = store().FindAuthor(arabic::Slugify("مراسل جديد"));
  ASSERT_TRUE(author.ok());
  EXPECT_FALSE(*author);
  auto tag = store().FindTag(arabic::Slugify("وسم جديد"));
  ASSERT_TRUE(tag.ok());
  EXPECT_FALSE(*tag);
  EXPECT_EQ(Version(store()), before);
}

// The author and tag are created before the slug is found taken: the rollback must undo them.
TEST_P(StoreContractTest, SlugConflictWritesNothing) {
  AddSections();
  Add(MakeInput("taken", kNow - kHour));
  const int64_t before = Version(store());
  auto again = store().AddArticle(MakeInput("taken", kNow, "economy", "مراسل جديد", {"وسم جديد"}));
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(CountListed(), 1);
  auto author = store().FindAuthor(arabic::Slugify("مراسل جديد"));
  ASSERT_TRUE(author.ok());
  EXPECT_FALSE(*author);
  auto tag = store().FindTag(arabic::Slugify("وسم جديد"));
  ASSERT_TRUE(tag.ok());
  EXPECT_FALSE(*tag);
  EXPECT_EQ(Version(store()), before);
}

TEST_P(StoreContractTest, SlugChangeKeepsRedirect) {
  AddSections();
  Article a = Add(MakeInput("old", kNow - 2 * kHour, "politics", "أ", {"وسم"}));
  Article b = Add(MakeInput("other", kNow - kHour));

  ArticleInput renamed = MakeInput("new", kNow - 2 * kHour, "economy", "ب", {"آخر"});
  auto updated = store().UpdateArticle(a.id, renamed);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->slug, "new");
  EXPECT_EQ(updated->section.slug, "economy");
  EXPECT_EQ(updated->author.name, "ب");
  ASSERT_EQ(updated->tags.size(), 1u);
  EXPECT_EQ(updated->tags[0].name, "آخر");

  auto moved = store().FindArticle("old");
  ASSERT_TRUE(moved.ok());
  EXPECT_FALSE(moved->article);
  EXPECT_EQ(moved->moved_to, "new");

  // The old slug belongs to `a` still: nobody else may take it.
  EXPECT_EQ(store().AddArticle(MakeInput("old", kNow)).status().code(), StatusCode::kConflict);
  EXPECT_EQ(store().UpdateArticle(b.id, MakeInput("old", kNow)).status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(store().UpdateArticle(b.id, MakeInput("new", kNow)).status().code(),
            StatusCode::kConflict);

  // Renaming again: every former slug leads to the current one.
  ASSERT_TRUE(store().UpdateArticle(a.id, MakeInput("newest", kNow - 2 * kHour)).ok());
  EXPECT_EQ(store().FindArticle("old")->moved_to, "newest");
  EXPECT_EQ(store().FindArticle("new")->moved_to, "newest");

  // `a` itself may go back to its first slug.
  auto back = store().UpdateArticle(a.id, MakeInput("old", kNow - 2 * kHour));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  auto found = store().FindArticle("old");
  ASSERT_TRUE(found.ok() && found->article);
  EXPECT_EQ(found->article->id, a.id);
  EXPECT_EQ(store().FindArticle("newest")->moved_to, "old");

  EXPECT_EQ(store().UpdateArticle(a.id + b.id + 100, MakeInput("zzz", kNow)).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ListFiltersCombine) {
  AddSections();
  Article p1 = Add(MakeInput("p1", kNow - 5 * kHour, "politics", "أ", {"انتخابات"}));
  Article p2 = Add(MakeInput("p2", kNow - 4 * kHour, "politics", "ب", {"انتخابات", "برلمان"}));
  Article e1 = Add(MakeInput("e1", kNow - 3 * kHour, "economy", "أ", {"نفط"}));
  Article e2 = Add(MakeInput("e2", kNow - 2 * kHour, "economy", "ب", {"انتخابات"}));

  ArticleQuery q;
  q.now = kNow;
  EXPECT_EQ(Slugs(*store().ListArticles(q)), (std::vector<std::string>{"e2", "e1", "p2", "p1"}));

  q.section_id = p1.section.id;
  EXPECT_EQ(Slugs(*store().ListArticles(q)), (std::vector<std::string>{"p2", "p1"}));
  q.author_id = p2.author.id;
  EXPECT_EQ(Slugs(*store().ListArticles(q)), (std::vector<std::string>{"p2"}));

  ArticleQuery by_tag;
  by_tag.now = kNow;
  by_tag.tag_id = p1.tags[0].id;
  auto tagged = store().ListArticles(by_tag);
  ASSERT_TRUE(tagged.ok());
  EXPECT_EQ(Slugs(*tagged), (std::vector<std::string>{"e2", "p2", "p1"}));
  EXPECT_EQ(tagged->total, 3);
  // Listings carry summary, section, author and all tags in order.
  const Article& listed_p2 = tagged->articles[1];
  EXPECT_EQ(listed_p2.summary, "ملخص p2");
  EXPECT_EQ(listed_p2.section.slug, "politics");
  EXPECT_EQ(listed_p2.author.name, "ب");
  ASSERT_EQ(listed_p2.tags.size(), 2u);
  EXPECT_EQ(listed_p2.tags[0].name, "انتخابات");
  EXPECT_EQ(listed_p2.tags[1].name, "برلمان");

  by_tag.author_id = e2.author.id;
  EXPECT_EQ(Slugs(*store().ListArticles(by_tag)), (std::vector<std::string>{"e2", "p2"}));

  ArticleQuery range;
  range.now = kNow;
  range.from = kNow - 4 * kHour;   // inclusive
  range.until = kNow - 2 * kHour;  // exclusive
  EXPECT_EQ(Slugs(*store().ListArticles(range)), (std::vector<std::string>{"e1", "p2"}));
  range.exclude_id = e1.id;
  EXPECT_EQ(Slugs(*store().ListArticles(range)), (std::vector<std::string>{"p2"}));
}

TEST_P(StoreContractTest, PaginationReportsTotal) {
  AddSections();
  for (int i = 0; i < 7; ++i) Add(MakeInput("a" + std::to_string(i), kNow - 10 * kHour + i));
  ArticleQuery q;
  q.now = kNow;
  q.limit = 3;
  std::vector<std::string> all;
  for (q.offset = 0; q.offset < 9; q.offset += 3) {
    auto page = store().ListArticles(q);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->total, 7);
    EXPECT_EQ(page->articles.size(), static_cast<size_t>(std::min(3, 7 - q.offset)));
    for (const auto& s : Slugs(*page)) all.push_back(s);
  }
  EXPECT_EQ(all, (std::vector<std::string>{"a6", "a5", "a4", "a3", "a2", "a1", "a0"}));
}

TEST_P(StoreContractTest, DraftsAndFutureArticlesAreHidden) {
  AddSections();
  Add(MakeInput("live", kNow - kHour));
  Add(MakeInput("now", kNow));
  Add(MakeInput("future", kNow + kHour));
  ArticleInput draft = MakeInput("draft", kNow - kHour);
  draft.status = ArticleStatus::kDraft;
  Add(draft);

  ArticleQuery q;
  q.now = kNow;
  auto page = store().ListArticles(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Slugs(*page), (std::vector<std::string>{"now", "live"}));
  EXPECT_EQ(page->total, 2);
  q.now = kNow + kHour;
  EXPECT_EQ(Slugs(*store().ListArticles(q)), (std::vector<std::string>{"future", "now", "live"}));

  auto found = store().FindArticle("draft");
  ASSERT_TRUE(found.ok() && found->article);
  EXPECT_EQ(found->article->status, ArticleStatus::kDraft);
}

TEST_P(StoreContractTest, NextPublicationIsTheEarliestScheduledArticle) {
  AddSections();
  auto none = store().NextPublication(kNow);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  Add(MakeInput("live", kNow - kHour));
  Add(MakeInput("later", kNow + 2 * kHour));
  Add(MakeInput("soon", kNow + kHour));
  ArticleInput draft = MakeInput("draft", kNow + 60);
  draft.status = ArticleStatus::kDraft;
  Add(draft);
  EXPECT_EQ(*store().NextPublication(kNow), kNow + kHour);
  EXPECT_EQ(*store().NextPublication(kNow + kHour), kNow + 2 * kHour);
  EXPECT_FALSE(store().NextPublication(kNow + 2 * kHour)->has_value());
}

TEST_P(StoreContractTest, NewArticleFiledAfterItsDateIsNotMarkedUpdated) {
  AddSections();
  Article a = Add(MakeInput("archived", kNow - 400 * 24 * kHour));
  EXPECT_EQ(a.updated_at, a.published_at);
}

TEST_P(StoreContractTest, UnpublishedIsFoundButNotListed) {
  AddSections();
  Article a = Add(MakeInput("gone", kNow - kHour));
  ASSERT_TRUE(store().SetArticleStatus(a.id, ArticleStatus::kUnpublished).ok());
  auto found = store().FindArticle("gone");
  ASSERT_TRUE(found.ok() && found->article);
  EXPECT_EQ(found->article->status, ArticleStatus::kUnpublished);
  EXPECT_EQ(CountListed(), 0);

  ASSERT_TRUE(store().SetArticleStatus(a.id, ArticleStatus::kPublished).ok());
  EXPECT_EQ(CountListed(), 1);
  EXPECT_EQ(store().SetArticleStatus(a.id + 100, ArticleStatus::kDraft).code(),
            StatusCode::kNotFound);
}

TEST_P(StoreContractTest, NeighboursFollowPublicationOrder) {
  AddSections();
  Article oldest = Add(MakeInput("oldest", kNow - 3 * kHour));
  Article tie_a = Add(MakeInput("tie-a", kNow - 2 * kHour));
  Article tie_b = Add(MakeInput("tie-b", kNow - 2 * kHour));
  ArticleInput draft = MakeInput("draft", kNow - 2 * kHour + 1);
  draft.status = ArticleStatus::kDraft;
  Add(draft);
  Article newest = Add(MakeInput("newest", kNow - kHour));
  Add(MakeInput("future", kNow + kHour));

  auto slug_of = [](const Result<std::optional<Article>>& r) -> std::string {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && *r ? (*r)->slug : "-";
  };
  EXPECT_EQ(slug_of(store().OlderArticle(oldest, kNow)), "-");
  EXPECT_EQ(slug_of(store().NewerArticle(oldest, kNow)), "tie-a");
  EXPECT_EQ(slug_of(store().OlderArticle(tie_b, kNow)), "tie-a");
  EXPECT_EQ(slug_of(store().NewerArticle(tie_a, kNow)), "tie-b");
  EXPECT_EQ(slug_of(store().NewerArticle(tie_b, kNow)), "newest");
  EXPECT_EQ(slug_of(store().OlderArticle(newest, kNow)), "tie-b");
  EXPECT_EQ(slug_of(store().NewerArticle(newest, kNow)), "-");
  EXPECT_EQ(slug_of(store().NewerArticle(newest, kNow + kHour)), "future");
}

TEST_P(StoreContractTest, SettingsUpsert) {
  auto empty = store().Settings();
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->empty());
  ASSERT_TRUE(store().PutSetting("site_name", "وكالة").ok());
  ASSERT_TRUE(store().PutSetting("copyright_from", "2019").ok());
  ASSERT_TRUE(store().PutSetting("site_name", "وكالة الأنباء").ok());
  auto settings = store().Settings();
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(*settings, (std::map<std::string, std::string>{{"copyright_from", "2019"},
                                                           {"site_name", "وكالة الأنباء"}}));
  EXPECT_EQ(store().PutSetting("", "x").code(), StatusCode::kInvalidInput);
}

TEST_P(StoreContractTest, ContentVersionMovesOnEveryWriteAndAcrossConnections) {
  auto reader = Open();  // stands in for `serve` while this test plays the CLI
  ASSERT_TRUE(reader);
  int64_t last = Version(*reader);
  auto expect_bumped = [&](const char* what) {
    const int64_t now = Version(*reader);
    EXPECT_GT(now, last) << what;
    EXPECT_EQ(Version(store()), now) << what;
    last = now;
  };
  ASSERT_TRUE(store().AddSection("سياسة", "politics").ok());
  expect_bumped("AddSection");
  Article a = Add(MakeInput("a", kNow));
  expect_bumped("AddArticle");
  ASSERT_TRUE(store().UpdateArticle(a.id, MakeInput("b", kNow)).ok());
  expect_bumped("UpdateArticle");
  ASSERT_TRUE(store().SetArticleStatus(a.id, ArticleStatus::kDraft).ok());
  expect_bumped("SetArticleStatus");
  ASSERT_TRUE(store().PutSetting("k", "v").ok());
  expect_bumped("PutSetting");

  // Failed writes and reads leave it alone.
  EXPECT_FALSE(store().AddSection("سياسة", "politics").ok());
  EXPECT_FALSE(store().SetArticleStatus(a.id + 1, ArticleStatus::kDraft).ok());
  ASSERT_TRUE(store().FindArticle("b").ok());
  EXPECT_EQ(Version(*reader), last);

  // And the reader sees the writer's data, not only the counter.
  auto seen = reader->FindArticle("b");
  ASSERT_TRUE(seen.ok() && seen->article);
  EXPECT_EQ(seen->article->status, ArticleStatus::kDraft);
}

TEST_P(StoreContractTest, ConcurrentWritersFromManyThreads) {
  AddSections();
  constexpr int kThreads = 4, kEach = 8;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto added = store().AddArticle(
            MakeInput("t" + std::to_string(t) + "-" + std::to_string(i), kNow - kHour,
                      "politics", "كاتب", {"مشترك"}));
        EXPECT_TRUE(added.ok()) << added.status().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(CountListed(), kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(OpenStoreTest, RejectsUnknownSchemes) {
  EXPECT_EQ(OpenStore("mysql://x").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(OpenStore("sqlite:").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(OpenStore("").status().code(), StatusCode::kInvalidInput);
}

TEST(OpenStoreTest, UnreachablePostgresqlIsUnavailable) {
  // Port 1 on localhost: nothing listens there.
  auto opened = OpenStore("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  EXPECT_EQ(opened.status().code(), StatusCode::kUnavailable);
}

TEST(OpenStoreTest, SqliteFileThatIsNotADatabase) {
  auto dir = std::filesystem::temp_directory_path() / ("wakala_store_test_" + RandomSuffix());
  std::filesystem::create_directories(dir);
  {
    FILE* f = std::fopen((dir / "junk.db").c_str(), "w");
    ASSERT_TRUE(f);
    std::fputs("this is not an SQLite database, just some text long enough to look like one\n"
                "................................................................................"
                "................................................................................",
                f);
    std::fclose(f);
  }
  auto opened = OpenStore("sqlite:" + (dir / "junk.db").string());
  EXPECT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption) << opened.status().ToString();
  std::filesystem::remove_all(dir);
}

// PostgreSQL only: a connection the server drops (restart, idle timeout) is re-established.
TEST(PostgresqlStoreTest, ReconnectsAfterTheServerDropsTheConnection) {
  ScratchDatabase db("postgresql");
  if (db.failed()) FAIL() << db.why();
  if (db.url().empty()) GTEST_SKIP() << db.why();
  auto opened = OpenStore(db.url());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Store& store = **opened;
  ASSERT_TRUE(store.AddSection("سياسة", "politics").ok());

  const char* admin = std::getenv(kPostgresEnv);
  // Kills the store's backend and waits until it is gone, so that the next call surely
  // meets a dead connection.
  auto kill_store_connection = [&] {
    const std::string others = " FROM pg_stat_activity WHERE datname = '" + db.database() +
                               "' AND pid <> pg_backend_pid()";
    ASSERT_TRUE(PgExec(admin, "SELECT pg_terminate_backend(pid)" + others));
    for (int i = 0; i < 100; ++i) {
      // Divides by zero, and so fails, while the backend is still there.
      if (PgExec(admin, "SELECT 1/(1 - LEAST(COUNT(*), 1))" + others)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "the store's backend did not go away";
  };
  kill_store_connection();
  auto sections = store.ListSections();
  ASSERT_TRUE(sections.ok()) << sections.status().ToString();
  EXPECT_EQ(sections->size(), 1u);
  kill_store_connection();
  EXPECT_TRUE(store.AddSection("اقتصاد", "economy").ok());  // BEGIN is retried too
}

}  // namespace
}  // namespace wakala::store
