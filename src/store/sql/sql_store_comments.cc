// SqlStore's CommentStore methods (store/comment_store.h), and the comments of a dump.
#include <map>
#include <random>

#include "base/utf8.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace wakala::store {

const char* CommentStatusName(CommentStatus s) {
  switch (s) {
    case CommentStatus::kHeld: return "held";
    case CommentStatus::kApproved: return "approved";
    case CommentStatus::kRejected: return "rejected";
    case CommentStatus::kSpam: return "spam";
  }
  return "held";
}

std::optional<CommentStatus> ParseCommentStatus(std::string_view name) {
  for (CommentStatus s : {CommentStatus::kHeld, CommentStatus::kApproved, CommentStatus::kRejected,
                          CommentStatus::kSpam})
    if (name == CommentStatusName(s)) return s;
  return std::nullopt;
}

namespace {

constexpr std::string_view kCommentColumns =
    "SELECT c.id, c.comment_key, c.article_id, COALESCE(c.parent_id, 0), c.author_name, c.email,"
    " c.ip, c.body, c.status, c.created_at, a.title, a.slug"
    " FROM comments c JOIN articles a ON a.id = c.article_id";

Result<Comment> DecodeComment(const std::vector<std::optional<std::string>>& row) {
  RowReader r(row);
  Comment c;
  c.id = r.Int(0);
  c.key = r.Text(1);
  c.article_id = r.Int(2);
  c.parent_id = r.Int(3);
  c.author_name = r.Text(4);
  c.email = r.Text(5);
  c.ip = r.Text(6);
  c.body = r.Text(7);
  std::string status = r.Text(8);
  c.created_at = r.Int(9);
  c.article_title = r.Text(10);
  c.article_slug = r.Text(11);
  WAKALA_RETURN_IF_ERROR(r.status("comments"));
  auto s = ParseCommentStatus(status);
  if (!s) return Status::Corruption("comment " + std::to_string(c.id) + " has status " + Quoted(status));
  c.status = *s;
  return c;
}

Result<std::vector<Comment>> DecodeComments(const Result<SqlResult>& rows) {
  if (!rows.ok()) return rows.status();
  std::vector<Comment> out;
  for (const auto& row : rows->rows) {
    auto c = DecodeComment(row);
    if (!c.ok()) return c.status();
    out.push_back(std::move(*c));
  }
  return out;
}

Status CheckCommentText(const std::string& author_name, const std::string& email,
                        const std::string& ip, const std::string& body) {
  if (body.empty()) return Status::InvalidInput("the comment is empty");
  if (author_name.empty()) return Status::InvalidInput("the comment has no name");
  for (const std::string* t : {&author_name, &email, &ip, &body})
    if (!IsValidUtf8(*t)) return Status::InvalidInput("comment text is not valid UTF-8");
  return Status::Ok();
}

std::string NewCommentKey() {
  std::random_device rd;
  std::uniform_int_distribution<uint64_t> dist;
  char buf[24];
  std::snprintf(buf, sizeof buf, "c%016llx", static_cast<unsigned long long>(dist(rd)));
  return buf;
}

std::string Scope(int64_t article_id) { return "comments:" + std::to_string(article_id); }

}  // namespace

