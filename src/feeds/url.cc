#include "feeds/url.h"

#include <cctype>
#include <vector>

namespace wakala::feeds {
namespace {

struct Parts {
  std::string scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

Parts Split(std::string_view u) {
  Parts p;
  size_t colon = u.find(':');
  size_t first_delim = u.find_first_of("/?#");
  if (colon != std::string_view::npos && colon > 0 && (first_delim == std::string_view::npos || colon < first_delim)) {
    bool ok = true;
    for (size_t i = 0; i < colon; ++i) {
      char c = u[i];
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      ok = ok && (alpha || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')));
    }
    if (ok) {
      p.has_scheme = true;
      for (size_t i = 0; i < colon; ++i) p.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(u[i])));
      u.remove_prefix(colon + 1);
    }
  }
  if (size_t h = u.find('#'); h != std::string_view::npos) {
    p.has_fragment = true;
    p.fragment = std::string(u.substr(h + 1));
    u = u.substr(0, h);
  }
  if (size_t q = u.find('?'); q != std::string_view::npos) {
    p.has_query = true;
    p.query = std::string(u.substr(q + 1));
    u = u.substr(0, q);
  }
  if (u.substr(0, 2) == "//") {
    p.has_authority = true;
    u.remove_prefix(2);
    size_t slash = u.find('/');
    p.authority = std::string(u.substr(0, slash));
    u = slash == std::string_view::npos ? std::string_view() : u.substr(slash);
  }
  p.path = std::string(u);
  return p;
}

std::string RemoveDotSegments(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  bool absolute = !path.empty() && path[0] == '/';
  if (absolute) i = 1;
  bool trailing = false;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    trailing = false;
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing = true;
    } else if (seg == ".") {
      trailing = true;
    } else {
      out.push_back(seg);
    }
    i = j + 1;
  }
  std::string r = absolute ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k) r += '/';
    r += out[k];
  }
  if (trailing && !r.empty() && r.back() != '/') r += '/';
  return r;
}

std::string Merge(const Parts& base, const std::string& ref_path) {
  if (base.has_authority && base.path.empty()) return "/" + ref_path;
  size_t slash = base.path.rfind('/');
  return slash == std::string::npos ? ref_path : base.path.substr(0, slash + 1) + ref_path;
}

std::string Join(const Parts& p) {
  std::string out;
  if (p.has_scheme) out += p.scheme + ":";
  if (p.has_authority) out += "//" + p.authority;
  out += p.path;
  if (p.has_query) out += "?" + p.query;
  if (p.has_fragment) out += "#" + p.fragment;
  return out;
}

}  // namespace

bool IsHttpUrl(std::string_view url) {
  Parts p = Split(url);
  return (p.scheme == "http" || p.scheme == "https") && p.has_authority && !p.authority.empty();
}

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  while (!ref.empty() && std::isspace(static_cast<unsigned char>(ref.front()))) ref.remove_prefix(1);
  while (!ref.empty() && std::isspace(static_cast<unsigned char>(ref.back()))) ref.remove_suffix(1);
  if (ref.empty()) return {};
  std::string cleaned;
  for (char c : ref) {
    if (c == ' ') cleaned += "%20";
    else if (c == '\n' || c == '\r' || c == '\t') continue;
    else cleaned += c;
  }
  Parts r = Split(cleaned);
  Parts b = Split(base);
  Parts t;
  if (r.has_scheme) {
    t = r;
    t.path = RemoveDotSegments(r.path);
  } else {
    if (!IsHttpUrl(base)) return {};
    t.has_scheme = true;
    t.scheme = b.scheme;
    if (r.has_authority) {
      t.has_authority = true;
      t.authority = r.authority;
      t.path = RemoveDotSegments(r.path);
      t.has_query = r.has_query;
      t.query = r.query;
    } else {
      t.has_authority = b.has_authority;
      t.authority = b.authority;
      if (r.path.empty()) {
        t.path = b.path;
        t.has_query = r.has_query || b.has_query;
        t.query = r.has_query ? r.query : b.query;
      } else {
        t.path = RemoveDotSegments(r.path[0] == '/' ? r.path : Merge(b, r.path));
        t.has_query = r.has_query;
        t.query = r.query;
      }
    }
    t.has_fragment = r.has_fragment;
    t.fragment = r.fragment;
  }
  if (t.has_authority && t.path.empty()) t.path = "/";
  std::string out = Join(t);
  return IsHttpUrl(out) ? out : std::string();
}

}  // namespace wakala::feeds
