// The NewsroomStore contract on every backend (see store_test_fixture.h).
#include "store/store_test_fixture.h"

namespace wakala::store {
namespace {

class NewsroomStoreTest : public StoreContractTest {};

TEST_P(NewsroomStoreTest, UsersAreUniqueAndDisablingEndsTheirSessions) {
  auto alice = store().AddUser("alice", Role::kEditor, "hash-a");
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  EXPECT_EQ(alice->role, Role::kEditor);
  EXPECT_EQ(store().AddUser("alice", Role::kAuthor, "x").status().code(), StatusCode::kConflict);
  EXPECT_EQ(store().AddUser("a b", Role::kAuthor, "x").status().code(), StatusCode::kInvalidInput);

  ASSERT_TRUE(store().AddSession("t1", alice->id, "csrf1", kNow, kNow + kHour).ok());
  auto found = store().FindSession("t1", kNow + 1);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->user.name, "alice");
  EXPECT_EQ((*found)->csrf_token, "csrf1");
  EXPECT_FALSE(store().FindSession("t1", kNow + kHour)->has_value()) << "expired";
  EXPECT_FALSE(store().FindSession("nope", kNow)->has_value());

  ASSERT_TRUE(store().SetUserDisabled(alice->id, true).ok());
  EXPECT_FALSE(store().FindSession("t1", kNow + 1)->has_value());
  ASSERT_TRUE(store().AddSession("t2", alice->id, "c", kNow, kNow + kHour).ok());
  EXPECT_FALSE(store().FindSession("t2", kNow + 1)->has_value()) << "a disabled account has no session";
  ASSERT_TRUE(store().SetUserDisabled(alice->id, false).ok());
  EXPECT_TRUE(store().FindSession("t2", kNow + 1)->has_value());
}

TEST_P(NewsroomStoreTest, SessionsSurviveReopeningTheDatabase) {
  auto bob = store().AddUser("bob", Role::kAuthor, "h");
  ASSERT_TRUE(bob.ok());
  ASSERT_TRUE(store().AddSession("tok", bob->id, "c", kNow, kNow + kHour).ok());
  auto other = Open();
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->FindSession("tok", kNow + 1)->has_value());
  ASSERT_TRUE(other->AddSession("tok2", bob->id, "c", kNow, kNow + kHour).ok());
  ASSERT_TRUE(store().DeleteUserSessions(bob->id, "tok2").ok());
  EXPECT_FALSE(store().FindSession("tok", kNow + 1)->has_value());
  EXPECT_TRUE(store().FindSession("tok2", kNow + 1)->has_value());
}

TEST_P(NewsroomStoreTest, LoginFailuresAreCountedPerAccountAndAddress) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store().RecordLoginFailure("alice", "10.0.0.1", kNow + i).ok());
  ASSERT_TRUE(store().RecordLoginFailure("bob", "10.0.0.1", kNow).ok());
  auto counts = store().CountLoginFailures("alice", "10.0.0.1", kNow);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->account, 3);
  EXPECT_EQ(counts->address, 4);
  EXPECT_EQ(store().CountLoginFailures("alice", "10.0.0.9", kNow + 2)->account, 1);
  ASSERT_TRUE(store().ClearLoginFailures("alice").ok());
  EXPECT_EQ(store().CountLoginFailures("alice", "x", kNow)->account, 0);
}

TEST_P(NewsroomStoreTest, EverySaveKeepsARevisionAndStaleSavesConflict) {
  AddSections();
  auto editor = store().AddUser("sara", Role::kEditor, "h");
  ASSERT_TRUE(editor.ok());
  ArticleInput in = MakeInput("story", kNow, "politics", "وكالة الأنباء", {"مصر"});
  in.editor_id = editor->id;
  Article a = Add(in);
  EXPECT_EQ(a.revision, 1);
  EXPECT_EQ(a.owner_id, editor->id);

  in.title = "عنوان معدل";
  in.expected_revision = 1;
  auto second = store().UpdateArticle(a.id, in);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->revision, 2);

  // Another editor still holding revision 1 is refused, and nothing is written.
  ArticleInput stale = in;
  stale.title = "عنوان قديم";
  auto refused = store().UpdateArticle(a.id, stale);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ((*store().FindArticleById(a.id))->title, "عنوان معدل");

  auto revisions = store().ListRevisions(a.id);
  ASSERT_TRUE(revisions.ok());
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ((*revisions)[0].revision, 2);
  EXPECT_EQ((*revisions)[0].editor_name, "sara");
  EXPECT_EQ((*revisions)[1].title, "عنوان story");
  EXPECT_EQ((*revisions)[1].tags, std::vector<std::string>{"مصر"});
  auto first = store().FindRevision(a.id, 1);
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->section_slug, "politics");
}

