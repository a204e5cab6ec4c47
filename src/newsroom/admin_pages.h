// What the newsroom's additional pages (admin_site.cc, admin_tokens.cc) need from Newsroom:
// its store and clock, the request's session, and its page helpers. Built once by
// Newsroom::AddSiteAdminRoutes; internal to newsroom/.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "base/time.h"
#include "http/form.h"
#include "http/message.h"
#include "http/router.h"
#include "render/theme.h"
#include "store/store.h"

namespace wakala::newsroom {

struct AdminPages {
  store::Store* store = nullptr;
  const Clock* clock = nullptr;
  std::function<std::optional<store::LoginSession>(const http::Request&)> session_of;
  std::function<http::Response(int status, const store::LoginSession* session,
                               const std::string& title, const std::string& template_name,
                               render::View view)>
      page;
  std::function<http::Response(int status, const store::LoginSession* session,
                               const std::string& text)>
      message;

  // A state-changing request of a logged-in user: its session and form, or the answer to
  // give instead (to the login page; 403 for a missing or wrong CSRF token; 403 for a
  // non-administrator when `admin_only`).
  struct Post {
    store::LoginSession session;
    http::Form form;
  };
  std::variant<Post, http::Response> CheckPost(const http::Request& request, bool admin_only) const;
  // A page view: the session, or the answer to give instead.
  std::variant<store::LoginSession, http::Response> CheckGet(const http::Request& request,
                                                             bool admin_only) const;

};

// The routes of /admin/tokens (every user; admin_tokens.cc) and of sections, tags, settings
// and users (administrators; admin_site.cc).
void AddTokenRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages);
void AddSiteRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages);
// The moderation of readers' comments at /admin/comments (editors and administrators;
// comments_admin.cc).
void AddCommentModerationRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages);
// The partner feeds of the ticker and their items, for editors and administrators
// (feeds_admin.cc).
void AddFeedRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages);

}  // namespace wakala::newsroom
