// The CommentStore contract on every backend (see store_test_fixture.h).
#include "store/store_test_fixture.h"

namespace wakala::store {
namespace {

class CommentStoreTest : public StoreContractTest {
 protected:
  Article Published(const std::string& slug) {
    if (!sections_added_) {
      AddSections();
      sections_added_ = true;
    }
    return Add(MakeInput(slug, kNow - kHour));
  }
  CommentInput Input(int64_t article_id, const std::string& body,
                     CommentStatus status = CommentStatus::kHeld) {
    CommentInput in;
    in.article_id = article_id;
    in.author_name = "سارة";
    in.email = "sara@example.com";
    in.ip = "192.0.2.7";
    in.body = body;
    in.status = status;
    in.created_at = kNow;
    return in;
  }
  bool sections_added_ = false;
};

TEST_P(CommentStoreTest, AddFindListAndCount) {
  Article a = Published("first");
  auto held = store().AddComment(Input(a.id, "تعليق أول\nبسطرين"));
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_GT(held->id, 0);
  EXPECT_FALSE(held->key.empty());
  EXPECT_EQ(held->status, CommentStatus::kHeld);
  EXPECT_EQ(held->body, "تعليق أول\nبسطرين");
  EXPECT_EQ(held->article_slug, "first");

  auto approved = store().AddComment(Input(a.id, "رأي آخر", CommentStatus::kApproved));
  ASSERT_TRUE(approved.ok());
  auto shown = store().ListComments({.article_id = a.id, .status = CommentStatus::kApproved});
  ASSERT_TRUE(shown.ok());
  ASSERT_EQ(shown->size(), 1u);
  EXPECT_EQ((*shown)[0].id, approved->id);

  auto counts = store().CountComments(a.id);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->held, 1);
  EXPECT_EQ(counts->approved, 1);
  auto all = store().CountComments(std::nullopt);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->held + all->approved, 2);

  auto found = store().FindComment(held->id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->email, "sara@example.com");
  EXPECT_EQ((*found)->ip, "192.0.2.7");
  auto missing = store().FindComment(held->id + 100);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(CommentStoreTest, RejectsBadInputAndWritesNothing) {
  Article a = Published("first");
  EXPECT_EQ(store().AddComment(Input(a.id, "")).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().AddComment(Input(a.id, "bad \xff utf8")).status().code(), StatusCode::kInvalidInput);
  CommentInput nameless = Input(a.id, "نص");
  nameless.author_name = "";
  EXPECT_EQ(store().AddComment(nameless).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().AddComment(Input(a.id + 99, "نص")).status().code(), StatusCode::kNotFound);
  CommentInput orphan = Input(a.id, "رد");
  orphan.parent_id = 12345;
  EXPECT_EQ(store().AddComment(orphan).status().code(), StatusCode::kNotFound);
  auto counts = store().CountComments(std::nullopt);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->held + counts->approved + counts->rejected + counts->spam, 0);
}

TEST_P(CommentStoreTest, RepliesAreOneLevelDeep) {
  Article a = Published("first");
  Article b = Published("second");
  auto top = store().AddComment(Input(a.id, "أصل", CommentStatus::kApproved));
  ASSERT_TRUE(top.ok());
  CommentInput reply = Input(a.id, "رد");
  reply.parent_id = top->id;
  auto r1 = store().AddComment(reply);
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->parent_id, top->id);
  reply.parent_id = r1->id;
  reply.body = "رد على الرد";
  auto r2 = store().AddComment(reply);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->parent_id, top->id) << "a reply to a reply answers the top-level comment";
  CommentInput elsewhere = Input(b.id, "رد في مقال آخر");
  elsewhere.parent_id = top->id;
  EXPECT_EQ(store().AddComment(elsewhere).status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(store().DeleteComment(top->id).ok());
  auto left = store().CountComments(a.id);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->held + left->approved, 0) << "replies go with their comment";
}