TEST_P(NewsroomStoreTest, AgencyAndSourceCreditAreSavedListedAndKeptInRevisions) {
  AddSections();
  ArticleInput in = MakeInput("wire", kNow - kHour);
  Article plain = Add(in);
  EXPECT_EQ(plain.agency, "") << "both are optional";
  EXPECT_EQ(plain.source_credit, "");

  in.agency = "رويترز";
  in.source_credit = "المصدر: وكالة الأنباء الألمانية (د ب أ)";
  auto updated = store().UpdateArticle(plain.id, in);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->agency, "رويترز");
  EXPECT_EQ(updated->source_credit, "المصدر: وكالة الأنباء الألمانية (د ب أ)");
  auto found = store().FindArticle("wire");
  ASSERT_TRUE(found.ok() && found->article);
  EXPECT_EQ(found->article->agency, "رويترز");
  EXPECT_EQ(found->article->source_credit, "المصدر: وكالة الأنباء الألمانية (د ب أ)");
  ArticleQuery q;
  q.now = kNow;
  auto listed = store().ListArticles(q);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->articles.size(), 1u);
  EXPECT_EQ(listed->articles[0].agency, "رويترز") << "listings carry them for the feeds";

  // Each revision keeps the values it was saved with, so a restore can bring them back.
  auto first = store().FindRevision(plain.id, 1);
  auto second = store().FindRevision(plain.id, 2);
  ASSERT_TRUE(first.ok() && first->has_value() && second.ok() && second->has_value());
  EXPECT_EQ((*first)->agency, "");
  EXPECT_EQ((*first)->source_credit, "");
  EXPECT_EQ((*second)->agency, "رويترز");
  EXPECT_EQ((*second)->source_credit, "المصدر: وكالة الأنباء الألمانية (د ب أ)");
}

TEST_P(NewsroomStoreTest, ScheduledArticlesArePublishedOnceWhenDue) {
  AddSections();
  ArticleInput in = MakeInput("later", kNow + kHour);
  in.status = ArticleStatus::kScheduled;
  Add(in);
  EXPECT_TRUE(store().PublishDue(kNow)->empty());
  EXPECT_EQ(*store().NextPublication(kNow), kNow + kHour);

  auto other = Open();
  ASSERT_TRUE(other);
  auto first = store().PublishDue(kNow + kHour);
  auto second = other->PublishDue(kNow + kHour);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->size() + second->size(), 1u);
  auto live = store().FindArticle("later");
  EXPECT_EQ(live->article->status, ArticleStatus::kPublished);
}

TEST_P(NewsroomStoreTest, NewsroomListingsSeeEveryStatus) {
  AddSections();
  auto author = store().AddUser("omar", Role::kAuthor, "h");
  ASSERT_TRUE(author.ok());
  ArticleInput draft = MakeInput("draft", kNow);
  draft.status = ArticleStatus::kDraft;
  draft.editor_id = author->id;
  Add(draft);
  ArticleInput pending = MakeInput("pending", kNow);
  pending.status = ArticleStatus::kPending;
  Add(pending);
  ArticleQuery q;
  q.newsroom = true;
  EXPECT_EQ(store().ListArticles(q)->total, 2);
  q.status = ArticleStatus::kPending;
  EXPECT_EQ(Slugs(*store().ListArticles(q)), std::vector<std::string>{"pending"});
  q.status.reset();
  q.owner_id = author->id;
  EXPECT_EQ(Slugs(*store().ListArticles(q)), std::vector<std::string>{"draft"});
  EXPECT_EQ(CountListed(), 0) << "readers see neither";
}

TEST_P(NewsroomStoreTest, AuditLogKeepsWhoDidWhat) {
  auto admin = store().AddUser("root", Role::kAdministrator, "h");
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE(store().Audit(admin->id, "login", "", kNow).ok());
  ASSERT_TRUE(store().Audit(0, "article.add", "«خبر»", kNow + 1).ok());
  auto log = store().ListAudit(10, 0);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "article.add");
  EXPECT_EQ((*log)[0].user_name, "");
  EXPECT_EQ((*log)[1].user_name, "root");
}

INSTANTIATE_TEST_SUITE_P(Backends, NewsroomStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace wakala::store
