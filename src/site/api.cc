// The read API: JSON for articles, sections, tags and authors (doc/api.md). Pagination is in
// the path (/page/N) like the site's, so every API response goes through the page cache and
// gets ETag/Last-Modified and 304s. Every response allows any origin (CORS for GET): the API
// only reads what the site already shows. Search results are served by the search layer.
#include <charconv>

#include "base/utf8.h"
#include "site/site.h"
#include "site/syndication.h"

namespace wakala::site {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kApiPageSize = 20;

Response Json(int status, const json& body, bool cacheable = true) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.cacheable = cacheable;
  return r;
}

Response JsonError(int status, const std::string& message) {
  return Json(status, {{"error", {{"status", status}, {"message", message}}}});
}

std::optional<int> ParseApiPage(const std::string& text) {
  if (text.empty()) return 1;
  int n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || n < 1 || text[0] == '0')
    return std::nullopt;
  return n;
}

}  // namespace

void Site::AddApiRoutes(http::Router& r) {
  using P = http::RouteParams;
  r.Add("GET", "/api", [](const Request&, const P&) {
    return Json(200, {{"articles", "/api/articles"}, {"sections", "/api/sections"},
                      {"documentation", "doc/api.md"}});
  });
  r.Add("GET", "/api/articles", [this](const Request&, const P&) { return ApiArticles("", "", ""); });
  r.Add("GET", "/api/articles/page/{n}", [this](const Request&, const P& p) { return ApiArticles("", "", p.Get("n")); });
  r.Add("GET", "/api/articles/{slug}", [this](const Request&, const P& p) { return ApiArticle(p.Get("slug")); });
  r.Add("GET", "/api/articles/{slug}/ninjs", [this](const Request&, const P& p) { return Ninjs(p.Get("slug")); });
  r.Add("GET", "/api/sections", [this](const Request&, const P&) { return ApiSections(); });
  for (const char* kind : {"section", "tag", "author"}) {
    std::string k = kind;
    r.Add("GET", "/api/" + k + "s/{slug}", [this, k](const Request&, const P& p) { return ApiArticles(k, p.Get("slug"), ""); });
    r.Add("GET", "/api/" + k + "s/{slug}/page/{n}", [this, k](const Request&, const P& p) { return ApiArticles(k, p.Get("slug"), p.Get("n")); });
  }
}

Response Site::ApiSections() const {
  auto sections = store_->ListSections();
  if (!sections.ok()) return ServerError(sections.status());
  json list = json::array();
  for (const auto& s : *sections)
    list.push_back({{"name", s.name}, {"slug", s.slug}, {"position", s.position},
                    {"url", AbsoluteUrl(options_.base_url, "/section/" + s.slug)},
                    {"api_url", AbsoluteUrl(options_.base_url, "/api/sections/" + s.slug)}});
  return Json(200, {{"sections", list}});
}

// A page of published articles, newest first: all of them, or a section's, tag's or author's.
Response Site::ApiArticles(const std::string& kind, const std::string& slug,
                           const std::string& page_text) const {
  auto page = ParseApiPage(page_text);
  if (!page) return JsonError(404, "no such page");
  auto s = settings();
  UnixSeconds now = clock_->Now();
  store::ArticleQuery q;
  q.now = now;
  q.limit = kApiPageSize;
  q.offset = (*page - 1) * kApiPageSize;
  json about;
  if (kind == "section") {
    auto found = store_->FindSection(slug);
    if (!found.ok()) return ServerError(found.status());
    if (!found->has_value() || (*found)->slug != slug) return JsonError(404, "no such section");
    q.section_id = (*found)->id;
    about = {{"name", (*found)->name}, {"slug", (*found)->slug}};
  } else if (kind == "tag") {
    auto found = store_->FindTag(slug);
    if (!found.ok()) return ServerError(found.status());
    if (!found->has_value()) return JsonError(404, "no such tag");
    q.tag_id = (*found)->id;
    about = {{"name", (*found)->name}, {"slug", (*found)->slug}};
  } else if (kind == "author") {
    auto found = store_->FindAuthor(slug);
    if (!found.ok()) return ServerError(found.status());
    if (!found->has_value()) return JsonError(404, "no such author");
    q.author_id = (*found)->id;
    about = {{"name", (*found)->name}, {"slug", (*found)->slug}};
  }
  auto result = store_->ListArticles(q);
  if (!result.ok()) return ServerError(result.status());
  int64_t pages = (result->total + kApiPageSize - 1) / kApiPageSize;
  if (*page > 1 && *page > pages) return JsonError(404, "no such page");
  const std::string base_path = kind.empty() ? "/api/articles" : "/api/" + kind + "s/" + slug;
  auto page_url = [&](int n) {
    return AbsoluteUrl(options_.base_url, n == 1 ? base_path : base_path + "/page/" + std::to_string(n));
  };
  json articles = json::array();
  UnixSeconds latest = 0;
  for (const auto& a : result->articles) {
    articles.push_back(ArticleJson(a, *s, options_.base_url, now, false));
    articles.back()["api_url"] = AbsoluteUrl(options_.base_url, "/api/articles/" + a.slug);
    latest = std::max(latest, a.updated_at);
  }
  json body = {{"articles", articles},
               {"page", *page},
               {"per_page", kApiPageSize},
               {"total", result->total},
               {"pages", pages},
               {"links", {{"self", page_url(*page)},
                          {"next", *page < pages ? json(page_url(*page + 1)) : json(nullptr)},
                          {"prev", *page > 1 ? json(page_url(*page - 1)) : json(nullptr)}}}};
  if (!kind.empty()) body[kind] = about;
  Response r = Json(200, body);
  r.last_modified = latest;
  return r;
}

Response Site::ApiArticle(const std::string& slug) const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  auto found = store_->FindArticle(slug);
  if (!found.ok()) return ServerError(found.status());
  if (found->moved_to) {
    Response r = Response::Redirect(301, PercentEncodePath("/api/articles/" + *found->moved_to));
    r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    r.cacheable = true;
    return r;
  }
  if (!found->article) return JsonError(404, "no such article");
  const store::Article& a = *found->article;
  if (a.status == store::ArticleStatus::kUnpublished) return JsonError(410, "withdrawn");
  if (a.status != store::ArticleStatus::kPublished || a.published_at > now)
    return JsonError(404, "no such article");
  Response r = Json(200, ArticleJson(a, *s, options_.base_url, now, true));
  r.last_modified = a.updated_at;
  return r;
}

}  // namespace wakala::site
