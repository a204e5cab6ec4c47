#include "cli/config.h"

#include <algorithm>
#include <toml++/toml.h>

namespace wakala::cli {

Status LoadConfigFile(const std::string& path, Config& config,
                      const std::vector<std::string>& set_by_flags) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return Status::InvalidInput(path + ":" + std::to_string(where.line) + ": " +
                                std::string(e.description()));
  }
  auto by_flag = [&](const char* key) {
    return std::find(set_by_flags.begin(), set_by_flags.end(), key) != set_by_flags.end();
  };
  for (const auto& [key, node] : table) {
    std::string k(key.str());
    if (by_flag(k.c_str())) continue;
    auto text = [&](std::string& field) -> Status {
      if (auto v = node.value<std::string>()) {
        field = *v;
        return Status::Ok();
      }
      return Status::InvalidInput(path + ": «" + k + "» must be a string");
    };
    auto number = [&](int& field) -> Status {
      if (auto v = node.value<int64_t>()) {
        field = static_cast<int>(*v);
        return Status::Ok();
      }
      return Status::InvalidInput(path + ": «" + k + "» must be an integer");
    };
    Status st;
    if (k == "listen") st = text(config.listen);
    else if (k == "db") st = text(config.db);
    else if (k == "base_url") st = text(config.base_url);
    else if (k == "site_name") st = text(config.site_name);
    else if (k == "theme") st = text(config.theme);
    else if (k == "admin_theme") st = text(config.admin_theme);
    else if (k == "data") st = text(config.data);
    else if (k == "threads") st = number(config.threads);
    else if (k == "page_size") st = number(config.page_size);
    else if (k == "feed_poll_seconds") st = number(config.feed_poll_seconds);
    else if (k == "feed_threads") st = number(config.feed_threads);
    else if (k == "feed_timeout_seconds") st = number(config.feed_timeout_seconds);
    else st = Status::InvalidInput(path + ": unknown key «" + k + "»");
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace wakala::cli
