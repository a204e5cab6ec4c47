// site/: what readers see: home, article, section, tag, author and date-archive pages, the
// error pages and the theme's static files, built from the store through the theme's
// templates. Owns the route table of the public site and keeps the response cache honest
// (it drops cached pages when the store's content version moves). Depends on http/, store/,
// render/ and arabic/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "arabic/query.h"
#include "base/time.h"
#include "http/response_cache.h"
#include "http/router.h"
#include "render/theme.h"
#include "site/comments.h"
#include "site/settings.h"
#include "site/ticker.h"
#include "store/store.h"

namespace wakala::site {

struct SiteOptions {
  std::string base_url = "http://127.0.0.1:8080";  // no trailing slash
  std::string theme_folder = "themes/default";     // static files are served from here
  std::string site_name_override;                  // wins over the stored setting when set
  int page_size = 10;
};

// Thread-safety: Handle may be called from many threads at once. The store, theme, cache and
// clock must outlive the Site.
class Site {
 public:
  Site(store::Store* store, const render::Theme* theme, http::ResponseCache* cache,
       const Clock* clock, SiteOptions options);
  ~Site();

  // Loads the settings; kUnavailable when the store cannot be read.
  Status Init();
  http::Response Handle(const http::Request& request) const;

  // Polls the store's content version on a background thread and, when it moves (an article
  // published from the CLI or another node), reloads the settings and clears the cache.
  void StartWatching(std::chrono::milliseconds interval = std::chrono::milliseconds(300));
  void StopWatching();

  // The latest-news ticker shown on every page (site/ticker.h); none when not set. Must be
  // set before serving; the watcher rebuilds it when an editor hides or mutes from the CLI.
  void SetTicker(Ticker* ticker) { ticker_ = ticker; }

 private:
  http::Router BuildRoutes();
  std::shared_ptr<const SiteSettings> settings() const;
  Status ReloadSettings();

  http::Response Home(const http::Request&) const;
  // `comment_form`: the comment form's state after a POST or for a reply (comments.h); the
  // page is then not cacheable. Null for the page everyone gets.
  http::Response ArticlePage(const std::string& slug, const CommentForm* comment_form = nullptr) const;
  http::Response SectionPage(const std::string& slug, const std::string& page) const;
  http::Response TagPage(const std::string& slug, const std::string& page) const;
  http::Response AuthorPage(const std::string& slug, const std::string& page) const;
  http::Response ArchivePage(const std::string& year, const std::string& month,
                             const std::string& page) const;
  http::Response Asset(const std::string& file) const;
  http::Response NotFound() const;
  http::Response Gone() const;
  // What a reader gets for an article that is not public: 404 when there is none or before
  // it is published, 410 once unpublished; nothing when it is public.
  std::optional<http::Response> NotPublic(const std::optional<store::Article>& article,
                                          UnixSeconds now) const;
  http::Response ServerError(const Status& status) const;

  // A paginated list of articles under `heading`, at `base_path` (+ /page/N).
  http::Response Listing(const std::string& heading, const std::string& kind_label,
                         const std::string& base_path, store::ArticleQuery query,
                         const std::string& page) const;
  // Wraps a rendered page body in the layout. `head_html` goes into <head> (an article's
  // OpenGraph tags and JSON-LD).
  http::Response Page(int status, const std::string& title, const std::string& path,
                      const std::string& description, render::SafeHtml content,
                      bool cacheable, render::SafeHtml head_html = {}) const;

  // Republishing (issue 7). Each file adds its routes to the table from BuildRoutes.
  // syndication.cc: RSS, Atom and JSON Feed for the site and each section, tag and author;
  // an article as IPTC ninjs.
  void AddFeedRoutes(http::Router& r);
  http::Response Feed(const std::string& format, const std::string& kind,
                      const std::string& slug) const;
  http::Response Ninjs(const std::string& slug) const;
  // discovery.cc: sitemaps, Google News sitemap, robots.txt, article <head> metadata.
  void AddDiscoveryRoutes(http::Router& r);
  http::Response SitemapIndex() const;
  http::Response Sitemap(const std::string& name) const;
  http::Response NewsSitemap() const;
  http::Response Robots() const;
  render::SafeHtml ArticleHead(const store::Article& a) const;
  // The 301 to where an imported site's old URL («/2019/05/post/», «/?p=12») leads now.
  std::optional<http::Response> LegacyRedirect(const http::Request& request) const;
  // api.cc: the read API (JSON, CORS, paginated by path). Search is served by search/.
  void AddApiRoutes(http::Router& r);
  http::Response ApiArticles(const std::string& kind, const std::string& slug,
                             const std::string& page) const;
  http::Response ApiArticle(const std::string& slug) const;
  http::Response ApiSections() const;

  // search_pages.cc (issue 6): the results page, the JSON search API, /api/analyze.
  struct SearchFilters {
    std::string section, from, to;  // as given: a section slug, YYYY-MM-DD dates
    int page = 1;
  };
  void AddSearchRoutes(http::Router& r);
  http::Response SearchPage(const http::Request& request) const;
  http::Response ApiSearch(const http::Request& request) const;
  http::Response ApiAnalyze(const http::Request& request) const;
  // The store's results; `error` gets a reader-facing message instead when the filters or
  // the query are unusable (nothing is searched then).
  Result<store::SearchResults> RunSearch(const SearchFilters& filters,
                                         const arabic::ParsedQuery& terms,
                                         std::string& error) const;

  // comments.cc (issue 4): the comment POST, the comment feeds and JSON; the comments part
  // of the article page.
  void AddCommentRoutes(http::Router& r);
  http::Response PostComment(const http::Request& request, const std::string& slug) const;
  http::Response CommentFeed(const std::string& format, const std::string& slug) const;
  // The form state a GET asks for (?comment=held|published, ?reply=ID), or nullopt.
  std::optional<CommentForm> CommentFormFor(const http::Request& request) const;
  // Adds the approved comments, their count, the form (or «closed») to the article view.
  Status AddCommentsView(render::View& v, const store::Article& a, const CommentForm* form) const;
  // The key that signs comment forms, from the store on first use.
  Result<std::string> CommentKey() const;
  mutable std::mutex comment_key_mu_;
  mutable std::string comment_key_;  // guarded by comment_key_mu_; empty until loaded

  // latest_page.cc: the ticker in the layout, and /latest (?source=NAME).
  void AddLatestRoutes(http::Router& r);
  http::Response LatestPage(const http::Request& request) const;
  std::vector<render::View> TickerViews() const;
  Ticker* ticker_ = nullptr;

  store::Store* store_;
  const render::Theme* theme_;
  http::ResponseCache* cache_;
  const Clock* clock_;
  SiteOptions options_;
  http::Router router_;

  mutable std::mutex settings_mu_;
  std::shared_ptr<const SiteSettings> settings_;  // guarded by settings_mu_; swapped whole

  std::thread watcher_;
  std::mutex watch_mu_;
  std::condition_variable watch_cv_;
  bool stop_watching_ = false;  // guarded by watch_mu_
};

}  // namespace wakala::site
