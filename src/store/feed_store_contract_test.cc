// The FeedStore contract on every backend (see store_test_fixture.h): partner feeds, fetch
// bookkeeping, item deduplication, hiding and muting.
#include "store/store_test_fixture.h"

namespace wakala::store {
namespace {

// The shared fixture's article helper is not needed here; named so it counts as used.
[[maybe_unused]] constexpr auto kMakeInput = &MakeInput;

class FeedStoreTest : public StoreContractTest {
 protected:
  PartnerFeed AddFeed(const std::string& url, const std::string& name) {
    auto f = store().AddPartnerFeed({url, name, 300});
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : PartnerFeed{};
  }
  std::vector<FeedItem> Items(int64_t feed_id, bool include_hidden = true) {
    FeedItemQuery q;
    q.feed_id = feed_id;
    q.include_hidden = include_hidden;
    auto items = store().ListFeedItems(q);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    return items.ok() ? *items : std::vector<FeedItem>{};
  }
  FeedItemCounts Put(int64_t feed_id, std::vector<FeedItemInput> items, UnixSeconds now = kNow) {
    auto c = store().StoreFeedItems(feed_id, items, now);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : FeedItemCounts{-1, -1};
  }
};

TEST_P(FeedStoreTest, AddListFindAndRejectDuplicates) {
  PartnerFeed f = AddFeed("https://sharq.example/rss", "الشرق");
  EXPECT_GT(f.id, 0);
  EXPECT_EQ(f.name, "الشرق");
  EXPECT_EQ(f.poll_seconds, 300);
  EXPECT_TRUE(f.enabled);
  EXPECT_FALSE(f.muted);
  EXPECT_EQ(f.next_try, 0);
  EXPECT_FALSE(f.last_success.has_value());
  auto dup = store().AddPartnerFeed({"https://sharq.example/rss", "آخر", 60});
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store().AddPartnerFeed({"ftp://x.example/", "x", 60}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().AddPartnerFeed({"https://y.example/", "", 60}).status().code(), StatusCode::kInvalidInput);
  auto list = store().ListPartnerFeeds();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  for (std::string key : {std::to_string(f.id), std::string("الشرق"), std::string("https://sharq.example/rss")}) {
    auto found = store().FindPartnerFeed(key);
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value()) << key;
    EXPECT_EQ((*found)->id, f.id);
  }
  auto missing = store().FindPartnerFeed("لا يوجد");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(FeedStoreTest, FetchRecordsKeepSuccessErrorAndValidators) {
  PartnerFeed f = AddFeed("https://a.example/rss", "أ");
  int64_t before = Version(store());
  FetchRecord ok{kNow, true, "", std::string("\"v1\""), std::string("Mon, 16 Sep 2019 10:00:00 GMT"), kNow + 300, 0};
  ASSERT_TRUE(store().RecordFetch(f.id, ok).ok());
  FetchRecord bad{kNow + 300, false, "timed out after 30 s waiting for a.example", std::nullopt, std::nullopt, kNow + 900, 1};
  ASSERT_TRUE(store().RecordFetch(f.id, bad).ok());
  EXPECT_EQ(Version(store()), before) << "the poller's bookkeeping must not drop cached pages";
  auto found = store().FindPartnerFeed(std::to_string(f.id));
  ASSERT_TRUE(found.ok() && found->has_value());
  const PartnerFeed& g = **found;
  EXPECT_EQ(g.etag, "\"v1\"");
  EXPECT_EQ(g.last_modified, "Mon, 16 Sep 2019 10:00:00 GMT");
  EXPECT_EQ(g.last_success, kNow);
  EXPECT_EQ(g.last_attempt, kNow + 300);
  EXPECT_EQ(g.last_error, "timed out after 30 s waiting for a.example");
  EXPECT_EQ(g.next_try, kNow + 900);
  EXPECT_EQ(g.failures, 1);
  // A later success clears the error and the failure count, and keeps validators not resent.
  FetchRecord ok2{kNow + 1000, true, "", std::nullopt, std::nullopt, kNow + 1300, 0};
  ASSERT_TRUE(store().RecordFetch(f.id, ok2).ok());
  auto again = store().FindPartnerFeed(std::to_string(f.id));
  EXPECT_EQ((*again)->last_error, "");
  EXPECT_EQ((*again)->failures, 0);
  EXPECT_EQ((*again)->etag, "\"v1\"");
}

TEST_P(FeedStoreTest, ItemsAreDeduplicatedByIdLinkAndTitle) {
  PartnerFeed f = AddFeed("https://a.example/rss", "أ");
  auto c = Put(f.id, {{"g1", "https://a.example/1", "عنوان أول", "ملخص", kNow - 100},
                      {"g2", "https://a.example/2", "عنوان ثان", "", std::nullopt}});
  EXPECT_EQ(c.added, 2);
  EXPECT_EQ(c.updated, 0);
  // Seen again unchanged: nothing happens.
  c = Put(f.id, {{"g1", "https://a.example/1", "عنوان أول", "ملخص", kNow - 100}}, kNow + 10);
  EXPECT_EQ(c.added, 0);
  EXPECT_EQ(c.updated, 0);
  // Same id, corrected title: updated in place.
  c = Put(f.id, {{"g1", "https://a.example/1", "عنوان أول مصحح", "ملخص", kNow - 100}});
  EXPECT_EQ(c.updated, 1);
  // Changed id, same link: the same item.
  c = Put(f.id, {{"new-g1", "https://a.example/1", "عنوان أول مصحح", "ملخص", kNow - 100}});
  EXPECT_EQ(c.added, 0);
  EXPECT_EQ(c.updated, 1);
  // Changed id and link, same title: the same item.
  c = Put(f.id, {{"g2-moved", "https://a.example/2?utm=x", "عنوان ثان", "", std::nullopt}});
  EXPECT_EQ(c.added, 0);
  EXPECT_EQ(c.updated, 1);
  auto items = Items(f.id);
  ASSERT_EQ(items.size(), 2u);
  // Newest first: g2 has no date, so it is dated when first seen (kNow).
  EXPECT_EQ(items[0].guid, "g2-moved");
  EXPECT_EQ(items[0].published, kNow);
  EXPECT_EQ(items[0].link, "https://a.example/2?utm=x");
  EXPECT_EQ(items[1].guid, "new-g1");
  EXPECT_EQ(items[1].title, "عنوان أول مصحح");
  EXPECT_EQ(items[1].feed_name, "أ");
  // Another feed with the same ids is not deduplicated against the first.
  PartnerFeed g = AddFeed("https://b.example/rss", "ب");
  EXPECT_EQ(Put(g.id, {{"new-g1", "https://a.example/1", "عنوان أول مصحح", "", kNow}}).added, 1);
}

TEST_P(FeedStoreTest, OneBatchWithRepeatsStoresOneItem) {
  PartnerFeed f = AddFeed("https://a.example/rss", "أ");
  auto c = Put(f.id, {{"x", "https://a.example/x", "خبر", "", kNow},
                      {"x", "https://a.example/x", "خبر", "", kNow},
                      {"y", "https://a.example/x", "خبر", "", kNow}});
  EXPECT_EQ(c.added, 1);
  EXPECT_EQ(Items(f.id).size(), 1u);
}

TEST_P(FeedStoreTest, FutureDatesAreClampedToFirstSeen) {
  PartnerFeed f = AddFeed("https://a.example/rss", "أ");
  Put(f.id, {{"x", "", "خبر من المستقبل", "", kNow + 48 * kHour}});
  EXPECT_EQ(Items(f.id)[0].published, kNow);
}

TEST_P(FeedStoreTest, HiddenItemsAndMutedFeedsAreLeftOutOfListings) {
  PartnerFeed f = AddFeed("https://a.example/rss", "أ");
  PartnerFeed g = AddFeed("https://b.example/rss", "ب");
  Put(f.id, {{"1", "", "خبر أ1", "", kNow}, {"2", "", "خبر أ2", "", kNow + 1}});
  Put(g.id, {{"1", "", "خبر ب1", "", kNow + 2}});
  auto all = store().ListFeedItems({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].title, "خبر ب1");
  int64_t before = Version(store());
  ASSERT_TRUE(store().SetFeedItemHidden(Items(f.id)[0].id, true).ok());
  EXPECT_GT(Version(store()), before) << "an editor's change must reach the pages";
  ASSERT_TRUE(store().SetPartnerFeedMuted(g.id, true).ok());
  auto shown = store().ListFeedItems({});
  ASSERT_TRUE(shown.ok());
  ASSERT_EQ(shown->size(), 1u);
  EXPECT_EQ((*shown)[0].title, "خبر أ1");
  EXPECT_EQ(store().SetFeedItemHidden(999999, true).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store().SetPartnerFeedMuted(g.id, false).ok());
  auto back = store().ListFeedItems({});
  EXPECT_EQ(back->size(), 2u);
}

TEST_P(FeedStoreTest, UpdateRenamesAndMovesAHealthyFeedsNextPoll) {
  PartnerFeed f = AddFeed("https://a.example/rss", "أ");
  PartnerFeed g = AddFeed("https://b.example/rss", "ب");
  FetchRecord ok;
  ok.at = kNow;
  ok.ok = true;
  ok.next_try = kNow + 300;
  ASSERT_TRUE(store().RecordFetch(f.id, ok).ok());
  FetchRecord failed;
  failed.at = kNow;
  failed.error = "timed out";
  failed.failures = 2;
  failed.next_try = kNow + 1200;
  ASSERT_TRUE(store().RecordFetch(g.id, failed).ok());
  int64_t before = Version(store());
  ASSERT_TRUE(store().UpdatePartnerFeed(f.id, "الأفق الجديد", 60).ok());
  EXPECT_GT(Version(store()), before) << "a renamed source must reach the ticker";
  ASSERT_TRUE(store().UpdatePartnerFeed(g.id, "ب", 60).ok());
  auto a = store().FindPartnerFeed(std::to_string(f.id));
  auto b = store().FindPartnerFeed(std::to_string(g.id));
  ASSERT_TRUE(a.ok() && a->has_value() && b.ok() && b->has_value());
  EXPECT_EQ((*a)->name, "الأفق الجديد");
  EXPECT_EQ((*a)->poll_seconds, 60);
  EXPECT_EQ((*a)->next_try, kNow + 60);
  EXPECT_EQ((*b)->poll_seconds, 60);
  EXPECT_EQ((*b)->next_try, kNow + 1200) << "a failing feed keeps its backoff";
  EXPECT_EQ(store().UpdatePartnerFeed(999999, "x", 60).code(), StatusCode::kNotFound);
  EXPECT_EQ(store().UpdatePartnerFeed(f.id, "", 60).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store().UpdatePartnerFeed(f.id, "x", 0).code(), StatusCode::kInvalidInput);
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wakala::store
