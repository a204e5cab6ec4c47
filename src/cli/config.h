// cli/: the `wakala` command: sub-commands (serve, section, article, settings, demo), the
// configuration (TOML file plus flags) and the wiring of the object graph. The only layer
// that sees every other one.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace wakala::cli {

// Every setting an operator can give in the TOML file (same key names) or as a flag
// (--key-with-dashes). Flags win over the file; the file wins over these defaults.
struct Config {
  std::string listen = "127.0.0.1:8080";   // address:port the HTTP server binds
  std::string db;                          // "sqlite:PATH" or "postgresql://…"; default sqlite:<data>/wakala.db
  std::string base_url = "http://127.0.0.1:8080";  // public address, for canonical links
  std::string site_name;                   // overrides the site_name setting when not empty
  std::string theme = "themes/default";    // folder of templates and CSS
  std::string admin_theme = "themes/admin";  // the newsroom's templates
  std::string data = "data";               // folder for the SQLite file and uploads
  int threads = 0;                         // HTTP worker threads; 0: one per core
  int page_size = 10;                      // articles per listing page
  int feed_poll_seconds = 0;               // > 0: poll every partner feed this often (overrides each feed's interval)
  int feed_threads = 4;                    // partner feeds fetched at once
  int feed_timeout_seconds = 30;           // a partner feed's whole fetch, redirects included
  std::string clock_offset_file;           // tests only: seconds to add to the clock (OffsetFileClock)

  std::string DatabaseUrl() const { return db.empty() ? "sqlite:" + data + "/wakala.db" : db; }
  // Uploaded images' files (media/library.h), whatever the database.
  std::string MediaFolder() const { return data + "/media"; }
};

// Reads the TOML file at `path` into `config`, only for the keys in `keep` not set by flags.
Status LoadConfigFile(const std::string& path, Config& config,
                      const std::vector<std::string>& set_by_flags);

}  // namespace wakala::cli
