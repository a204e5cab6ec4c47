#include "site/syndication.h"

#include "base/utf8.h"
#include "render/markdown.h"
#include "render/xml_writer.h"
#include "site/site.h"

namespace wakala::site {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kFeedItems = 20;

std::string ScopePath(const std::string& kind, const std::string& slug) {
  return kind.empty() ? "" : "/" + kind + "/" + slug;
}

std::string FeedUrl(const std::string& base_url, const std::string& scope_path,
                    const char* file) {
  return AbsoluteUrl(base_url, scope_path + "/" + file);
}

json AgencyJson(const SiteSettings& s, const std::string& base_url) {
  return {{"name", s.site_name}, {"url", base_url + "/"}};
}

}  // namespace

const std::vector<FeedFile>& FeedFiles() {
  static const std::vector<FeedFile> kFiles = {
      {"feed.xml", "rss", "application/rss+xml", "RSS"},
      {"atom.xml", "atom", "application/atom+xml", "Atom"},
      {"feed.json", "json", "application/feed+json", "JSON Feed"},
  };
  return kFiles;
}

std::vector<render::View> ScopeFeedLinks(const std::string& base_url, const std::string& path,
                                         const std::string& title) {
  std::vector<render::View> out;
  for (const char* kind : {"/section/", "/tag/", "/author/"}) {
    if (path.rfind(kind, 0) != 0) continue;
    size_t end = path.find('/', std::string_view(kind).size());
    std::string scope = path.substr(0, end);
    std::string heading = title.substr(0, title.find(" - صفحة "));
    for (const FeedFile& f : FeedFiles()) {
      render::View v;
      v.Set("type", f.content_type)
          .Set("title", heading + " (" + f.label + ")")
          .Set("url", FeedUrl(base_url, scope, f.file));
      out.push_back(std::move(v));
    }
  }
  return out;
}

std::string RightsStatement(const SiteSettings& s, UnixSeconds now) {
  int year = ToCivil(now + s.date_style.zone.OffsetSeconds(now)).year;
  return s.CopyrightLine(year) + ". " + s.republish_policy;
}

std::string AbsoluteUrl(const std::string& base_url, const std::string& path) {
  return base_url + PercentEncodePath(path);
}

std::string ArticleUrl(const std::string& base_url, const std::string& slug) {
  return AbsoluteUrl(base_url, "/article/" + slug);
}

std::string ArticleBodyHtml(const store::Article& a) {
  return render::MarkdownToHtml(a.body_markdown).html();
}

json ArticleJson(const store::Article& a, const SiteSettings& s, const std::string& base_url,
                 UnixSeconds now, bool with_body) {
  json tags = json::array();
  for (const auto& t : a.tags)
    tags.push_back({{"name", t.name}, {"slug", t.slug}, {"url", AbsoluteUrl(base_url, "/tag/" + t.slug)}});
  json j = {
      {"slug", a.slug},
      {"url", ArticleUrl(base_url, a.slug)},
      {"title", a.title},
      {"summary", a.summary},
      {"published_at", Iso8601Utc(a.published_at)},
      {"updated_at", Iso8601Utc(a.updated_at)},
      {"section", {{"name", a.section.name}, {"slug", a.section.slug},
                   {"url", AbsoluteUrl(base_url, "/section/" + a.section.slug)}}},
      {"author", {{"name", a.author.name}, {"slug", a.author.slug},
                  {"url", AbsoluteUrl(base_url, "/author/" + a.author.slug)}}},
      {"agency", a.agency},
      {"source_credit", a.source_credit},
      {"tags", tags},
      {"source", AgencyJson(s, base_url)},
      {"rights", RightsStatement(s, now)},
  };
  if (with_body) {
    j["body_markdown"] = a.body_markdown;
    j["body_html"] = ArticleBodyHtml(a);
    j["ninjs_url"] = AbsoluteUrl(base_url, "/api/articles/" + a.slug + "/ninjs");
  }
  return j;
}

