#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/time.h"
#include "http/message.h"

namespace wakala::http {

enum class Encoding { kIdentity = 0, kGzip = 1, kBrotli = 2 };

// A response turned into wire bytes once, so that serving it again is a lookup and a write.
// Each variant holds its header block (status line and headers, without Date and without the
// blank line that ends the headers) and its body. Immutable once built; shared across threads.
struct PreparedResponse {
  struct Variant {
    std::string head;
    std::shared_ptr<const std::string> body;
  };
  int status = 200;
  std::string etag;  // W/"…", shared by all variants (they carry the same entity)
  UnixSeconds last_modified = 0;
  Variant variants[3];  // indexed by Encoding; absent compressed variants have a null body
  std::string not_modified_head;  // the 304 answer's header block
  std::vector<std::string> cache_scopes;  // from Response::cache_scopes

  const Variant& Pick(Encoding e) const {
    const Variant& v = variants[static_cast<int>(e)];
    return v.body ? v : variants[0];
  }
};

// Builds the variants. Compressed variants are made for text bodies of at least 1 kB when
// `compress` is set (pages kept in the cache); one-off responses skip the work.
std::shared_ptr<const PreparedResponse> Prepare(const Response& response, bool compress);

// The best encoding the client accepts among the ones we make (br, then gzip).
Encoding NegotiateEncoding(std::string_view accept_encoding);

// True when If-None-Match or If-Modified-Since lets us answer 304.
bool IsNotModified(const PreparedResponse& prepared, std::string_view if_none_match,
                   std::string_view if_modified_since);

std::string_view ReasonPhrase(int status);

}  // namespace wakala::http
