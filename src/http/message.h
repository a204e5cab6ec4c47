// http/: the web server (Boost.Asio/Beast): connections, timeouts and size limits, the route
// table, and the in-memory response cache with its compressed variants and validators.
// Untrusted bytes stop here: handlers receive a percent-decoded, UTF-8-valid path. Knows
// nothing of articles or templates; depends only on base/.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace wakala::http {

struct Request {
  std::string method;      // "GET", "HEAD", "POST", ...
  std::string path;        // percent-decoded and valid UTF-8: «/article/أهداف-اللقاء»
  std::string query;       // raw, after '?', without it
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;

  // The first header with that (lower-case) name, or nullopt.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // The first query parameter with that name, decoded, or nullopt.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Location, ...)
  // True for GET pages the server may keep in memory and serve again until the cache is
  // cleared. Only 200, 301, 404 and 410 responses are kept.
  bool cacheable = false;
  UnixSeconds last_modified = 0;  // 0: none sent
  std::string cache_control = "no-cache";
  // What a cached page shows ("home", "article:12", "section:3", ...): ResponseCache::Invalidate
  // drops exactly the pages carrying a changed scope. A cacheable page without scopes is
  // dropped on every change.
  std::vector<std::string> cache_scopes;

  static Response Redirect(int status, std::string location);
  static Response Text(int status, std::string body);
};

using Handler = std::function<Response(const Request&)>;

// The HTTP status for a non-OK Status, the one place where that mapping is made.
int HttpStatusFor(const Status& status);

}  // namespace wakala::http