std::string ScriptSafeJson(const json& j) {
  std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

// ---- Site: routes and handlers ------------------------------------------------------------

void Site::AddFeedRoutes(http::Router& r) {
  using P = http::RouteParams;
  for (const FeedFile& f : FeedFiles()) {
    std::string format = f.format;
    r.Add("GET", std::string("/") + f.file,
          [this, format](const Request&, const P&) { return Feed(format, "", ""); });
    for (const char* kind : {"section", "tag", "author"}) {
      std::string k = kind;
      r.Add("GET", "/" + k + "/{slug}/" + f.file, [this, format, k](const Request&, const P& p) {
        return Feed(format, k, p.Get("slug"));
      });
    }
  }
}

Response Site::Feed(const std::string& format, const std::string& kind,
                    const std::string& slug) const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  store::ArticleQuery q;
  q.now = now;
  q.limit = kFeedItems;
  std::string title = s->site_name;
  if (kind == "section") {
    auto found = store_->FindSection(slug);
    if (!found.ok()) return ServerError(found.status());
    if (!found->has_value() || (*found)->slug != slug) return NotFound();
    q.section_id = (*found)->id;
    title = (*found)->name + " - " + s->site_name;
  } else if (kind == "tag") {
    auto found = store_->FindTag(slug);
    if (!found.ok()) return ServerError(found.status());
    if (!found->has_value()) return NotFound();
    q.tag_id = (*found)->id;
    title = (*found)->name + " - " + s->site_name;
  } else if (kind == "author") {
    auto found = store_->FindAuthor(slug);
    if (!found.ok()) return ServerError(found.status());
    if (!found->has_value()) return NotFound();
    q.author_id = (*found)->id;
    title = (*found)->name + " - " + s->site_name;
  }
  auto page = store_->ListArticles(q);
  if (!page.ok()) return ServerError(page.status());
  std::vector<store::Article> articles;
  for (const auto& listed : page->articles) {
    if (!s->feed_full_text) {
      articles.push_back(listed);
      continue;
    }
    auto full = store_->FindArticle(listed.slug);  // listings leave the body out
    if (!full.ok()) return ServerError(full.status());
    articles.push_back(full->article ? *full->article : listed);
  }

  const std::string& base = options_.base_url;
  const std::string scope = ScopePath(kind, slug);
  const std::string home = AbsoluteUrl(base, scope.empty() ? "/" : scope);
  const std::string rights = RightsStatement(*s, now);
  const std::string description = s->tagline.empty() ? s->site_name : s->tagline;
  UnixSeconds updated = 0;
  for (const auto& a : articles) updated = std::max(updated, a.updated_at);
  if (updated == 0) updated = now;
  const FeedFile* file = nullptr;
  for (const FeedFile& f : FeedFiles())
    if (format == f.format) file = &f;
  if (!file) return NotFound();
  const std::string self = FeedUrl(base, scope, file->file);
  const std::string rss_self = FeedUrl(base, scope, "feed.xml");

  Response r;
  r.content_type = std::string(file->content_type) + "; charset=utf-8";
  r.cacheable = true;
  r.last_modified = updated;
  r.cache_control = "public, max-age=60";

  if (format == "rss") {
    render::XmlWriter w;
    w.Open("rss", {{"version", "2.0"},
                   {"xmlns:atom", "http://www.w3.org/2005/Atom"},
                   {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
                   {"xmlns:content", "http://purl.org/rss/1.0/modules/content/"}});
    w.Open("channel");
    w.Element("title", title).Element("link", home).Element("description", description);
    w.Element("language", "ar").Element("copyright", rights);
    w.Element("lastBuildDate", HttpDate(updated)).Element("generator", "wakala");
    w.Empty("atom:link", {{"href", self}, {"rel", "self"}, {"type", "application/rss+xml"}});
    if (!s->websub_hub.empty()) w.Empty("atom:link", {{"href", s->websub_hub}, {"rel", "hub"}});
    for (const auto& a : articles) {
      const std::string url = ArticleUrl(base, a.slug);
      w.Open("item");
      w.Element("title", a.title).Element("link", url);
      w.Element("guid", url, {{"isPermaLink", "true"}});
      w.Element("description", a.summary);
      if (s->feed_full_text) w.Element("content:encoded", ArticleBodyHtml(a));
      w.Element("dc:creator", a.author.name);
      // The agency that filed the story contributed it; the credit line names the source it
      // is derived from. Not a second dc:rights: readers keep only one, and the site's
      // statement would be lost.
      if (!a.agency.empty()) w.Element("dc:contributor", a.agency);
      if (!a.source_credit.empty()) w.Element("dc:source", a.source_credit);
      w.Element("dc:publisher", s->site_name);
      w.Element("dc:rights", rights);
      w.Element("category", a.section.name,
                {{"domain", AbsoluteUrl(base, "/section/" + a.section.slug)}});
      for (const auto& t : a.tags)
        w.Element("category", t.name, {{"domain", AbsoluteUrl(base, "/tag/" + t.slug)}});
      w.Element("pubDate", HttpDate(a.published_at));
      w.Element("atom:updated", Iso8601Utc(a.updated_at));
      w.Element("source", s->site_name, {{"url", AbsoluteUrl(base, "/feed.xml")}});
      w.Close();
    }
    r.body = w.Finish();
    return r;
  }

  if (format == "atom") {
    render::XmlWriter w;
    w.Open("feed", {{"xmlns", "http://www.w3.org/2005/Atom"},
                    {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
                    {"xml:lang", "ar"}});
    w.Element("id", home).Element("title", title).Element("subtitle", description);
    w.Element("updated", Iso8601Utc(updated));
    w.Empty("link", {{"rel", "alternate"}, {"type", "text/html"}, {"href", home}});
    w.Empty("link", {{"rel", "self"}, {"type", "application/atom+xml"}, {"href", self}});
    if (!s->websub_hub.empty()) w.Empty("link", {{"rel", "hub"}, {"href", s->websub_hub}});
    w.Element("rights", rights);
    w.Open("author").Element("name", s->site_name).Element("uri", base + "/").Close();
    w.Element("generator", "wakala");
    for (const auto& a : articles) {
      const std::string url = ArticleUrl(base, a.slug);
      w.Open("entry");
      w.Element("id", url).Element("title", a.title);
      w.Empty("link", {{"rel", "alternate"}, {"type", "text/html"}, {"href", url}});
      w.Element("published", Iso8601Utc(a.published_at));
      w.Element("updated", Iso8601Utc(a.updated_at));
      w.Open("author")
          .Element("name", a.author.name)
          .Element("uri", AbsoluteUrl(base, "/author/" + a.author.slug))
          .Close();
      w.Empty("category", {{"term", a.section.slug}, {"label", a.section.name},
                           {"scheme", AbsoluteUrl(base, "/section/")}});
      for (const auto& t : a.tags)
        w.Empty("category", {{"term", t.slug}, {"label", t.name},
                             {"scheme", AbsoluteUrl(base, "/tag/")}});
      if (!a.summary.empty()) w.Element("summary", a.summary, {{"type", "text"}});
      if (s->feed_full_text) w.Element("content", ArticleBodyHtml(a), {{"type", "html"}});
      w.Element("rights", rights);
      // As in the RSS feed; Atom has its own contributor, and no element for a credit line.
      if (!a.agency.empty()) w.Open("contributor").Element("name", a.agency).Close();
      if (!a.source_credit.empty()) w.Element("dc:source", a.source_credit);
      // The agency as the entry's source, so that a republished entry keeps its origin.
      w.Open("source");
      w.Element("id", base + "/").Element("title", s->site_name);
      w.Empty("link", {{"rel", "self"}, {"href", AbsoluteUrl(base, "/atom.xml")}});
      w.Element("updated", Iso8601Utc(updated)).Element("rights", rights);
      w.Close();
      w.Close();
    }
    r.body = w.Finish();
    return r;
  }

  json items = json::array();
  for (const auto& a : articles) {
    const std::string url = ArticleUrl(base, a.slug);
    json tags = json::array({a.section.name});
    for (const auto& t : a.tags) tags.push_back(t.name);
    json item = {
        {"id", url},
        {"url", url},
        {"title", a.title},
        {"date_published", Iso8601Utc(a.published_at)},
        {"date_modified", Iso8601Utc(a.updated_at)},
        {"authors", json::array({{{"name", a.author.name},
                                  {"url", AbsoluteUrl(base, "/author/" + a.author.slug)}}})},
        {"tags", tags},
        {"language", "ar"},
        {"_wakala", {
                     {"rights", rights},
                     {"source", AgencyJson(*s, base)},
                     {"section", a.section.name}}},
    };
    if (!a.agency.empty()) item["_wakala"]["agency"] = a.agency;
    if (!a.source_credit.empty()) item["_wakala"]["source_credit"] = a.source_credit;
    if (!a.summary.empty()) item["summary"] = a.summary;
    if (s->feed_full_text) item["content_html"] = ArticleBodyHtml(a);
    else item["content_text"] = a.summary.empty() ? a.title : a.summary;
    items.push_back(std::move(item));
  }
  json feed = {
      {"version", "https://jsonfeed.org/version/1.1"},
      {"title", title},
      {"home_page_url", home},
      {"feed_url", self},
      {"description", description},
      {"language", "ar"},
      {"authors", json::array({AgencyJson(*s, base)})},
      {"_wakala", {
                   {"rights", rights},
                   {"source", AgencyJson(*s, base)}}},
      {"items", items},
  };
  if (!s->websub_hub.empty())
    feed["hubs"] = json::array({{{"type", "WebSub"}, {"url", s->websub_hub}}});
  r.body = feed.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  return r;
}

// IPTC ninjs 2.1 (https://iptc.org/std/ninjs/): the article as a news item for agencies'
// clients' systems.
Response Site::Ninjs(const std::string& slug) const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  auto found = store_->FindArticle(slug);
  if (!found.ok()) return ServerError(found.status());
  auto json_error = [](int status, const std::string& message) {
    Response r;
    r.status = status;
    r.content_type = "application/json; charset=utf-8";
    r.body = json({{"error", {{"status", status}, {"message", message}}}}).dump() + "\n";
    r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    r.cacheable = true;
    return r;
  };
  if (found->moved_to) {
    Response r = Response::Redirect(
        301, PercentEncodePath("/api/articles/" + *found->moved_to + "/ninjs"));
    r.cacheable = true;
    return r;
  }
  if (!found->article) return json_error(404, "no such article");
  const store::Article& a = *found->article;
  if (a.status == store::ArticleStatus::kUnpublished) return json_error(410, "withdrawn");
  if (a.status != store::ArticleStatus::kPublished || a.published_at > now)
    return json_error(404, "no such article");
  const std::string& base = options_.base_url;
  json subjects = json::array();
  subjects.push_back({{"name", a.section.name},
                      {"uri", AbsoluteUrl(base, "/section/" + a.section.slug)},
                      {"rel", "section"}});
  for (const auto& t : a.tags)
    subjects.push_back({{"name", t.name}, {"uri", AbsoluteUrl(base, "/tag/" + t.slug)},
                        {"rel", "tag"}});
  json item = {
      {"$schema", "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"},
      {"uri", ArticleUrl(base, a.slug)},
      {"type", "text"},
      {"representationtype", "complete"},
      {"profile", "wakala-article"},
      {"version", std::to_string(a.updated_at)},
      {"firstcreated", Iso8601Utc(a.published_at)},
      {"contentcreated", Iso8601Utc(a.published_at)},
      {"versioncreated", Iso8601Utc(a.updated_at)},
      {"pubstatus", "usable"},
      {"language", "ar"},
      {"slugline", a.slug},
      {"headlines", json::array({{{"value", a.title}, {"contenttype", "text/plain"}}})},
      {"descriptions", json::array()},
      {"bodies", json::array({{{"value", ArticleBodyHtml(a)}, {"contenttype", "text/html"},
                               {"role", "main"}}})},
      {"by", a.author.name},
      {"people", json::array()},
      {"subjects", subjects},
      {"copyrightholder", s->site_name},
      {"copyrightnotice", RightsStatement(*s, now)},
      {"usageterms", s->republish_policy},
      {"infosources", json::array({{{"name", s->site_name}, {"uri", base + "/"},
                                    {"role", "originator"}}})},
      {"links", json::array({{{"href", ArticleUrl(base, a.slug)}, {"rel", "canonical"},
                              {"contenttype", "text/html"}}})},
  };
  if (!a.summary.empty())
    item["descriptions"].push_back({{"value", a.summary}, {"role", "summary"},
                                    {"contenttype", "text/plain"}});
  item["people"].push_back({{"name", a.author.name}, {"rel", "author"},
                            {"uri", AbsoluteUrl(base, "/author/" + a.author.slug)}});
  // ninjs has no credit line of its own (NewsML-G2's creditline); a description with that
  // role carries it. The agency is an information source beside the site, which originates
  // this item.
  if (!a.agency.empty()) item["infosources"].push_back({{"name", a.agency}, {"role", "source"}});
  if (!a.source_credit.empty())
    item["descriptions"].push_back({{"value", a.source_credit}, {"role", "creditline"},
                                    {"contenttype", "text/plain"}});
  Response r;
  r.content_type = "application/json; charset=utf-8";
  r.body = item.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.cacheable = true;
  r.last_modified = a.updated_at;
  return r;
}

}  // namespace wakala::site
