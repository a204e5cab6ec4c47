#include "http/prepared.h"

#include <gtest/gtest.h>

#include "http/response_cache.h"
#include "http/router.h"

namespace wakala::http {
namespace {

TEST(NegotiateEncoding, PrefersBrotliThenGzipAndHonoursRefusals) {
  EXPECT_EQ(NegotiateEncoding(""), Encoding::kIdentity);
  EXPECT_EQ(NegotiateEncoding("gzip, deflate"), Encoding::kGzip);
  EXPECT_EQ(NegotiateEncoding("gzip, deflate, br"), Encoding::kBrotli);
  EXPECT_EQ(NegotiateEncoding("br;q=0, gzip"), Encoding::kGzip);
  EXPECT_EQ(NegotiateEncoding("gzip;q=0.0"), Encoding::kIdentity);
  EXPECT_EQ(NegotiateEncoding("gzip;q=0.5"), Encoding::kGzip);
}

TEST(Prepare, MakesCompressedVariantsOnlyForLargeTextPages) {
  Response page;
  page.body = std::string(5000, 'x');
  auto p = Prepare(page, true);
  ASSERT_TRUE(p->variants[1].body);
  ASSERT_TRUE(p->variants[2].body);
  EXPECT_LT(p->variants[1].body->size(), 200u);
  EXPECT_NE(p->variants[1].head.find("Content-Encoding: gzip"), std::string::npos);
  EXPECT_NE(p->variants[2].head.find("Content-Encoding: br"), std::string::npos);
  EXPECT_NE(p->variants[0].head.find("Vary: Accept-Encoding"), std::string::npos);

  Response small;
  small.body = "short";
  auto q = Prepare(small, true);
  EXPECT_FALSE(q->variants[1].body);
  EXPECT_EQ(&q->Pick(Encoding::kGzip), &q->variants[0]);
}

TEST(IsNotModified, MatchesEtagsWeaklyAndDates) {
  Response page;
  page.body = "hello";
  page.last_modified = 1557403200;
  auto p = Prepare(page, false);
  std::string strong = p->etag.substr(2);  // without W/
  EXPECT_TRUE(IsNotModified(*p, p->etag, ""));
  EXPECT_TRUE(IsNotModified(*p, strong, ""));
  EXPECT_TRUE(IsNotModified(*p, "\"other\", " + p->etag, ""));
  EXPECT_FALSE(IsNotModified(*p, "\"other\"", ""));
  EXPECT_TRUE(IsNotModified(*p, "", "Thu, 09 May 2019 12:00:00 GMT"));
  EXPECT_TRUE(IsNotModified(*p, "", "Fri, 10 May 2019 12:00:00 GMT"));
  EXPECT_FALSE(IsNotModified(*p, "", "Wed, 08 May 2019 12:00:00 GMT"));
  EXPECT_FALSE(IsNotModified(*p, "", "yesterday"));
}

TEST(ResponseCache, DropsAPageRenderedBeforeAClear) {
  ResponseCache cache;
  Response page;
  page.body = "old";
  uint64_t before = cache.Generation();
  cache.Clear();  // a write committed while the page was being rendered
  cache.Insert("/", Prepare(page, false), before);
  EXPECT_EQ(cache.Find("/"), nullptr);
  cache.Insert("/", Prepare(page, false), cache.Generation());
  EXPECT_NE(cache.Find("/"), nullptr);
}

TEST(ResponseCache, StaysWithinItsByteBudget) {
  ResponseCache cache(10000);
  Response page;
  page.body = std::string(3000, 'x');
  for (int i = 0; i < 20; ++i) cache.Insert("/p" + std::to_string(i), Prepare(page, false), cache.Generation());
  EXPECT_LE(cache.size(), 3u);
}

TEST(Router, MatchesSegmentsAndCaptures) {
  Router router;
  router.Add("GET", "/section/{slug}/page/{n}", [](const Request&, const RouteParams& p) {
    return Response::Text(200, p.Get("slug") + "|" + p.Get("n"));
  });
  router.SetNotFound([](const Request&) { return Response::Text(404, "nf"); });
  Request r;
  r.method = "GET";
  r.path = "/section/سياسة/page/2";
  EXPECT_EQ(router.Dispatch(r).body, "سياسة|2");
  r.method = "HEAD";
  EXPECT_EQ(router.Dispatch(r).status, 200);
  r.method = "POST";
  EXPECT_EQ(router.Dispatch(r).status, 405);
  r.method = "GET";
  r.path = "/section/x/page";
  EXPECT_EQ(router.Dispatch(r).status, 404);
}

}  // namespace
}  // namespace wakala::http

namespace wakala::http {
namespace {

TEST(ResponseCache, InvalidatesOnlyPagesShowingAChangedScope) {
  ResponseCache cache;
  auto page = [](std::vector<std::string> scopes) {
    Response r;
    r.body = "x";
    r.cache_scopes = std::move(scopes);
    return Prepare(r, false);
  };
  cache.Insert("/", page({"home", "article:1"}), cache.Generation());
  cache.Insert("/article/a", page({"article:1", "section:1"}), cache.Generation());
  cache.Insert("/article/b", page({"article:2", "section:2"}), cache.Generation());
  cache.Insert("/feed.xml", page({}), cache.Generation());
  cache.Invalidate({"section:1"});
  EXPECT_NE(cache.Find("/"), nullptr);
  EXPECT_EQ(cache.Find("/article/a"), nullptr);
  EXPECT_NE(cache.Find("/article/b"), nullptr);
  EXPECT_EQ(cache.Find("/feed.xml"), nullptr) << "a page without scopes goes on every change";
}

}  // namespace
}  // namespace wakala::http
