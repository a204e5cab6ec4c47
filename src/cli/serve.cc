#include "cli/serve.h"

#include <filesystem>
#include <iostream>

#include "http/server.h"
#include "newsroom/admin.h"
#include "render/theme.h"
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
  SystemClock clock;
  site::SiteOptions site_options;
  site_options.base_url = config.base_url;
  site_options.theme_folder = config.theme;
  site_options.site_name_override = config.site_name;
  site_options.page_size = config.page_size;
  site::Site site(store->get(), &*theme, &cache, &clock, site_options);
  if (Status st = site.Init(); !st.ok()) return fail(st);

  newsroom::NewsroomOptions newsroom_options;
  newsroom_options.secure_cookies = config.base_url.rfind("https://", 0) == 0;
  newsroom::Newsroom newsroom(store->get(), &*admin_theme, &clock, newsroom_options);

  auto handler = [&site, &newsroom](const http::Request& r) {
    bool admin = r.path == "/admin" || r.path.rfind("/admin/", 0) == 0;
    return admin ? newsroom.Handle(r) : site.Handle(r);
  };
  http::Server server(server_options, handler,
                      &cache);
  if (Status st = server.Listen(); !st.ok()) return fail(st);
  site.StartWatching();
  newsroom.StartScheduler();
  std::cout << "wakala: serving http://" << server_options.address << ":" << server.port()
            << "/ (database " << config.DatabaseUrl() << ")" << std::endl;
  server.Run();
  newsroom.StopScheduler();
  site.StopWatching();
  std::cout << "wakala: stopped" << std::endl;
  return 0;
}

}  // namespace wakala::cli
