// site/ syndication: what partners and aggregators read instead of pages. The site and each
// section, tag and author as RSS 2.0, Atom 1.0 and JSON Feed 1.1; each article as IPTC ninjs
// 2.x and as the read API's JSON. Every item carries the canonical link, the byline, the
// agency as source and publisher, publication and update dates and the rights statement (the
// seed policy: republishing allowed when the source is cited), and the article's own agency
// and source credit line when it has them. URL scheme in doc/urls.md,
// JSON in doc/api.md. Pure functions of their inputs; thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/theme.h"
#include "site/settings.h"
#include "store/store.h"

namespace wakala::site {

// The feeds of a scope: {"/feed.xml", "/atom.xml", "/feed.json"} under `scope_path` ("" for
// the whole site, "/section/{slug}" ...), unencoded.
struct FeedFile {
  const char* file;          // "feed.xml"
  const char* format;        // "rss" | "atom" | "json"
  const char* content_type;  // "application/rss+xml"
  const char* label;         // "RSS"
};
const std::vector<FeedFile>& FeedFiles();

// The <link rel="alternate"> entries for a page at `path` beyond the site-wide ones: a
// section, tag or author page (and its further pages) links its own feeds. Views with type,
// title and url.
std::vector<render::View> ScopeFeedLinks(const std::string& base_url, const std::string& path,
                                         const std::string& title);

// «جميع الحقوق محفوظة 2009 - 2026. لا مانع من الاقتباس…»: the rights statement of every item.
std::string RightsStatement(const SiteSettings& s, UnixSeconds now);

// Absolute, percent-encoded URLs.
std::string AbsoluteUrl(const std::string& base_url, const std::string& path);
std::string ArticleUrl(const std::string& base_url, const std::string& slug);

// The article's body as HTML (Markdown rendered in safe mode).
std::string ArticleBodyHtml(const store::Article& a);

// JSON for the read API: the article with everything a client needs to republish it with
// attribution. `with_body` adds body_markdown and body_html.
nlohmann::json ArticleJson(const store::Article& a, const SiteSettings& s,
                           const std::string& base_url, UnixSeconds now, bool with_body);

// JSON text that is safe inside <script type="application/ld+json">: '<', '>' and '&' are
// \u-escaped, so "</script>" in a title cannot end the element. Invalid UTF-8 is replaced.
std::string ScriptSafeJson(const nlohmann::json& j);

}  // namespace wakala::site
