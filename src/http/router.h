#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace wakala::http {

// Values captured by a route pattern's {name} segments, in order.
struct RouteParams {
  std::vector<std::pair<std::string, std::string>> values;
  const std::string& Get(std::string_view name) const;
};

using RouteHandler = std::function<Response(const Request&, const RouteParams&)>;

// The route table: patterns of literal and {name} segments ("/section/{slug}/page/{n}"),
// tried in the order added. One visible table, built by the caller; no static registration.
class Router {
 public:
  void Add(std::string method, std::string pattern, RouteHandler handler);
  // The handler's response; 404 from `not_found` when no pattern matches the path, 405 when a
  // pattern matches but not for this method. HEAD is served by GET routes.
  Response Dispatch(const Request& request) const;
  void SetNotFound(Handler not_found) { not_found_ = std::move(not_found); }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" captures
    RouteHandler handler;
  };
  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace wakala::http
