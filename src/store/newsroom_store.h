// The newsroom's data: accounts and their roles, login sessions (kept in the database so they
// survive restarts and work across nodes), login throttling, the audit log, article revisions
// and the scheduler's hand-over from scheduled to published.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace wakala::store {

// Defined in store.h, which includes this header for Store's base class.
enum class ArticleStatus;
struct Article;

enum class Role { kAdministrator, kEditor, kAuthor, kContributor };
const char* RoleName(Role role);  // "administrator", "editor", "author", "contributor"
std::optional<Role> ParseRole(std::string_view name);

struct User {
  int64_t id = 0;
  std::string name;  // the login name, unique
  Role role = Role::kContributor;
  std::string password_hash;  // argon2id, as libsodium's crypto_pwhash_str writes it
  bool disabled = false;
  UnixSeconds created_at = 0;
};

struct LoginSession {
  std::string token_hash;  // hex of a hash of the cookie's token
  User user;
  std::string csrf_token;  // echoed by every form of this session
  UnixSeconds expires_at = 0;
};

struct AuditEntry {
  int64_t id = 0;
  int64_t user_id = 0;  // 0: the command line
  std::string user_name;
  std::string action;  // "login", "article.save", "user.disable", ...
  std::string detail;
  UnixSeconds at = 0;
};

// One saved state of an article: every field as it was, who saved it and when.
struct Revision {
  int64_t article_id = 0;
  int64_t revision = 0;
  int64_t editor_id = 0;
  std::string editor_name;  // empty for the command line
  UnixSeconds at = 0;
  std::string slug, title, summary, body_markdown, section_slug, byline, agency, source_credit;
  std::vector<std::string> tags;
  ArticleStatus status{};
  UnixSeconds published_at = 0;
};

class NewsroomStore {
 public:
  virtual ~NewsroomStore() = default;

  // kConflict when the name is taken; kInvalidInput when it is empty or not UTF-8.
  virtual Result<User> AddUser(const std::string& name, Role role,
                               const std::string& password_hash) = 0;
  virtual Result<std::optional<User>> FindUser(int64_t id) = 0;
  virtual Result<std::optional<User>> FindUserByName(const std::string& name) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Status SetUserPassword(int64_t id, const std::string& password_hash) = 0;
  // Disabling also ends every session of the account.
  virtual Status SetUserDisabled(int64_t id, bool disabled) = 0;
  virtual Status SetUserRole(int64_t id, Role role) = 0;

  virtual Status AddSession(const std::string& token_hash, int64_t user_id,
                            const std::string& csrf_token, UnixSeconds now,
                            UnixSeconds expires_at) = 0;
  // The live session with that hash, with its (enabled) user; nullopt when unknown, expired
  // or the account is disabled.
  virtual Result<std::optional<LoginSession>> FindSession(const std::string& token_hash,
                                                          UnixSeconds now) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // All of a user's sessions but `keep_token_hash` (after a password change).
  virtual Status DeleteUserSessions(int64_t user_id, const std::string& keep_token_hash) = 0;

  // Failed logins, counted per account name and per client address over a window.
  virtual Status RecordLoginFailure(const std::string& account, const std::string& address,
                                    UnixSeconds at) = 0;
  struct FailureCounts {
    int64_t account = 0;
    int64_t address = 0;
  };
  virtual Result<FailureCounts> CountLoginFailures(const std::string& account,
                                                   const std::string& address,
                                                   UnixSeconds since) = 0;
  virtual Status ClearLoginFailures(const std::string& account) = 0;

  virtual Status Audit(int64_t user_id, const std::string& action, const std::string& detail,
                       UnixSeconds at) = 0;
  virtual Result<std::vector<AuditEntry>> ListAudit(int limit, int offset) = 0;

  virtual Result<std::optional<Article>> FindArticleById(int64_t id) = 0;
  // Newest first.
  virtual Result<std::vector<Revision>> ListRevisions(int64_t article_id) = 0;
  virtual Result<std::optional<Revision>> FindRevision(int64_t article_id, int64_t revision) = 0;

  // Moves every scheduled article whose time has come to published, and returns them. Each
  // article is moved by exactly one caller even when several nodes run the scheduler at once
  // (the UPDATE's row lock decides), so publishing side effects happen once.
  virtual Result<std::vector<Article>> PublishDue(UnixSeconds now) = 0;
};

}  // namespace wakala::store
