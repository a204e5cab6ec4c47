#include "http/prepared.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <cstdio>

namespace wakala::http {
namespace {

std::optional<std::string> Gzip(const std::string& in) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out;
  out.resize(deflateBound(&zs, in.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

std::optional<std::string> Brotli(const std::string& in) {
  size_t size = BrotliEncoderMaxCompressedSize(in.size());
  if (size == 0) return std::nullopt;
  std::string out(size, '\0');
  // Quality 6 keeps compressing a 100 kB page to a few milliseconds; pages are compressed
  // once per change, not per request.
  if (!BrotliEncoderCompress(6, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, in.size(),
                             reinterpret_cast<const uint8_t*>(in.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data())))
    return std::nullopt;
  out.resize(size);
  return out;
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool IsCompressible(std::string_view content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type.find("json") != std::string::npos ||
         content_type.find("xml") != std::string::npos ||
         content_type.find("javascript") != std::string::npos;
}

std::string StatusLine(int status) {
  std::string line = "HTTP/1.1 " + std::to_string(status) + " ";
  line += ReasonPhrase(status);
  line += "\r\n";
  return line;
}

}  // namespace

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

std::shared_ptr<const PreparedResponse> Prepare(const Response& response, bool compress) {
  auto p = std::make_shared<PreparedResponse>();
  p->status = response.status;
  p->last_modified = response.last_modified;
  p->cache_scopes = response.cache_scopes;
  char etag[32];
  std::snprintf(etag, sizeof etag, "W/\"%016llx\"",
                static_cast<unsigned long long>(Fnv1a(response.body)));
  p->etag = etag;

  // Headers every variant shares, and the 304 answer repeats (RFC 9110 15.4.5).
  std::string validators;
  validators += "ETag: " + p->etag + "\r\n";
  if (response.last_modified > 0)
    validators += "Last-Modified: " + HttpDate(response.last_modified) + "\r\n";
  validators += "Cache-Control: " + response.cache_control + "\r\n";
  std::string extra;
  for (const auto& [name, value] : response.headers) extra += name + ": " + value + "\r\n";

  bool make_compressed =
      compress && response.body.size() >= 1024 && IsCompressible(response.content_type);
  std::string vary = make_compressed ? "Vary: Accept-Encoding\r\n" : "";

  auto make_variant = [&](std::string body, const char* encoding) {
    PreparedResponse::Variant v;
    v.head = StatusLine(response.status);
    v.head += "Content-Type: " + response.content_type + "\r\n";
    v.head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (encoding) v.head += std::string("Content-Encoding: ") + encoding + "\r\n";
    v.head += vary + validators + extra;
    v.body = std::make_shared<const std::string>(std::move(body));
    return v;
  };

  p->variants[0] = make_variant(response.body, nullptr);
  if (make_compressed) {
    if (auto gz = Gzip(response.body)) p->variants[1] = make_variant(std::move(*gz), "gzip");
    if (auto br = Brotli(response.body)) p->variants[2] = make_variant(std::move(*br), "br");
  }
  p->not_modified_head = StatusLine(304) + vary + validators;
  return p;
}

Encoding NegotiateEncoding(std::string_view accept) {
  // Accept tokens with q=0 are refusals; anything else counts as accepted.
  bool br = false, gzip = false;
  size_t i = 0;
  while (i < accept.size()) {
    size_t comma = accept.find(',', i);
    if (comma == std::string_view::npos) comma = accept.size();
    std::string_view item = accept.substr(i, comma - i);
    i = comma + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t semi = item.find(';');
    std::string_view token = item.substr(0, semi);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    bool refused = false;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      size_t q = params.find("q=");
      if (q != std::string_view::npos) {
        std::string_view qv = params.substr(q + 2);
        refused = qv.rfind("0", 0) == 0 && qv.find_first_of("123456789") == std::string_view::npos;
      }
    }
    if (refused) continue;
    if (token == "br") br = true;
    if (token == "gzip" || token == "x-gzip") gzip = true;
  }
  if (br) return Encoding::kBrotli;
  if (gzip) return Encoding::kGzip;
  return Encoding::kIdentity;
}

bool IsNotModified(const PreparedResponse& p, std::string_view if_none_match,
                   std::string_view if_modified_since) {
  if (!if_none_match.empty()) {
    // Weak comparison (RFC 9110 8.8.3.2): W/ prefixes are ignored.
    std::string_view ours = p.etag;
    if (ours.rfind("W/", 0) == 0) ours.remove_prefix(2);
    if (if_none_match.find('*') != std::string_view::npos) return true;
    return if_none_match.find(ours) != std::string_view::npos;
  }
  if (!if_modified_since.empty() && p.last_modified > 0) {
    auto since = ParseHttpDate(if_modified_since);
    return since && p.last_modified <= *since;
  }
  return false;
}

}  // namespace wakala::http