Result<Comment> SqlStore::AddComment(const CommentInput& in) {
  WAKALA_RETURN_IF_ERROR(CheckCommentText(in.author_name, in.email, in.ip, in.body));
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Result<Comment> {
    auto article = conn_->Exec("SELECT 1 FROM articles WHERE id = $1", {in.article_id});
    if (!article.ok()) return article.status();
    if (article->rows.empty()) return Status::NotFound("no article " + std::to_string(in.article_id));
    SqlParam parent = nullptr;
    if (in.parent_id > 0) {
      auto p = conn_->Exec("SELECT COALESCE(parent_id, id) FROM comments WHERE id = $1 AND article_id = $2",
                           {in.parent_id, in.article_id});
      if (!p.ok()) return p.status();
      if (p->rows.empty()) return Status::NotFound("no comment " + std::to_string(in.parent_id) + " on this article");
      auto top = SingleInt(p, "comments");
      if (!top.ok()) return top.status();
      parent = *top;  // one level deep: a reply to a reply answers the top-level comment
    }
    // A held comment changes no page; an approved one changes its article's.
    NoteChange(in.status == CommentStatus::kApproved ? Scope(in.article_id) : "comment-queue");
    std::string key = NewCommentKey();
    auto added = conn_->Exec(
        "INSERT INTO comments (comment_key, article_id, parent_id, author_name, email, ip, body,"
        " status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {key, in.article_id, parent, in.author_name, in.email, in.ip, in.body,
         std::string(CommentStatusName(in.status)),
         in.created_at > 0 ? in.created_at : SystemClock().Now()});
    if (!added.ok()) return added.status();
    auto saved = DecodeComments(conn_->Exec(std::string(kCommentColumns) + " WHERE c.comment_key = $1", {key}));
    if (!saved.ok()) return saved.status();
    if (saved->empty()) return Status::Internal("the new comment vanished");
    return std::move(saved->front());
  });
}

Result<std::optional<Comment>> SqlStore::FindComment(int64_t id) {
  std::lock_guard lock(mu_);
  auto found = DecodeComments(conn_->Exec(std::string(kCommentColumns) + " WHERE c.id = $1", {id}));
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<Comment>();
  return std::optional<Comment>(std::move(found->front()));
}

Result<std::vector<Comment>> SqlStore::ListComments(const CommentQuery& query) {
  Params p;
  std::string where;
  auto and_where = [&](const std::string& cond) { where += (where.empty() ? " WHERE " : " AND ") + cond; };
  if (query.article_id) and_where("c.article_id = " + p.Add(*query.article_id));
  if (query.status) and_where("c.status = " + p.Add(std::string(CommentStatusName(*query.status))));
  std::string order = query.newest_first ? " ORDER BY c.created_at DESC, c.id DESC"
                                         : " ORDER BY c.created_at, c.id";
  std::string limit = " LIMIT " + p.Add(int64_t{std::max(query.limit, 0)}) + " OFFSET " +
                      p.Add(int64_t{std::max(query.offset, 0)});
  std::lock_guard lock(mu_);
  return DecodeComments(conn_->Exec(std::string(kCommentColumns) + where + order + limit, p.values()));
}

Result<CommentCounts> SqlStore::CountComments(std::optional<int64_t> article_id) {
  std::lock_guard lock(mu_);
  auto rows = article_id ? conn_->Exec("SELECT status, COUNT(*) FROM comments WHERE article_id = $1 GROUP BY status",
                                       {*article_id})
                         : conn_->Exec("SELECT status, COUNT(*) FROM comments GROUP BY status");
  if (!rows.ok()) return rows.status();
  CommentCounts out;
  for (const auto& row : rows->rows) {
    RowReader r(row);
    std::string status = r.Text(0);
    int64_t n = r.Int(1);
    WAKALA_RETURN_IF_ERROR(r.status("comments"));
    switch (ParseCommentStatus(status).value_or(CommentStatus::kHeld)) {
      case CommentStatus::kHeld: out.held += n; break;
      case CommentStatus::kApproved: out.approved += n; break;
      case CommentStatus::kRejected: out.rejected += n; break;
      case CommentStatus::kSpam: out.spam += n; break;
    }
  }
  return out;
}

namespace {
// The article of comment `id`, or kNotFound.
Result<int64_t> CommentArticle(SqlConnection& conn, int64_t id) {
  auto rows = conn.Exec("SELECT article_id FROM comments WHERE id = $1", {id});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return Status::NotFound("no comment " + std::to_string(id));
  return SingleInt(rows, "comments");
}
}  // namespace

Status SqlStore::SetCommentStatus(int64_t id, CommentStatus status) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto article = CommentArticle(*conn_, id);
    if (!article.ok()) return article.status();
    NoteChange(Scope(*article));
    auto set = conn_->Exec("UPDATE comments SET status = $1 WHERE id = $2",
                           {std::string(CommentStatusName(status)), id});
    return set.ok() ? Status::Ok() : set.status();
  });
}

