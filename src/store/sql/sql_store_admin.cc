// SqlStore's AdminStore methods: personal access tokens, renaming and reordering sections,
// renaming tags, settings in one transaction.
#include <algorithm>
#include <set>

#include "base/utf8.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace wakala::store {
namespace {

constexpr std::string_view kTokenColumns =
    "SELECT t.id, t.user_id, t.name, t.scope, t.created_at, t.last_used_at, t.revoked_at"
    " FROM api_tokens t ";

std::optional<UnixSeconds> OptionalTime(const std::optional<std::string>& cell) {
  if (!cell) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(cell->data(), cell->data() + cell->size(), v);
  if (ec != std::errc() || p != cell->data() + cell->size()) return std::nullopt;
  return v;
}

Result<ApiToken> DecodeToken(const std::vector<std::optional<std::string>>& row) {
  RowReader r(row);
  ApiToken t;
  t.id = r.Int(0);
  t.user_id = r.Int(1);
  t.name = r.Text(2);
  std::string scope = r.Text(3);
  t.created_at = r.Int(4);
  WAKALA_RETURN_IF_ERROR(r.status("api_tokens"));
  t.last_used_at = OptionalTime(row[5]);
  t.revoked_at = OptionalTime(row[6]);
  auto parsed = ParseTokenScope(scope);
  if (!parsed) return Status::Corruption("token " + std::to_string(t.id) + " has unknown scope " + Quoted(scope));
  t.scope = *parsed;
  return t;
}

Status CheckName(const std::string& name, const std::string& what) {
  if (name.empty()) return Status::InvalidInput(what + " is missing");
  if (name.size() > 200) return Status::InvalidInput(what + " is longer than 200 bytes");
  if (!IsValidUtf8(name)) return Status::InvalidInput(what + " is not valid UTF-8");
  return Status::Ok();
}

}  // namespace

const char* TokenScopeName(TokenScope scope) { return scope == TokenScope::kWrite ? "write" : "read"; }

std::optional<TokenScope> ParseTokenScope(std::string_view name) {
  if (name == "read") return TokenScope::kRead;
  if (name == "write") return TokenScope::kWrite;
  return std::nullopt;
}

// Token rows are not content: written outside InTransaction(kWrite), like sessions.
Result<ApiToken> SqlStore::AddToken(int64_t user_id, const std::string& name, TokenScope scope,
                                    const std::string& token_hash, UnixSeconds now) {
  WAKALA_RETURN_IF_ERROR(CheckName(name, "token name"));
  std::lock_guard lock(mu_);
  auto user = conn_->Exec("SELECT id FROM users WHERE id = $1", {user_id});
  if (!user.ok()) return user.status();
  if (user->rows.empty()) return Status::NotFound("no user with id " + std::to_string(user_id));
  Result<int64_t> id = SingleInt(
      conn_->Exec("INSERT INTO api_tokens (user_id, name, scope, token_hash, created_at)"
                  " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                  {user_id, name, std::string(TokenScopeName(scope)), token_hash, now}),
      "api_tokens");
  if (!id.ok()) return id.status();
  return ApiToken{*id, user_id, name, scope, now, std::nullopt, std::nullopt};
}

Result<std::optional<TokenOwner>> SqlStore::UseToken(const std::string& token_hash,
                                                     UnixSeconds now) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(
      std::string(kTokenColumns) +
          ", users u WHERE u.id = t.user_id AND t.token_hash = $1 AND t.revoked_at IS NULL"
          " AND u.disabled = 0",
      {token_hash});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return std::optional<TokenOwner>();
  auto token = DecodeToken(rows->rows[0]);
  if (!token.ok()) return token.status();
  auto users = conn_->Exec("SELECT id, name, role, password_hash, disabled, created_at FROM users"
                           " WHERE id = $1", {token->user_id});
  if (!users.ok()) return users.status();
  if (users->rows.empty()) return std::optional<TokenOwner>();
  RowReader r(users->rows[0]);
  User u;
  u.id = r.Int(0);
  u.name = r.Text(1);
  std::string role = r.Text(2);
  u.password_hash = r.Text(3);
  u.disabled = r.Int(4) != 0;
  u.created_at = r.Int(5);
  WAKALA_RETURN_IF_ERROR(r.status("users"));
  auto parsed = ParseRole(role);
  if (!parsed) return Status::Corruption("user " + std::to_string(u.id) + " has unknown role " + Quoted(role));
  u.role = *parsed;
  // A busy tool calls many times a minute; the last use is kept to the minute, so most
  // calls read and do not write.
  if (!token->last_used_at || *token->last_used_at + 60 <= now) {
    auto touched = conn_->Exec("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", {now, token->id});
    if (!touched.ok()) return touched.status();
    token->last_used_at = now;
  }
  return std::optional<TokenOwner>(TokenOwner{std::move(*token), std::move(u)});
}

