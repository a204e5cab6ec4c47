#include "cli/serve.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "http/server.h"
#include "media/library.h"
#include "newsroom/admin.h"
#include "newsroom/write_api.h"
#include "render/theme.h"
#include "site/feed_poller.h"
#include "site/ticker.h"
#include "site/site.h"
#include "store/store.h"

namespace wakala::cli {

int Serve(const Config& config) {
  auto fail = [](const Status& st) {
    std::cerr << "wakala: " << st.ToString() << "\n";
    return 1;
  };
  http::ServerOptions server_options;
  size_t colon = config.listen.rfind(':');
  if (colon == std::string::npos) return fail(Status::InvalidInput("listen: expected ADDRESS:PORT, got «" + config.listen + "»"));
  server_options.address = config.listen.substr(0, colon);
  try {
    int port = std::stoi(config.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    server_options.port = static_cast<uint16_t>(port);
  } catch (const std::exception&) {
    return fail(Status::InvalidInput("listen: «" + config.listen + "» has no valid port"));
  }
  if (server_options.address.size() > 2 && server_options.address.front() == '[')
    server_options.address = server_options.address.substr(1, server_options.address.size() - 2);
  server_options.threads = config.threads;
  // The upload form carries a whole image: the file's own limit (10 MB) is checked by the
  // newsroom, which answers in Arabic; this leaves room for the form around it.
  server_options.body_limit_by_path.emplace_back("/admin/media", 12 * 1024 * 1024);

  if (config.db.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(config.data, ec);
  }
  auto store = store::OpenStore(config.DatabaseUrl());
  if (!store.ok()) return fail(store.status());
  auto theme = render::Theme::Load(config.theme);
  if (!theme.ok()) return fail(theme.status());
  auto admin_theme = render::Theme::Load(config.admin_theme);
  if (!admin_theme.ok()) return fail(admin_theme.status());

  http::ResponseCache cache;
  SystemClock system_clock;
  std::optional<OffsetFileClock> test_clock;
  if (!config.clock_offset_file.empty()) test_clock.emplace(config.clock_offset_file);
  const Clock& clock = test_clock ? static_cast<const Clock&>(*test_clock) : system_clock;
  site::SiteOptions site_options;
  site_options.base_url = config.base_url;
  site_options.theme_folder = config.theme;
  site_options.site_name_override = config.site_name;
  site_options.page_size = config.page_size;
  site::Site site(store->get(), &*theme, &cache, &clock, site_options);
  if (Status st = site.Init(); !st.ok()) return fail(st);
  // The latest-news ticker (issue 5): built from the store now, then kept fresh by the poller.
  site::Ticker ticker(store->get());
  if (auto t = ticker.Refresh(); !t.ok()) std::cerr << "wakala: ticker: " << t.status().ToString() << "\n";
  site.SetTicker(&ticker);
  site::FeedPollerOptions poller_options;
  poller_options.threads = config.feed_threads;
  poller_options.poll_seconds_override = config.feed_poll_seconds;
  poller_options.fetch.timeout = std::chrono::seconds(std::max(1, config.feed_timeout_seconds));
  poller_options.fetch.connect_timeout = std::min(poller_options.fetch.timeout, poller_options.fetch.connect_timeout);
  site::FeedPoller poller(store->get(), &ticker, &cache, &clock, poller_options);

  media::MediaLibrary media_library(store->get(), config.MediaFolder());
  newsroom::NewsroomOptions newsroom_options;
  newsroom_options.secure_cookies = config.base_url.rfind("https://", 0) == 0;
  newsroom_options.media = &media_library;
  newsroom::Newsroom newsroom(store->get(), &*admin_theme, &clock, newsroom_options);

  newsroom::WriteApi write_api(store->get(), &clock, config.base_url);

  auto handler = [&site, &newsroom, &write_api, &media_library](const http::Request& r) {
    if (r.path.rfind("/media/", 0) == 0) return media_library.Serve(r);
    bool admin = r.path == "/admin" || r.path.rfind("/admin/", 0) == 0;
    if (admin) return newsroom.Handle(r);
    // The token-authenticated API (doc/api-write.md); the public read API is the site's /api/.
    if (newsroom::WriteApi::Owns(r.path)) return write_api.Handle(r);
    return site.Handle(r);
  };
  http::Server server(server_options, handler,
                      &cache);
  if (Status st = server.Listen(); !st.ok()) return fail(st);
  site.StartWatching();
  poller.Start();
  newsroom.StartScheduler();
  std::cout << "wakala: serving http://" << server_options.address << ":" << server.port()
            << "/ (database " << config.DatabaseUrl() << ")" << std::endl;
  server.Run();
  newsroom.StopScheduler();
  poller.Stop();
  site.StopWatching();
  std::cout << "wakala: stopped" << std::endl;
  return 0;
}

}  // namespace wakala::cli