Status SqlStore::EditComment(int64_t id, const std::string& body) {
  if (body.empty()) return Status::InvalidInput("the comment is empty");
  if (!IsValidUtf8(body)) return Status::InvalidInput("comment text is not valid UTF-8");
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto article = CommentArticle(*conn_, id);
    if (!article.ok()) return article.status();
    NoteChange(Scope(*article));
    auto set = conn_->Exec("UPDATE comments SET body = $1 WHERE id = $2", {body, id});
    return set.ok() ? Status::Ok() : set.status();
  });
}

Status SqlStore::DeleteComment(int64_t id) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto article = CommentArticle(*conn_, id);
    if (!article.ok()) return article.status();
    NoteChange(Scope(*article));
    // Replies first: the cascade is the schema's, but not every backend applies it the same
    // way within one statement.
    auto replies = conn_->Exec("DELETE FROM comments WHERE parent_id = $1", {id});
    if (!replies.ok()) return replies.status();
    auto gone = conn_->Exec("DELETE FROM comments WHERE id = $1", {id});
    return gone.ok() ? Status::Ok() : gone.status();
  });
}

Result<int64_t> SqlStore::CountRecentComments(const std::optional<std::string>& ip,
                                              std::optional<int64_t> article_id, UnixSeconds since) {
  Params p;
  std::string sql = "SELECT COUNT(*) FROM comments WHERE created_at >= " + p.Add(since);
  if (ip) sql += " AND ip = " + p.Add(*ip);
  if (article_id) sql += " AND article_id = " + p.Add(*article_id);
  std::lock_guard lock(mu_);
  return SingleInt(conn_->Exec(sql, p.values()), "comments");
}

Result<bool> SqlStore::HasDuplicateComment(int64_t article_id, const std::string& body,
                                           const std::string& ip, UnixSeconds since) {
  std::lock_guard lock(mu_);
  auto n = SingleInt(
      conn_->Exec("SELECT COUNT(*) FROM comments WHERE body = $1 AND"
                  " (article_id = $2 OR (ip = $3 AND created_at >= $4))",
                  {body, article_id, ip, since}),
      "comments");
  if (!n.ok()) return n.status();
  return *n > 0;
}

Result<bool> SqlStore::HasApprovedComment(const std::string& author_name, const std::string& email) {
  if (email.empty()) return false;
  std::lock_guard lock(mu_);
  auto n = SingleInt(conn_->Exec("SELECT COUNT(*) FROM comments WHERE email = $1 AND author_name = $2"
                                 " AND status = 'approved'",
                                 {email, author_name}),
                     "comments");
  if (!n.ok()) return n.status();
  return *n > 0;
}

Status SqlStore::AddCommentBan(const std::string& kind, const std::string& value, UnixSeconds at) {
  if (kind != "email" && kind != "ip") return Status::InvalidInput("a ban is by email or ip, not " + Quoted(kind));
  if (value.empty() || !IsValidUtf8(value)) return Status::InvalidInput("a ban needs a value");
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    NoteChange("comment-bans");
    auto added = conn_->Exec(
        "INSERT INTO comment_bans (kind, value, created_at) VALUES ($1, $2, $3)"
        " ON CONFLICT (kind, value) DO NOTHING",
        {kind, value, at});
    return added.ok() ? Status::Ok() : added.status();
  });
}

Status SqlStore::RemoveCommentBan(int64_t id) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    NoteChange("comment-bans");
    auto gone = conn_->Exec("DELETE FROM comment_bans WHERE id = $1", {id});
    if (!gone.ok()) return gone.status();
    return gone->affected == 0 ? Status::NotFound("no ban " + std::to_string(id)) : Status::Ok();
  });
}

Result<std::vector<CommentBan>> SqlStore::ListCommentBans() {
  std::lock_guard lock(mu_);
  auto rows = conn_->Exec("SELECT id, kind, value, created_at FROM comment_bans ORDER BY kind, value");
  if (!rows.ok()) return rows.status();
  std::vector<CommentBan> out;
  for (const auto& row : rows->rows) {
    RowReader r(row);
    CommentBan b{r.Int(0), r.Text(1), r.Text(2), r.Int(3)};
    WAKALA_RETURN_IF_ERROR(r.status("comment_bans"));
    out.push_back(std::move(b));
  }
  return out;
}

