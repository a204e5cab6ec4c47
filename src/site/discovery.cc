// Discovery: how search engines and social networks find and show the agency's articles.
// Sitemaps (sitemaps.org 0.9: an index, then paged sitemaps), the Google News sitemap (the
// last 48 hours), robots.txt, and an article's OpenGraph/Twitter/JSON-LD <head> metadata.
#include <charconv>

#include "base/utf8.h"
#include "render/escape.h"
#include "render/xml_writer.h"
#include "site/site.h"
#include "site/syndication.h"

namespace wakala::site {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr const char* kSitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
constexpr const char* kNewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
constexpr int kSitemapPageSize = 1000;  // URLs per sitemap (the protocol allows 50,000)
constexpr int kNewsWindow = 48 * 3600;  // Google News takes articles of the last two days
constexpr int kNewsMax = 1000;          // and at most 1,000 URLs per news sitemap

Response Xml(std::string body, UnixSeconds last_modified) {
  Response r;
  r.content_type = "application/xml; charset=utf-8";
  r.body = std::move(body);
  r.cacheable = true;
  r.last_modified = last_modified;
  return r;
}

std::string Meta(const char* attr, const char* name, const std::string& content) {
  return std::string("<meta ") + attr + "=\"" + name + "\" content=\"" +
         render::EscapeHtml(content) + "\">\n";
}

}  // namespace

void Site::AddDiscoveryRoutes(http::Router& r) {
  using P = http::RouteParams;
  r.Add("GET", "/robots.txt", [this](const Request&, const P&) { return Robots(); });
  r.Add("GET", "/sitemap.xml", [this](const Request&, const P&) { return SitemapIndex(); });
  r.Add("GET", "/sitemaps/{name}", [this](const Request&, const P& p) { return Sitemap(p.Get("name")); });
  r.Add("GET", "/news-sitemap.xml", [this](const Request&, const P&) { return NewsSitemap(); });
}

Response Site::Robots() const {
  Response r = Response::Text(200, "User-agent: *\nAllow: /\n\nSitemap: " + options_.base_url +
                                       "/sitemap.xml\nSitemap: " + options_.base_url +
                                       "/news-sitemap.xml\n");
  r.cacheable = true;
  r.cache_control = "public, max-age=3600";
  return r;
}

// The index lists pages.xml (home and sections) and articles-N.xml, one per kSitemapPageSize
// published articles, newest first, each with the latest change among its articles.
Response Site::SitemapIndex() const {
  UnixSeconds now = clock_->Now();
  store::ArticleQuery q;
  q.now = now;
  q.limit = kSitemapPageSize;
  render::XmlWriter w;
  w.Open("sitemapindex", {{"xmlns", kSitemapNs}});
  w.Open("sitemap").Element("loc", options_.base_url + "/sitemaps/pages.xml").Close();
  UnixSeconds newest = 0;
  for (int page = 1;; ++page) {
    q.offset = (page - 1) * kSitemapPageSize;
    auto result = store_->ListArticles(q);
    if (!result.ok()) return ServerError(result.status());
    if (result->articles.empty()) break;
    UnixSeconds latest = 0;
    for (const auto& a : result->articles) latest = std::max(latest, a.updated_at);
    newest = std::max(newest, latest);
    w.Open("sitemap")
        .Element("loc", options_.base_url + "/sitemaps/articles-" + std::to_string(page) + ".xml")
        .Element("lastmod", Iso8601Utc(latest))
        .Close();
    if (q.offset + kSitemapPageSize >= result->total) break;
  }
  return Xml(w.Finish(), newest);
}

Response Site::Sitemap(const std::string& name) const {
  UnixSeconds now = clock_->Now();
  render::XmlWriter w;
  w.Open("urlset", {{"xmlns", kSitemapNs}});
  if (name == "pages.xml") {
    w.Open("url").Element("loc", options_.base_url + "/").Element("changefreq", "hourly").Close();
    auto sections = store_->ListSections();
    if (!sections.ok()) return ServerError(sections.status());
    for (const auto& sec : *sections)
      w.Open("url")
          .Element("loc", AbsoluteUrl(options_.base_url, "/section/" + sec.slug))
          .Element("changefreq", "hourly")
          .Close();
    return Xml(w.Finish(), 0);
  }
  constexpr std::string_view kPrefix = "articles-", kSuffix = ".xml";
  if (name.size() <= kPrefix.size() + kSuffix.size() || name.rfind(kPrefix, 0) != 0 ||
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
    return NotFound();
  std::string number = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  int page = 0;
  auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), page);
  if (ec != std::errc() || p != number.data() + number.size() || page < 1 || number[0] == '0')
    return NotFound();
  store::ArticleQuery q;
  q.now = now;
  q.limit = kSitemapPageSize;
  q.offset = (page - 1) * kSitemapPageSize;
  auto result = store_->ListArticles(q);
  if (!result.ok()) return ServerError(result.status());
  if (result->articles.empty() && page > 1) return NotFound();
  UnixSeconds latest = 0;
  for (const auto& a : result->articles) {
    latest = std::max(latest, a.updated_at);
    w.Open("url")
        .Element("loc", ArticleUrl(options_.base_url, a.slug))
        .Element("lastmod", Iso8601Utc(a.updated_at))
        .Close();
  }
  return Xml(w.Finish(), latest);
}

