// Fetching a feed over HTTP(S) with libcurl: conditional GET, gzip/deflate, bounded time,
// redirects and size. One blocking call per fetch, so a pool of threads fetches concurrently.
//
// Thread-safety: Fetch may be called from many threads at once (each call has its own curl
// handle); call InitFetching() once before starting threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "base/status.h"

namespace wakala::feeds {

struct FetchOptions {
  std::chrono::milliseconds timeout{30'000};          // whole transfer, redirects included
  std::chrono::milliseconds connect_timeout{10'000};
  size_t max_bytes = 5u << 20;  // decoded body; the transfer is aborted beyond it
  int max_redirects = 5;
  std::string user_agent = "wakala-feeds/1 (news agency ticker)";
};

struct FetchRequest {
  std::string url;            // http:// or https:// only
  std::string etag;           // sent as If-None-Match when not empty
  std::string last_modified;  // sent as If-Modified-Since when not empty
};

struct FetchResponse {
  long http_status = 0;       // 200 (body filled) or 304 (not modified: body empty)
  std::string body;
  std::string content_type;
  std::string etag;           // as the server sent them, to send back next time
  std::string last_modified;
  std::string final_url;      // after redirects: relative links resolve against it
  std::optional<long> retry_after_seconds;  // from Retry-After on 429/503
};

// Once per process, before any thread calls Fetch.
void InitFetching();

// kUnavailable with a sentence an operator understands ("timed out after 30 s", "HTTP 404
// Not Found", "the response is larger than 5 MB", "could not resolve the host name ...")
// for every failure: network, HTTP status other than 200/304, size. kInvalidInput for a URL
// that is not http(s). A 429/503 error keeps retry_after_seconds in `hint` when given.
Result<FetchResponse> Fetch(const FetchRequest& request, const FetchOptions& options,
                            std::optional<long>* retry_after_hint = nullptr);

}  // namespace wakala::feeds