Result<std::vector<ApiToken>> SqlStore::ListTokens(int64_t user_id) {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(std::string(kTokenColumns) +
                              "WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id DESC",
                          {user_id});
  if (!rows.ok()) return rows.status();
  std::vector<ApiToken> out;
  for (const auto& row : rows->rows) {
    auto t = DecodeToken(row);
    if (!t.ok()) return t.status();
    out.push_back(std::move(*t));
  }
  return out;
}

Status SqlStore::RevokeToken(int64_t token_id, int64_t user_id, UnixSeconds now) {
  std::lock_guard lock(mu_);
  auto revoked = conn_->Exec(
      "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
      {now, token_id, user_id});
  if (!revoked.ok()) return revoked.status();
  if (revoked->affected == 0) return Status::NotFound("no live token " + std::to_string(token_id) + " of this user");
  return Status::Ok();
}

Result<Section> SqlStore::RenameSection(int64_t id, const std::string& name) {
  WAKALA_RETURN_IF_ERROR(CheckName(name, "section name"));
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<Section> {
    auto taken = conn_->Exec("SELECT id FROM sections WHERE name = $1 AND id <> $2", {name, id});
    if (!taken.ok()) return taken.status();
    if (!taken->rows.empty()) return Status::Conflict("section name " + Quoted(name) + " is taken");
    auto updated = conn_->Exec("UPDATE sections SET name = $1 WHERE id = $2", {name, id});
    if (!updated.ok()) return updated.status();
    if (updated->affected == 0) return Status::NotFound("no section with id " + std::to_string(id));
    auto rows = conn_->Exec("SELECT id, name, slug, position FROM sections WHERE id = $1", {id});
    if (!rows.ok()) return rows.status();
    if (rows->rows.empty()) return Status::NotFound("no section with id " + std::to_string(id));
    RowReader r(rows->rows[0]);
    Section s{r.Int(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3))};
    WAKALA_RETURN_IF_ERROR(r.status("sections"));
    return s;
  });
}

Status SqlStore::ReorderSections(const std::vector<int64_t>& ids) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto rows = conn_->Exec("SELECT id FROM sections");
    if (!rows.ok()) return rows.status();
    std::set<int64_t> existing, given(ids.begin(), ids.end());
    for (const auto& row : rows->rows) {
      RowReader r(row);
      existing.insert(r.Int(0));
      WAKALA_RETURN_IF_ERROR(r.status("sections"));
    }
    if (given.size() != ids.size() || given != existing)
      return Status::InvalidInput("the new order must name every section exactly once");
    for (size_t i = 0; i < ids.size(); ++i) {
      auto updated = conn_->Exec("UPDATE sections SET position = $1 WHERE id = $2",
                                 {static_cast<int64_t>(i + 1), ids[i]});
      if (!updated.ok()) return updated.status();
    }
    return Status::Ok();
  });
}

Result<std::vector<TagUsage>> SqlStore::ListTags() {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec(
      "SELECT t.id, t.name, t.slug, COUNT(x.article_id) FROM tags t"
      " LEFT JOIN article_tags x ON x.tag_id = t.id GROUP BY t.id, t.name, t.slug ORDER BY t.name");
  if (!rows.ok()) return rows.status();
  std::vector<TagUsage> out;
  for (const auto& row : rows->rows) {
    RowReader r(row);
    TagUsage t{r.Int(0), r.Text(1), r.Text(2), r.Int(3)};
    WAKALA_RETURN_IF_ERROR(r.status("tags"));
    out.push_back(std::move(t));
  }
  return out;
}

Status SqlStore::RenameTag(int64_t id, const std::string& name) {
  WAKALA_RETURN_IF_ERROR(CheckName(name, "tag name"));
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto taken = conn_->Exec("SELECT id FROM tags WHERE name = $1 AND id <> $2", {name, id});
    if (!taken.ok()) return taken.status();
    if (!taken->rows.empty()) return Status::Conflict("tag name " + Quoted(name) + " is taken");
    auto updated = conn_->Exec("UPDATE tags SET name = $1 WHERE id = $2", {name, id});
    if (!updated.ok()) return updated.status();
    if (updated->affected == 0) return Status::NotFound("no tag with id " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqlStore::PutSettings(const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    WAKALA_RETURN_IF_ERROR(CheckName(key, "setting key"));
    if (!IsValidUtf8(value)) return Status::InvalidInput("setting " + key + " is not valid UTF-8");
  }
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    for (const auto& [key, value] : values) {
      auto deleted = conn_->Exec("DELETE FROM settings WHERE key = $1", {key});
      if (!deleted.ok()) return deleted.status();
      auto added = conn_->Exec("INSERT INTO settings (key, value) VALUES ($1, $2)", {key, value});
      if (!added.ok()) return added.status();
    }
    return Status::Ok();
  });
}

}  // namespace wakala::store