TEST_P(CommentStoreTest, ModerationChangesNoteTheArticlesScopeOnly) {
  Article a = Published("first");
  auto before = store().ContentVersion();
  ASSERT_TRUE(before.ok());
  auto c = store().AddComment(Input(a.id, "بانتظار المراجعة"));
  ASSERT_TRUE(c.ok());
  auto held = store().ChangesSince(*before);
  ASSERT_TRUE(held.ok());
  EXPECT_FALSE(held->everything);
  for (const auto& s : held->scopes) EXPECT_EQ(s.rfind("comments:", 0), std::string::npos) << s;

  auto mid = store().ContentVersion();
  ASSERT_TRUE(mid.ok());
  ASSERT_TRUE(store().SetCommentStatus(c->id, CommentStatus::kApproved).ok());
  auto approved = store().ChangesSince(*mid);
  ASSERT_TRUE(approved.ok());
  EXPECT_FALSE(approved->everything);
  EXPECT_EQ(approved->scopes, (std::vector<std::string>{"comments:" + std::to_string(a.id)}));

  ASSERT_TRUE(store().EditComment(c->id, "نص معدل").ok());
  auto edited = store().FindComment(c->id);
  ASSERT_TRUE(edited.ok() && edited->has_value());
  EXPECT_EQ((*edited)->body, "نص معدل");
  EXPECT_EQ((*edited)->status, CommentStatus::kApproved);
  EXPECT_EQ(store().EditComment(c->id, "").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().SetCommentStatus(c->id + 50, CommentStatus::kSpam).code(), StatusCode::kNotFound);
  EXPECT_EQ(store().DeleteComment(c->id + 50).code(), StatusCode::kNotFound);
}

TEST_P(CommentStoreTest, AntiSpamLookups) {
  Article a = Published("first");
  Article b = Published("second");
  ASSERT_TRUE(store().AddComment(Input(a.id, "نص مكرر")).ok());
  auto by_ip = store().CountRecentComments(std::string("192.0.2.7"), std::nullopt, kNow - 60);
  ASSERT_TRUE(by_ip.ok());
  EXPECT_EQ(*by_ip, 1);
  auto other_ip = store().CountRecentComments(std::string("192.0.2.8"), std::nullopt, kNow - 60);
  ASSERT_TRUE(other_ip.ok());
  EXPECT_EQ(*other_ip, 0);
  auto by_article = store().CountRecentComments(std::nullopt, b.id, kNow - 60);
  ASSERT_TRUE(by_article.ok());
  EXPECT_EQ(*by_article, 0);
  auto later = store().CountRecentComments(std::nullopt, a.id, kNow + 1);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(*later, 0);

  auto same_article = store().HasDuplicateComment(a.id, "نص مكرر", "198.51.100.1", kNow - 60);
  ASSERT_TRUE(same_article.ok());
  EXPECT_TRUE(*same_article);
  auto same_ip = store().HasDuplicateComment(b.id, "نص مكرر", "192.0.2.7", kNow - 60);
  ASSERT_TRUE(same_ip.ok());
  EXPECT_TRUE(*same_ip);
  auto fresh = store().HasDuplicateComment(b.id, "نص مكرر", "198.51.100.1", kNow - 60);
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(*fresh);

  auto returning = store().HasApprovedComment("سارة", "sara@example.com");
  ASSERT_TRUE(returning.ok());
  EXPECT_FALSE(*returning) << "only a held comment so far";
  ASSERT_TRUE(store().AddComment(Input(a.id, "مقبول", CommentStatus::kApproved)).ok());
  returning = store().HasApprovedComment("سارة", "sara@example.com");
  ASSERT_TRUE(returning.ok());
  EXPECT_TRUE(*returning);
  auto no_email = store().HasApprovedComment("سارة", "");
  ASSERT_TRUE(no_email.ok());
  EXPECT_FALSE(*no_email);
}