Result<bool> SqlStore::IsCommentBanned(const std::string& email, const std::string& ip) {
  std::lock_guard lock(mu_);
  auto n = SingleInt(conn_->Exec("SELECT COUNT(*) FROM comment_bans WHERE"
                                 " (kind = 'email' AND value = $1 AND $1 <> '') OR (kind = 'ip' AND value = $2)",
                                 {email, ip}),
                     "comment_bans");
  if (!n.ok()) return n.status();
  return *n > 0;
}

Status SqlStore::SetCommentsClosed(int64_t article_id, bool closed) {
  std::lock_guard lock(mu_);
  return InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto article = conn_->Exec("SELECT 1 FROM articles WHERE id = $1", {article_id});
    if (!article.ok()) return article.status();
    if (article->rows.empty()) return Status::NotFound("no article " + std::to_string(article_id));
    NoteChange(Scope(article_id));
    auto done = closed ? conn_->Exec("INSERT INTO comments_closed (article_id) VALUES ($1)"
                                     " ON CONFLICT (article_id) DO NOTHING",
                                     {article_id})
                       : conn_->Exec("DELETE FROM comments_closed WHERE article_id = $1", {article_id});
    return done.ok() ? Status::Ok() : done.status();
  });
}

Result<bool> SqlStore::CommentsClosed(int64_t article_id) {
  std::lock_guard lock(mu_);
  auto n = SingleInt(conn_->Exec("SELECT COUNT(*) FROM comments_closed WHERE article_id = $1", {article_id}),
                     "comments_closed");
  if (!n.ok()) return n.status();
  return *n > 0;
}

Result<std::string> SqlStore::EnsureCommentSecret(const std::string& candidate) {
  if (candidate.empty()) return Status::InvalidInput("an empty secret");
  std::lock_guard lock(mu_);
  auto read = [&]() -> Result<std::optional<std::string>> {
    auto rows = conn_->Exec("SELECT value FROM comment_secrets WHERE name = 'form'");
    if (!rows.ok()) return rows.status();
    if (rows->rows.empty()) return std::optional<std::string>();
    RowReader r(rows->rows[0]);
    std::string v = r.Text(0);
    WAKALA_RETURN_IF_ERROR(r.status("comment_secrets"));
    return std::optional<std::string>(std::move(v));
  };
  auto existing = read();
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return **existing;
  return InTransaction(TxnKind::kWrite, [&]() -> Result<std::string> {
    NoteChange("comment-secret");
    auto added = conn_->Exec("INSERT INTO comment_secrets (name, value) VALUES ('form', $1)"
                             " ON CONFLICT (name) DO NOTHING",
                             {candidate});
    if (!added.ok()) return added.status();
    auto stored = read();
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) return Status::Internal("the comment secret vanished");
    return **stored;
  });
}

// ---- export and import ------------------------------------------------------------------

Status SqlStore::DumpComments(SiteDump& dump) {
  auto rows = conn_->Exec(
      "SELECT c.comment_key, a.slug, COALESCE(p.comment_key, ''), c.author_name, c.email, c.ip,"
      " c.body, c.status, c.created_at FROM comments c JOIN articles a ON a.id = c.article_id"
      " LEFT JOIN comments p ON p.id = c.parent_id"
      " ORDER BY CASE WHEN c.parent_id IS NULL THEN 0 ELSE 1 END, c.created_at, c.comment_key");
  if (!rows.ok()) return rows.status();
  for (const auto& row : rows->rows) {
    RowReader r(row);
    CommentRecord c{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                    r.Text(5), r.Text(6), r.Text(7), r.Int(8)};
    WAKALA_RETURN_IF_ERROR(r.status("comments"));
    dump.comments.push_back(std::move(c));
  }
  auto closed = conn_->Exec("SELECT a.slug FROM comments_closed x JOIN articles a ON a.id = x.article_id"
                            " ORDER BY a.slug");
  if (!closed.ok()) return closed.status();
  for (const auto& row : closed->rows) {
    RowReader r(row);
    std::string slug = r.Text(0);
    WAKALA_RETURN_IF_ERROR(r.status("comments_closed"));
    dump.comments_closed.push_back(std::move(slug));
  }
  return Status::Ok();
}

