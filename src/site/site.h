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
#include <string>
#include <thread>

#include "base/time.h"
#include "http/response_cache.h"
#include "http/router.h"
#include "render/theme.h"
#include "site/settings.h"
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

 private:
  http::Router BuildRoutes();
  std::shared_ptr<const SiteSettings> settings() const;
  Status ReloadSettings();

  http::Response Home(const http::Request&) const;
  http::Response ArticlePage(const std::string& slug) const;
  http::Response SectionPage(const std::string& slug, const std::string& page) const;
  http::Response TagPage(const std::string& slug, const std::string& page) const;
  http::Response AuthorPage(const std::string& slug, const std::string& page) const;
  http::Response ArchivePage(const std::string& year, const std::string& month,
                             const std::string& page) const;
  http::Response Asset(const std::string& file) const;
  http::Response NotFound() const;
  http::Response Gone() const;
  http::Response ServerError(const Status& status) const;

  // A paginated list of articles under `heading`, at `base_path` (+ /page/N).
  http::Response Listing(const std::string& heading, const std::string& kind_label,
                         const std::string& base_path, store::ArticleQuery query,
                         const std::string& page) const;
  // Wraps a rendered page body in the layout.
  http::Response Page(int status, const std::string& title, const std::string& path,
                      const std::string& description, render::SafeHtml content,
                      bool cacheable) const;

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