// Valid even when empty (an urlset with no url): the protocol allows it and Google accepts it.
// Not cacheable by time alone: an article leaves the window with no write happening, so the
// page is rebuilt on each request (it holds at most kNewsMax short entries).
Response Site::NewsSitemap() const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  store::ArticleQuery q;
  q.now = now;
  q.from = now - kNewsWindow;
  q.limit = kNewsMax;
  auto result = store_->ListArticles(q);
  if (!result.ok()) return ServerError(result.status());
  render::XmlWriter w;
  w.Open("urlset", {{"xmlns", kSitemapNs}, {"xmlns:news", kNewsNs}});
  for (const auto& a : result->articles) {
    w.Open("url").Element("loc", ArticleUrl(options_.base_url, a.slug));
    w.Open("news:news");
    w.Open("news:publication").Element("news:name", s->site_name).Element("news:language", "ar").Close();
    w.Element("news:publication_date", Iso8601Utc(a.published_at));
    w.Element("news:title", a.title);
    w.Close().Close();
  }
  Response r = Xml(w.Finish(), 0);
  r.cacheable = false;
  return r;
}

// OpenGraph article tags, Twitter card and schema.org NewsArticle JSON-LD, for the layout's
// <head>. Every value is escaped here: attributes with EscapeHtml, the JSON-LD with
// ScriptSafeJson, so the result is SafeHtml built from escaped pieces.
render::SafeHtml Site::ArticleHead(const store::Article& a) const {
  auto s = settings();
  const std::string& base = options_.base_url;
  const std::string url = ArticleUrl(base, a.slug);
  std::string html;
  html += Meta("property", "og:type", "article");
  html += Meta("property", "article:published_time", Iso8601Utc(a.published_at));
  html += Meta("property", "article:modified_time", Iso8601Utc(a.updated_at));
  html += Meta("property", "article:section", a.section.name);
  html += Meta("property", "article:author", AbsoluteUrl(base, "/author/" + a.author.slug));
  for (const auto& t : a.tags) html += Meta("property", "article:tag", t.name);
  json publisher = {{"@type", "NewsMediaOrganization"}, {"name", s->site_name}, {"url", base + "/"}};
  json tags = json::array();
  for (const auto& t : a.tags) tags.push_back(t.name);
  json ld = {
      {"@context", "https://schema.org"},
      {"@type", "NewsArticle"},
      {"mainEntityOfPage", {{"@type", "WebPage"}, {"@id", url}}},
      {"url", url},
      {"headline", a.title},
      {"description", a.summary},
      {"datePublished", Iso8601Utc(a.published_at)},
      {"dateModified", Iso8601Utc(a.updated_at)},
      {"author", json::array({{{"@type", "Person"}, {"name", a.author.name},
                               {"url", AbsoluteUrl(base, "/author/" + a.author.slug)}}})},
      {"publisher", publisher},
      {"copyrightHolder", publisher},
      {"copyrightYear", ToCivil(a.published_at).year},
      {"copyrightNotice", RightsStatement(*s, clock_->Now())},
      {"articleSection", a.section.name},
      {"keywords", tags},
      {"inLanguage", "ar"},
      {"isAccessibleForFree", true},
  };
  if (!a.agency.empty()) ld["sourceOrganization"] = {{"@type", "NewsMediaOrganization"}, {"name", a.agency}};
  if (!a.source_credit.empty()) ld["creditText"] = a.source_credit;
  html += "<script type=\"application/ld+json\">" + ScriptSafeJson(ld) + "</script>\n";
  return render::SafeHtml::TrustedLiteral(std::move(html));
}

std::optional<Response> Site::LegacyRedirect(const Request& request) const {
  std::vector<std::string> keys;
  if (!request.query.empty()) keys.push_back(request.path + "?" + request.query);
  keys.push_back(request.path);
  if (request.path.size() > 1 && request.path.back() == '/')
    keys.push_back(request.path.substr(0, request.path.size() - 1));
  else
    keys.push_back(request.path + "/");
  for (const std::string& key : keys) {
    auto target = store_->FindLegacyRedirect(key);
    if (!target.ok()) return ServerError(target.status());
    if (!*target) continue;
    Response r = Response::Redirect(301, PercentEncodePath(**target));
    r.cacheable = true;
    return r;
  }
  return std::nullopt;
}

}  // namespace wakala::site