Status SqlStore::ImportComments(const SiteDump& dump, ImportCounts& counts) {
  auto article_id = [&](const std::string& slug) -> Result<int64_t> {
    auto rows = conn_->Exec(
        "SELECT id FROM articles WHERE slug = $1 UNION SELECT article_id FROM slug_redirects WHERE old_slug = $1",
        {slug});
    if (!rows.ok()) return rows.status();
    if (rows->rows.empty()) return Status::InvalidInput("comment on unknown article " + Quoted(slug));
    RowReader r(rows->rows[0]);
    int64_t id = r.Int(0);
    WAKALA_RETURN_IF_ERROR(r.status("articles"));
    return id;
  };
  // Notes no scope: an import drops every cached page (its articles note none either).
  for (const CommentRecord& c : dump.comments) {
    const std::string what = "comment " + Quoted(c.key);
    if (c.key.empty() || !IsValidUtf8(c.key)) return Status::InvalidInput("a comment without a key");
    if (Status st = CheckCommentText(c.author_name, c.email, c.ip, c.body); !st.ok())
      return Status::InvalidInput(what + ": " + st.message());
    if (!ParseCommentStatus(c.status))
      return Status::InvalidInput(what + ": unknown status " + Quoted(c.status));
    auto article = article_id(c.article_slug);
    if (!article.ok()) return Status::InvalidInput(what + ": " + article.status().message());
    SqlParam parent = nullptr;
    if (!c.parent_key.empty()) {
      auto p = conn_->Exec("SELECT COALESCE(parent_id, id) FROM comments WHERE comment_key = $1 AND article_id = $2",
                           {c.parent_key, *article});
      if (!p.ok()) return p.status();
      if (p->rows.empty()) return Status::InvalidInput(what + ": parent " + Quoted(c.parent_key) + " is not on its article");
      auto top = SingleInt(p, "comments");
      if (!top.ok()) return top.status();
      parent = *top;
    }
    auto existing = conn_->Exec(
        "SELECT article_id, COALESCE(parent_id, 0), author_name, email, ip, body, status, created_at"
        " FROM comments WHERE comment_key = $1",
        {c.key});
    if (!existing.ok()) return existing.status();
    std::vector<SqlParam> values = {*article, parent, c.author_name, c.email, c.ip, c.body, c.status,
                                    c.created_at, c.key};
    if (existing->rows.empty()) {
      auto added = conn_->Exec(
          "INSERT INTO comments (article_id, parent_id, author_name, email, ip, body, status, created_at,"
          " comment_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          values);
      if (!added.ok()) return added.status();
      ++counts.comments_created;
      continue;
    }
    RowReader r(existing->rows[0]);
    bool same = r.Int(0) == *article &&
                r.Int(1) == (std::holds_alternative<int64_t>(parent) ? std::get<int64_t>(parent) : 0) &&
                r.Text(2) == c.author_name && r.Text(3) == c.email && r.Text(4) == c.ip &&
                r.Text(5) == c.body && r.Text(6) == c.status && r.Int(7) == c.created_at;
    WAKALA_RETURN_IF_ERROR(r.status("comments"));
    if (same) continue;
    auto updated = conn_->Exec(
        "UPDATE comments SET article_id = $1, parent_id = $2, author_name = $3, email = $4, ip = $5,"
        " body = $6, status = $7, created_at = $8 WHERE comment_key = $9",
        values);
    if (!updated.ok()) return updated.status();
    ++counts.comments_updated;
  }
  for (const std::string& slug : dump.comments_closed) {
    auto article = article_id(slug);
    if (!article.ok()) return article.status();
    auto done = conn_->Exec("INSERT INTO comments_closed (article_id) VALUES ($1) ON CONFLICT (article_id) DO NOTHING",
                            {*article});
    if (!done.ok()) return done.status();
  }
  return Status::Ok();
}

}  // namespace wakala::store
