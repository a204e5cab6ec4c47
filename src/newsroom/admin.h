#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/time.h"
#include "http/form.h"
#include "http/message.h"
#include "http/router.h"
#include "media/library.h"
#include "render/theme.h"
#include "store/store.h"

namespace wakala::newsroom {

struct NewsroomOptions {
  bool secure_cookies = false;       // set when the base URL is https
  int session_hours = 12;            // a login lasts this long
  int throttle_window_seconds = 900; // failed logins count over this window
  int max_failures_per_account = 5;  // then the account's logins are refused until it passes
  int max_failures_per_address = 20; // the same per client address
  std::chrono::milliseconds scheduler_interval{1000};
  // Uploads and featured images (/admin/media); not owned. Null: no media pages, and the
  // editor shows no featured-image fields.
  const media::MediaLibrary* media = nullptr;
};

// The newsroom at /admin: login and sessions (in the database), the article list, the editor
// with preview, the workflow (draft → pending → scheduled → published → unpublished), revisions
// with compare and restore, and the scheduler that publishes scheduled articles on time.
// Every state-changing form carries the session's CSRF token. Thread-safe: Handle may be
// called from many threads.
class Newsroom {
 public:
  Newsroom(store::Store* store, const render::Theme* theme, const Clock* clock,
           NewsroomOptions options);
  ~Newsroom();

  // Answers every path under /admin.
  http::Response Handle(const http::Request& request) const;

  // Publishes due scheduled articles on a background thread until StopScheduler.
  void StartScheduler();
  void StopScheduler();

 private:
  struct Context;  // the request's session, if any
  http::Router BuildRoutes();
  std::optional<store::LoginSession> SessionOf(const http::Request& request) const;

  http::Response LoginPage(const http::Request& request, const std::string& error,
                           const std::string& name) const;
  http::Response Login(const http::Request& request) const;
  http::Response Logout(const http::Request& request) const;
  http::Response Dashboard(const http::Request& request) const;
  http::Response EditPage(const http::Request& request, const std::string& id) const;
  http::Response Save(const http::Request& request, const std::string& id) const;
  http::Response Revisions(const http::Request& request, const std::string& id) const;
  http::Response Compare(const http::Request& request, const std::string& id) const;
  http::Response Restore(const http::Request& request, const std::string& id,
                         const std::string& revision) const;
  http::Response AuditLog(const http::Request& request) const;
  http::Response PasswordPage(const http::Request& request) const;
  http::Response ChangePassword(const http::Request& request) const;
  // Personal access tokens (admin_tokens.cc); sections, tags, settings and accounts for
  // administrators (admin_site.cc); partner feeds for editors (feeds_admin.cc).
  void AddSiteAdminRoutes(http::Router& r);

  // Media (media_admin.cc): the uploads page and the upload; the editor's featured image.
  http::Response MediaPage(const http::Request& request) const;
  http::Response MediaPageWith(const store::LoginSession& session, int status,
                               const std::string& uploaded_id, const std::string& error) const;
  http::Response UploadMedia(const http::Request& request) const;
  // The featured-image fields of the editor: from `form` when given, else as stored for
  // `article_id` (0: a new article), with the recent uploads to choose from.
  void AddFeaturedImageView(render::View& view, int64_t article_id, const http::Form* form) const;
  // Field name → Arabic message for each problem of the featured-image fields.
  std::map<std::string, std::string> CheckFeaturedImage(const http::Form& form) const;
  // Stores the checked featured image of a saved article (none when no image is chosen).
  Status SaveFeaturedImage(int64_t article_id, const http::Form& form) const;

  http::Response Page(int status, const store::LoginSession* session, const std::string& title,
                      const std::string& template_name, render::View view) const;
  http::Response Message(int status, const store::LoginSession* session, const std::string& text) const;
  void RunScheduler();

  store::Store* store_;
  const render::Theme* theme_;
  const Clock* clock_;
  NewsroomOptions options_;
  http::Router router_;

  std::thread scheduler_;
  std::mutex scheduler_mu_;
  std::condition_variable scheduler_cv_;
  bool stop_scheduler_ = false;  // guarded by scheduler_mu_
};

}  // namespace wakala::newsroom
