// The MediaStore contract on every backend (see store_test_fixture.h).
#include "store/store_test_fixture.h"

namespace wakala::store {
namespace {

class MediaStoreTest : public StoreContractTest {};

Media MakeMedia(char digit, const std::string& name) {
  Media m;
  m.hash = std::string(64, digit);
  m.original_name = name;
  m.type = "jpeg";
  m.width = 1200;
  m.height = 800;
  m.widths = {960, 480, 1200};
  m.alt = "وزير الخارجية في المؤتمر";
  m.caption = "المؤتمر الصحفي في القاهرة";
  m.created_at = kNow;
  return m;
}

TEST_P(MediaStoreTest, AddFindAndListMedia) {
  auto user = store().AddUser("photo", Role::kAuthor, "h");
  ASSERT_TRUE(user.ok());
  Media in = MakeMedia('a', "صورة.jpg");
  in.uploader_id = user->id;
  auto added = store().AddMedia(in);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_GT(added->id, 0);
  EXPECT_EQ(added->widths, (std::vector<int>{480, 960, 1200})) << "kept ascending";
  EXPECT_EQ(added->original_name, "صورة.jpg");
  EXPECT_EQ(added->uploader_id, user->id);

  auto found = store().FindMedia(added->id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->hash, in.hash);
  EXPECT_EQ((*found)->type, "jpeg");
  EXPECT_EQ((*found)->width, 1200);
  EXPECT_EQ((*found)->height, 800);
  EXPECT_EQ((*found)->alt, in.alt);
  EXPECT_EQ((*found)->caption, in.caption);
  EXPECT_EQ((*found)->created_at, kNow);
  EXPECT_FALSE(store().FindMedia(added->id + 100)->has_value());

  // The same bytes again: the same item, unchanged.
  Media again = MakeMedia('a', "other.jpg");
  auto second = store().AddMedia(again);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->id, added->id);
  EXPECT_EQ(second->original_name, "صورة.jpg");

  Media later = MakeMedia('b', "b.png");
  later.type = "png";
  later.created_at = kNow + kHour;
  ASSERT_TRUE(store().AddMedia(later).ok());
  auto listed = store().ListMedia(10, 0);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].hash, later.hash) << "newest first";
  EXPECT_EQ((*listed)[0].uploader_id, 0) << "no uploader: the command line";
  EXPECT_EQ(store().ListMedia(1, 1)->size(), 1u);
}

TEST_P(MediaStoreTest, RefusesBadRecordsAndWritesNothing) {
  Media bad_hash = MakeMedia('a', "x");
  bad_hash.hash = "ABC";
  Media bad_type = MakeMedia('b', "x");
  bad_type.type = "pdf";
  Media no_widths = MakeMedia('c', "x");
  no_widths.widths.clear();
  Media bad_text = MakeMedia('d', "x");
  bad_text.alt = "\xff";
  for (const Media& m : {bad_hash, bad_type, no_widths, bad_text})
    EXPECT_EQ(store().AddMedia(m).status().code(), StatusCode::kInvalidInput) << m.hash;
  EXPECT_TRUE(store().ListMedia(10, 0)->empty());
}

TEST_P(MediaStoreTest, FeaturedImageIsSetReplacedAndRemoved) {
  AddSections();
  Article a = Add(MakeInput("story", kNow, "politics", "وكالة الأنباء", {}));
  auto first = store().AddMedia(MakeMedia('1', "1.jpg"));
  auto second = store().AddMedia(MakeMedia('2', "2.jpg"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_FALSE(store().FindFeaturedMedia(a.id)->has_value());

  ASSERT_TRUE(store().SetFeaturedMedia(a.id, first->id, "تعليق المقال", "بديل").ok());
  auto featured = store().FindFeaturedMedia(a.id);
  ASSERT_TRUE(featured.ok() && featured->has_value()) << featured.status().ToString();
  EXPECT_EQ((*featured)->media.id, first->id);
  EXPECT_EQ((*featured)->media.widths, (std::vector<int>{480, 960, 1200}));
  EXPECT_EQ((*featured)->caption, "تعليق المقال");
  EXPECT_EQ((*featured)->alt, "بديل");

  ASSERT_TRUE(store().SetFeaturedMedia(a.id, second->id, "", "ب").ok());
  EXPECT_EQ((*store().FindFeaturedMedia(a.id))->media.id, second->id);

  EXPECT_EQ(store().SetFeaturedMedia(a.id, second->id + 100, "", "").code(), StatusCode::kNotFound);
  EXPECT_EQ((*store().FindFeaturedMedia(a.id))->media.id, second->id) << "a refused change keeps the old one";
  EXPECT_EQ(store().SetFeaturedMedia(a.id + 100, first->id, "", "").code(), StatusCode::kNotFound);
  EXPECT_EQ(store().SetFeaturedMedia(a.id, first->id, "\xff", "").code(), StatusCode::kInvalidInput);

  ASSERT_TRUE(store().SetFeaturedMedia(a.id, 0, "", "").ok());
  EXPECT_FALSE(store().FindFeaturedMedia(a.id)->has_value());
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, MediaStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace wakala::store
