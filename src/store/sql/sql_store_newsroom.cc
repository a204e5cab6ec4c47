// SqlStore's NewsroomStore methods: accounts, sessions, throttling, audit, revisions, and the
// scheduler's hand-over.
#include "base/utf8.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace wakala::store {
namespace {

constexpr std::string_view kUserColumns =
    "SELECT id, name, role, password_hash, disabled, created_at FROM users ";

Result<User> DecodeUser(const std::vector<std::optional<std::string>>& row, size_t first = 0) {
  RowReader r(row);
  User u;
  u.id = r.Int(first + 0);
  u.name = r.Text(first + 1);
  std::string role = r.Text(first + 2);
  u.password_hash = r.Text(first + 3);
  u.disabled = r.Int(first + 4) != 0;
  u.created_at = r.Int(first + 5);
  WAKALA_RETURN_IF_ERROR(r.status("users"));
  auto parsed = ParseRole(role);
  if (!parsed) return Status::Corruption("user " + std::to_string(u.id) + " has unknown role " + Quoted(role));
  u.role = *parsed;
  return u;
}

Result<std::optional<User>> FirstUser(const Result<SqlResult>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<User>();
  auto user = DecodeUser(rows->rows[0]);
  if (!user.ok()) return user.status();
  return std::optional<User>(std::move(*user));
}

Status NotFoundIfNone(const Result<SqlResult>& result, const std::string& what) {
  if (!result.ok()) return result.status();
  if (result->affected == 0) return Status::NotFound(what);
  return Status::Ok();
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

constexpr std::string_view kRevisionColumns =
    "SELECT r.article_id, r.revision, COALESCE(r.editor_id, 0), COALESCE(u.name, ''), r.at,"
    " r.slug, r.title, r.summary, r.body_markdown, r.section_slug, r.byline, r.tags, r.status,"
    " r.published_at, r.agency, r.source_credit FROM article_revisions r LEFT JOIN users u ON u.id = r.editor_id ";

Result<Revision> DecodeRevision(const std::vector<std::optional<std::string>>& row) {
  RowReader r(row);
  Revision v;
  v.article_id = r.Int(0);
  v.revision = r.Int(1);
  v.editor_id = r.Int(2);
  v.editor_name = r.Text(3);
  v.at = r.Int(4);
  v.slug = r.Text(5);
  v.title = r.Text(6);
  v.summary = r.Text(7);
  v.body_markdown = r.Text(8);
  v.section_slug = r.Text(9);
  v.byline = r.Text(10);
  v.tags = SplitLines(r.Text(11));
  std::string status = r.Text(12);
  v.published_at = r.Int(13);
  v.agency = r.Text(14);
  v.source_credit = r.Text(15);
  WAKALA_RETURN_IF_ERROR(r.status("article_revisions"));
  auto parsed = ParseArticleStatus(status);
  if (!parsed) return Status::Corruption("revision has unknown status " + Quoted(status));
  v.status = *parsed;
  return v;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdministrator: return "administrator";
    case Role::kEditor: return "editor";
    case Role::kAuthor: return "author";
    case Role::kContributor: return "contributor";
  }
  return "contributor";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kAdministrator, Role::kEditor, Role::kAuthor, Role::kContributor})
    if (name == RoleName(r)) return r;
  return std::nullopt;
}

Result<User> SqlStore::AddUser(const std::string& name, Role role,
                               const std::string& password_hash) {
  if (name.empty() || name.size() > 100) return Status::InvalidInput("name: 1 to 100 bytes");
  if (!IsValidUtf8(name)) return Status::InvalidInput("name is not valid UTF-8");
  for (unsigned char c : name)
    if (c <= 0x20 || c == 0x7f) return Status::InvalidInput("name: no spaces or control characters");
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<User> {
    auto exists = conn_->Exec("SELECT 1 FROM users WHERE name = $1", {name});
    if (!exists.ok()) return exists.status();
    if (!exists->rows.empty()) return Status::Conflict("name " + Quoted(name) + " is taken");
    auto id = SingleInt(conn_->Exec("INSERT INTO users (name, role, password_hash, disabled, created_at)"
                                    " VALUES ($1, $2, $3, 0, $4) RETURNING id",
                                    {name, std::string(RoleName(role)), password_hash,
                                     SystemClock().Now()}),
                        "users");
    if (!id.ok()) return id.status();
    auto user = FirstUser(conn_->Exec(std::string(kUserColumns) + "WHERE id = $1", {*id}));
    if (!user.ok()) return user.status();
    if (!user->has_value()) return Status::Internal("the new user vanished");
    return std::move(**user);
  });
}

