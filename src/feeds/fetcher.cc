#include "feeds/fetcher.h"

#include <curl/curl.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "feeds/url.h"

namespace wakala::feeds {
namespace {

struct Transfer {
  FetchResponse response;
  size_t max_bytes = 0;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->response.body.size() + len > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  t->response.body.append(data, len);
  return len;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a redirect): forget the last
    t->response.etag.clear();
    t->response.last_modified.clear();
    t->response.retry_after_seconds.reset();
    return size * n;
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos) return size * n;
  std::string name = line.substr(0, colon);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string value = Trim(line.substr(colon + 1));
  if (value.size() > 1024) return size * n;
  if (name == "etag") t->response.etag = value;
  else if (name == "last-modified") t->response.last_modified = value;
  else if (name == "retry-after") {
    char* end = nullptr;
    long v = std::strtol(value.c_str(), &end, 10);
    if (end && *end == '\0' && v >= 0) t->response.retry_after_seconds = v;
  }
  return size * n;
}

std::string Host(const std::string& url) {
  size_t s = url.find("://");
  if (s == std::string::npos) return url;
  size_t e = url.find_first_of("/?#", s + 3);
  return url.substr(s + 3, e == std::string::npos ? std::string::npos : e - s - 3);
}

std::string Seconds(std::chrono::milliseconds ms) {
  auto s = ms.count() / 1000;
  return s > 0 ? std::to_string(s) + " s" : std::to_string(ms.count()) + " ms";
}

std::string Megabytes(size_t bytes) {
  if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  return std::to_string(bytes) + " bytes";
}

std::string ReasonPhrase(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

}  // namespace

void InitFetching() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<FetchResponse> Fetch(const FetchRequest& request, const FetchOptions& options,
                            std::optional<long>* retry_after_hint) {
  InitFetching();
  if (!IsHttpUrl(request.url))
    return Status::InvalidInput("«" + request.url + "» is not an http:// or https:// address");
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Status::Internal("cannot create a curl handle");
  Transfer t;
  t.max_bytes = options.max_bytes;
  char error[CURL_ERROR_SIZE] = {0};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can decode
  curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(nullptr, curl_slist_free_all);
  auto add = [&](const std::string& line) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  };
  add("Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
  if (!request.etag.empty()) add("If-None-Match: " + request.etag);
  if (!request.last_modified.empty()) add("If-Modified-Since: " + request.last_modified);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

  CURLcode rc = curl_easy_perform(h);
  std::string host = Host(request.url);
  if (rc != CURLE_OK) {
    switch (rc) {
      case CURLE_OPERATION_TIMEDOUT:
        return Status::Unavailable("timed out after " + Seconds(options.timeout) + " waiting for " + host);
      case CURLE_COULDNT_RESOLVE_HOST:
        return Status::Unavailable("could not resolve the host name " + host);
      case CURLE_COULDNT_CONNECT:
        return Status::Unavailable("could not connect to " + host + " (connection refused or unreachable)");
      case CURLE_TOO_MANY_REDIRECTS:
        return Status::Unavailable("too many redirects (more than " + std::to_string(options.max_redirects) + ")");
      case CURLE_FILESIZE_EXCEEDED:
        return Status::Unavailable("the response is larger than " + Megabytes(options.max_bytes) + "; not read");
      case CURLE_WRITE_ERROR:
        if (t.too_large)
          return Status::Unavailable("the response is larger than " + Megabytes(options.max_bytes) + "; stopped reading");
        break;
      case CURLE_PEER_FAILED_VERIFICATION:
        return Status::Unavailable("the TLS certificate of " + host + " is not valid");
      case CURLE_GOT_NOTHING:
        return Status::Unavailable(host + " closed the connection without answering");
      case CURLE_BAD_CONTENT_ENCODING:
        return Status::Unavailable("the response's compression is broken");
      case CURLE_PARTIAL_FILE:
      case CURLE_RECV_ERROR:
        return Status::Unavailable("the connection to " + host + " broke off before the response was complete");
      case CURLE_UNSUPPORTED_PROTOCOL:
        return Status::Unavailable("a redirect led to an address that is not http(s)");
      default:
        break;
    }
    return Status::Unavailable(std::string("fetching failed: ") + (error[0] ? error : curl_easy_strerror(rc)));
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  char* ct = nullptr;
  curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
  char* final_url = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &final_url);
  t.response.http_status = status;
  if (ct) t.response.content_type = ct;
  t.response.final_url = final_url ? final_url : request.url;
  if (status == 304) {
    t.response.body.clear();
    return std::move(t.response);
  }
  if (status != 200) {
    if (retry_after_hint) *retry_after_hint = t.response.retry_after_seconds;
    std::string phrase = ReasonPhrase(status);
    return Status::Unavailable("the server answered HTTP " + std::to_string(status) +
                               (phrase.empty() ? "" : " " + phrase));
  }
  return std::move(t.response);
}

}  // namespace wakala::feeds
