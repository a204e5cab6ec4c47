// The write API for the agency's own tools (doc/api-write.md): JSON under /api/v1/, each
// request authenticated by a personal access token ("Authorization: Bearer ..."). Create,
// update, fetch and list articles, drafts included, with exactly the editor's validation
// (CheckArticleFields) and the permissions of the token's user. Every write is audited.
//
// Errors are JSON {"error": "...", "fields": {"title": "..."}}: 400 unreadable JSON, 401 no
// or bad token, 403 not allowed (read-only token, role), 404, 409 conflict (slug taken, or
// the article moved on since `revision`: the answer carries the current revision), 422
// invalid fields. Nothing is cached. Thread-safe: Handle may be called from many threads.
#pragma once

#include <string>

#include "base/time.h"
#include "http/message.h"
#include "http/router.h"
#include "store/store.h"

namespace wakala::newsroom {

class WriteApi {
 public:
  // `base_url` makes the public links in answers absolute.
  WriteApi(store::Store* store, const Clock* clock, std::string base_url);

  // True for the paths this API answers (everything under /api/v1/).
  static bool Owns(const std::string& path);
  http::Response Handle(const http::Request& request) const;

 private:
  http::Router BuildRoutes();
  http::Response List(const http::Request& request) const;
  http::Response Fetch(const http::Request& request, const std::string& id) const;
  http::Response Create(const http::Request& request) const;
  http::Response Update(const http::Request& request, const std::string& id) const;

  store::Store* store_;
  const Clock* clock_;
  std::string base_url_;
  http::Router router_;
};

}  // namespace wakala::newsroom