Result<std::optional<User>> SqlStore::FindUser(int64_t id) {
  std::lock_guard lock(mu_);
  return FirstUser(conn_->Exec(std::string(kUserColumns) + "WHERE id = $1", {id}));
}

Result<std::optional<User>> SqlStore::FindUserByName(const std::string& name) {
  std::lock_guard lock(mu_);
  return FirstUser(conn_->Exec(std::string(kUserColumns) + "WHERE name = $1", {name}));
}

Result<std::vector<User>> SqlStore::ListUsers() {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(std::string(kUserColumns) + "ORDER BY name");
  if (!rows.ok()) return rows.status();
  std::vector<User> users;
  for (const auto& row : rows->rows) {
    auto u = DecodeUser(row);
    if (!u.ok()) return u.status();
    users.push_back(std::move(*u));
  }
  return users;
}

Status SqlStore::SetUserPassword(int64_t id, const std::string& password_hash) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    return NotFoundIfNone(conn_->Exec("UPDATE users SET password_hash = $1 WHERE id = $2",
                                      {password_hash, id}),
                          "no user with id " + std::to_string(id));
  });
}

Status SqlStore::SetUserDisabled(int64_t id, bool disabled) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    WAKALA_RETURN_IF_ERROR(NotFoundIfNone(
        conn_->Exec("UPDATE users SET disabled = $1 WHERE id = $2", {int64_t{disabled}, id}),
        "no user with id " + std::to_string(id)));
    if (!disabled) return Status::Ok();
    auto ended = conn_->Exec("DELETE FROM sessions WHERE user_id = $1", {id});
    return ended.ok() ? Status::Ok() : ended.status();
  });
}

Status SqlStore::SetUserRole(int64_t id, Role role) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    return NotFoundIfNone(conn_->Exec("UPDATE users SET role = $1 WHERE id = $2",
                                      {std::string(RoleName(role)), id}),
                          "no user with id " + std::to_string(id));
  });
}

// Sessions and throttling rows are not content: they do not bump content_version (a login
// must not empty the page cache), so they are written outside InTransaction(kWrite).
Status SqlStore::AddSession(const std::string& token_hash, int64_t user_id,
                            const std::string& csrf_token, UnixSeconds now,
                            UnixSeconds expires_at) {
  std::lock_guard lock(mu_);
  auto added = conn_->Exec(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)"
      " VALUES ($1, $2, $3, $4, $5)",
      {token_hash, user_id, csrf_token, now, expires_at});
  if (!added.ok()) return added.status();
  // Expired sessions are swept here rather than by a timer.
  auto swept = conn_->Exec("DELETE FROM sessions WHERE expires_at <= $1", {now});
  return swept.ok() ? Status::Ok() : swept.status();
}

Result<std::optional<LoginSession>> SqlStore::FindSession(const std::string& token_hash,
                                                          UnixSeconds now) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(
      "SELECT s.token_hash, s.csrf_token, s.expires_at, u.id, u.name, u.role, u.password_hash,"
      " u.disabled, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id"
      " WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
      {token_hash, now});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<LoginSession>();
  RowReader r(rows->rows[0]);
  LoginSession session;
  session.token_hash = r.Text(0);
  session.csrf_token = r.Text(1);
  session.expires_at = r.Int(2);
  WAKALA_RETURN_IF_ERROR(r.status("sessions"));
  auto user = DecodeUser(rows->rows[0], 3);
  if (!user.ok()) return user.status();
  session.user = std::move(*user);
  return std::optional<LoginSession>(std::move(session));
}

Status SqlStore::DeleteSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  auto deleted = conn_->Exec("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
  return deleted.ok() ? Status::Ok() : deleted.status();
}

Status SqlStore::DeleteUserSessions(int64_t user_id, const std::string& keep_token_hash) {
  std::lock_guard lock(mu_);
  auto deleted = conn_->Exec("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
                             {user_id, keep_token_hash});
  return deleted.ok() ? Status::Ok() : deleted.status();
}

Status SqlStore::RecordLoginFailure(const std::string& account, const std::string& address,
                                    UnixSeconds at) {
  std::lock_guard lock(mu_);
  auto added = conn_->Exec("INSERT INTO login_failures (account, address, at) VALUES ($1, $2, $3)",
                           {account, address, at});
  if (!added.ok()) return added.status();
  // Only the last day matters to throttling.
  auto swept = conn_->Exec("DELETE FROM login_failures WHERE at < $1", {at - 86400});
  return swept.ok() ? Status::Ok() : swept.status();
}