TEST_P(CommentStoreTest, BansClosingAndSecret) {
  Article a = Published("first");
  ASSERT_TRUE(store().AddCommentBan("email", "spam@example.com", kNow).ok());
  ASSERT_TRUE(store().AddCommentBan("email", "spam@example.com", kNow).ok()) << "idempotent";
  ASSERT_TRUE(store().AddCommentBan("ip", "203.0.113.9", kNow).ok());
  EXPECT_EQ(store().AddCommentBan("name", "x", kNow).code(), StatusCode::kInvalidInput);
  auto bans = store().ListCommentBans();
  ASSERT_TRUE(bans.ok());
  ASSERT_EQ(bans->size(), 2u);
  auto banned = store().IsCommentBanned("spam@example.com", "192.0.2.1");
  ASSERT_TRUE(banned.ok());
  EXPECT_TRUE(*banned);
  banned = store().IsCommentBanned("", "203.0.113.9");
  ASSERT_TRUE(banned.ok());
  EXPECT_TRUE(*banned);
  banned = store().IsCommentBanned("", "192.0.2.1");
  ASSERT_TRUE(banned.ok());
  EXPECT_FALSE(*banned);
  ASSERT_TRUE(store().RemoveCommentBan((*bans)[0].id).ok());
  EXPECT_EQ(store().RemoveCommentBan((*bans)[0].id).code(), StatusCode::kNotFound);

  auto closed = store().CommentsClosed(a.id);
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(*closed);
  ASSERT_TRUE(store().SetCommentsClosed(a.id, true).ok());
  ASSERT_TRUE(store().SetCommentsClosed(a.id, true).ok());
  closed = store().CommentsClosed(a.id);
  ASSERT_TRUE(closed.ok());
  EXPECT_TRUE(*closed);
  ASSERT_TRUE(store().SetCommentsClosed(a.id, false).ok());
  closed = store().CommentsClosed(a.id);
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(*closed);
  EXPECT_EQ(store().SetCommentsClosed(a.id + 99, true).code(), StatusCode::kNotFound);

  auto secret = store().EnsureCommentSecret("first-key");
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(*secret, "first-key");
  auto again = store().EnsureCommentSecret("second-key");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, "first-key") << "the first stored key stays";
}

TEST_P(CommentStoreTest, DumpAndImportCarryComments) {
  Article a = Published("first");
  auto top = store().AddComment(Input(a.id, "أصل", CommentStatus::kApproved));
  ASSERT_TRUE(top.ok());
  CommentInput reply = Input(a.id, "رد");
  reply.parent_id = top->id;
  reply.created_at = kNow + 5;
  ASSERT_TRUE(store().AddComment(reply).ok());
  ASSERT_TRUE(store().SetCommentsClosed(a.id, true).ok());
  auto dump = store().Dump();
  ASSERT_TRUE(dump.ok()) << dump.status().ToString();
  ASSERT_EQ(dump->comments.size(), 2u);
  EXPECT_EQ(dump->comments[1].parent_key, dump->comments[0].key);
  EXPECT_EQ(dump->comments_closed, (std::vector<std::string>{"first"}));

  ScratchDatabase other(GetParam());
  auto target = OpenStore(other.url());
  ASSERT_TRUE(target.ok());
  auto counts = (*target)->Import(*dump, true);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->comments_created, 2);
  auto again = (*target)->Import(*dump, false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->comments_created, 0) << "importing twice never duplicates";
  EXPECT_EQ(again->comments_updated, 0);
  auto second = (*target)->Dump();
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->comments.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(second->comments[i].key, dump->comments[i].key);
    EXPECT_EQ(second->comments[i].parent_key, dump->comments[i].parent_key);
    EXPECT_EQ(second->comments[i].body, dump->comments[i].body);
    EXPECT_EQ(second->comments[i].status, dump->comments[i].status);
    EXPECT_EQ(second->comments[i].created_at, dump->comments[i].created_at);
  }
  EXPECT_EQ(second->comments_closed, dump->comments_closed);

  SiteDump bad;
  bad.comments.push_back({"k1", "no-such-article", "", "n", "", "", "نص", "held", kNow});
  EXPECT_EQ((*target)->Import(bad, false).status().code(), StatusCode::kInvalidInput);
}

INSTANTIATE_TEST_SUITE_P(Backends, CommentStoreTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace wakala::store
