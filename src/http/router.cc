#include "http/router.h"

namespace wakala::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsCapture(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

const std::string& RouteParams::Get(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : values) {
    if (k == name) return v;
  }
  return kEmpty;
}

void Router::Add(std::string method, std::string pattern, RouteHandler handler) {
  Route r;
  r.method = std::move(method);
  for (auto seg : SplitPath(pattern)) r.segments.emplace_back(seg);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

Response Router::Dispatch(const Request& request) const {
  auto parts = SplitPath(request.path);
  bool path_matched = false;
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    RouteParams params;
    bool match = true;
    for (size_t i = 0; i < parts.size() && match; ++i) {
      if (IsCapture(route.segments[i])) {
        params.values.emplace_back(route.segments[i].substr(1, route.segments[i].size() - 2),
                                   std::string(parts[i]));
      } else {
        match = route.segments[i] == parts[i];
      }
    }
    if (!match) continue;
    path_matched = true;
    bool method_ok = route.method == request.method ||
                     (route.method == "GET" && request.method == "HEAD");
    if (method_ok) return route.handler(request, params);
  }
  if (path_matched) {
    Response r = Response::Text(405, "Method Not Allowed\n");
    return r;
  }
  if (not_found_) return not_found_(request);
  return Response::Text(404, "Not Found\n");
}

}  // namespace wakala::http