Result<NewsroomStore::FailureCounts> SqlStore::CountLoginFailures(const std::string& account,
                                                                  const std::string& address,
                                                                  UnixSeconds since) {
  std::lock_guard lock(mu_);
  FailureCounts counts;
  auto by_account = SingleInt(
      conn_->Exec("SELECT COUNT(*) FROM login_failures WHERE account = $1 AND at >= $2",
                  {account, since}),
      "login_failures");
  if (!by_account.ok()) return by_account.status();
  auto by_address = SingleInt(
      conn_->Exec("SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at >= $2",
                  {address, since}),
      "login_failures");
  if (!by_address.ok()) return by_address.status();
  counts.account = *by_account;
  counts.address = *by_address;
  return counts;
}

Status SqlStore::ClearLoginFailures(const std::string& account) {
  std::lock_guard lock(mu_);
  auto cleared = conn_->Exec("DELETE FROM login_failures WHERE account = $1", {account});
  return cleared.ok() ? Status::Ok() : cleared.status();
}

Status SqlStore::Audit(int64_t user_id, const std::string& action, const std::string& detail,
                       UnixSeconds at) {
  std::lock_guard lock(mu_);
  auto added = conn_->Exec(
      "INSERT INTO audit_log (user_id, action, detail, at) VALUES ($1, $2, $3, $4)",
      {user_id ? SqlParam(user_id) : SqlParam(nullptr), action, detail, at});
  return added.ok() ? Status::Ok() : added.status();
}

Result<std::vector<AuditEntry>> SqlStore::ListAudit(int limit, int offset) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(
      "SELECT l.id, COALESCE(l.user_id, 0), COALESCE(u.name, ''), l.action, l.detail, l.at"
      " FROM audit_log l LEFT JOIN users u ON u.id = l.user_id"
      " ORDER BY l.at DESC, l.id DESC LIMIT $1 OFFSET $2",
      {int64_t{limit}, int64_t{offset}});
  if (!rows.ok()) return rows.status();
  std::vector<AuditEntry> out;
  for (const auto& row : rows->rows) {
    RowReader r(row);
    AuditEntry e{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5)};
    WAKALA_RETURN_IF_ERROR(r.status("audit_log"));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::optional<Article>> SqlStore::FindArticleById(int64_t id) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kRead, [&]() -> Result<std::optional<Article>> {
    auto found = SelectArticles(true, "WHERE a.id = $1", {id});
    if (!found.ok()) return found.status();
    if (found->empty()) return std::optional<Article>();
    return std::optional<Article>(std::move(found->front()));
  });
}

Result<std::vector<Revision>> SqlStore::ListRevisions(int64_t article_id) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(std::string(kRevisionColumns) +
                              "WHERE r.article_id = $1 ORDER BY r.revision DESC",
                          {article_id});
  if (!rows.ok()) return rows.status();
  std::vector<Revision> out;
  for (const auto& row : rows->rows) {
    auto v = DecodeRevision(row);
    if (!v.ok()) return v.status();
    out.push_back(std::move(*v));
  }
  return out;
}

Result<std::optional<Revision>> SqlStore::FindRevision(int64_t article_id, int64_t revision) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(std::string(kRevisionColumns) +
                              "WHERE r.article_id = $1 AND r.revision = $2",
                          {article_id, revision});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<Revision>();
  auto v = DecodeRevision(rows->rows[0]);
  if (!v.ok()) return v.status();
  return std::optional<Revision>(std::move(*v));
}

Result<std::vector<Article>> SqlStore::PublishDue(UnixSeconds now) {
  std::lock_guard lock(mu_);
  // Cheap check first: most ticks find nothing due and must not bump content_version.
  auto due = conn_->Exec(
      "SELECT 1 FROM articles WHERE status = 'scheduled' AND published_at <= $1 LIMIT 1", {now});
  if (!due.ok()) return due.status();
  if (due->rows.empty()) return std::vector<Article>();
  return InTransaction(TxnKind::kWrite, [&]() -> Result<std::vector<Article>> {
    auto moved = conn_->Exec(
        // The revision stays: going live on time is what the editor asked for, not a new
        // edit, and an editor's open form must not turn into a false conflict.
        "UPDATE articles SET status = 'published'"
        " WHERE status = 'scheduled' AND published_at <= $1 RETURNING id",
        {now});
    if (!moved.ok()) return moved.status();
    std::vector<Article> published;
    for (const auto& row : moved->rows) {
      RowReader r(row);
      int64_t id = r.Int(0);
      WAKALA_RETURN_IF_ERROR(r.status("articles"));
      auto article = LoadArticle(id);
      if (!article.ok()) return article.status();
      WAKALA_RETURN_IF_ERROR(NoteArticleChange(std::nullopt, *article));
      published.push_back(std::move(*article));
    }
    return published;
  });
}

}  // namespace wakala::store
