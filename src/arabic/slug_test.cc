#include "arabic/slug.h"

#include <gtest/gtest.h>

namespace wakala::arabic {
namespace {

struct SlugCase {
  const char* title;
  const char* slug;
};

// Titles as editors type them, and the slug a reader sees in the address bar.
const SlugCase kCases[] = {
    {"أهداف اللقاء الثاني بين السيسي و حفتر", "أهداف-اللقاء-الثاني-بين-السيسي-و-حفتر"},
    {"إيران تنفي مجدداً.. \"لا علاقة لنا بهجمات أرامكو\"", "إيران-تنفي-مجددا-لا-علاقة-لنا-بهجمات-أرامكو"},
    {"انطلاق فعاليات الدورة الـ13 لمهرجان القراءة للجميع", "انطلاق-فعاليات-الدورة-ال13-لمهرجان-القراءة-للجميع"},
    {"رسميًا.. كاف يعلن الترجي التونسي بطلاً لأفريقيا", "رسميا-كاف-يعلن-الترجي-التونسي-بطلا-لأفريقيا"},
    {"القـــمة العربية ٢٠١٩", "القمة-العربية-2019"},
    {"Apple تطلق iPhone جديداً", "apple-تطلق-iphone-جديدا"},
    {"  ؟؟ ،، !!  ", ""},
    {"<script>alert(1)</script>", "script-alert-1-script"},
};

TEST(Slugify, KeepsArabicLettersAndDropsMarks) {
  for (const auto& c : kCases) EXPECT_EQ(Slugify(c.title), c.slug) << c.title;
}

TEST(Slugify, CutsLongTitlesAtAWordBoundary) {
  std::string slug = Slugify("كلمة كلمة كلمة كلمة", 12);
  EXPECT_EQ(slug, "كلمة-كلمة");
}

}  // namespace
}  // namespace wakala::arabic
