// Readers' comments (issue 4): the comments themselves (held for moderation, approved,
// rejected or spam; replies one level deep), the bans moderators set by e-mail or address,
// the articles whose comments an editor closed, and the secret that signs the comment form.
// The policy (what is held, rate limits, closing after N days) is the site's; the store only
// answers the questions it asks.
//
// Cache scopes: a write that changes what an article's page or its comment feeds show notes
// "comments:ID" (the article's id), which only those pages carry; a held comment, a ban or the
// secret change no page and note scopes no page carries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace wakala::store {

enum class CommentStatus {
  kHeld,      // waiting for a moderator; not shown
  kApproved,  // shown under the article and in its comment feeds
  kRejected,  // refused by a moderator; kept, not shown
  kSpam,      // marked as spam (or from a banned address); kept, not shown
};
// "held", "approved", "rejected", "spam"
const char* CommentStatusName(CommentStatus s);
std::optional<CommentStatus> ParseCommentStatus(std::string_view name);

struct Comment {
  int64_t id = 0;
  std::string key;         // stable across export/import ("c…" here, "wxr:…" when imported)
  int64_t article_id = 0;
  int64_t parent_id = 0;   // 0: a top-level comment; else the top-level comment it answers
  std::string author_name;
  std::string email;       // never shown to readers; may be empty
  std::string ip;          // the poster's address as the server saw it
  std::string body;        // plain text as the reader wrote it (after trimming)
  CommentStatus status = CommentStatus::kHeld;
  UnixSeconds created_at = 0;
  // Filled by FindComment and ListComments, for moderators' lists.
  std::string article_title;
  std::string article_slug;
};

struct CommentInput {
  int64_t article_id = 0;
  int64_t parent_id = 0;  // a reply to a reply is attached to the top-level comment
  std::string author_name;
  std::string email;
  std::string ip;
  std::string body;
  CommentStatus status = CommentStatus::kHeld;
  UnixSeconds created_at = 0;
};

struct CommentQuery {
  std::optional<int64_t> article_id;
  std::optional<CommentStatus> status;
  bool newest_first = false;  // readers: oldest first; the moderation queue: newest first
  int limit = 100;
  int offset = 0;
};

struct CommentCounts {
  int64_t held = 0;
  int64_t approved = 0;
  int64_t rejected = 0;
  int64_t spam = 0;
};

struct CommentBan {
  int64_t id = 0;
  std::string kind;   // "email" or "ip"
  std::string value;  // e-mail lower-cased, or the address
  UnixSeconds created_at = 0;
};

class CommentStore {
 public:
  virtual ~CommentStore() = default;

  // Stores a comment; when it returns OK the comment is committed (it survives the process
  // being killed). kNotFound when the article or the parent does not exist (or the parent
  // belongs to another article); kInvalidInput for an empty body or name, or text that is
  // not UTF-8.
  virtual Result<Comment> AddComment(const CommentInput& input) = 0;
  virtual Result<std::optional<Comment>> FindComment(int64_t id) = 0;
  virtual Result<std::vector<Comment>> ListComments(const CommentQuery& query) = 0;
  // Over the whole site (nullopt) or one article.
  virtual Result<CommentCounts> CountComments(std::optional<int64_t> article_id) = 0;
  // kNotFound for an unknown id (also for the three below).
  virtual Status SetCommentStatus(int64_t id, CommentStatus status) = 0;
  // kInvalidInput for an empty body or text that is not UTF-8.
  virtual Status EditComment(int64_t id, const std::string& body) = 0;
  // Deletes the comment and its replies.
  virtual Status DeleteComment(int64_t id) = 0;

  // For the anti-spam checks: comments (any status) from `ip`, or on `article_id`, since
  // `since`. Either filter may be left out.
  virtual Result<int64_t> CountRecentComments(const std::optional<std::string>& ip,
                                              std::optional<int64_t> article_id,
                                              UnixSeconds since) = 0;
  // True when the same body exists on that article, or came from `ip` since `since`.
  virtual Result<bool> HasDuplicateComment(int64_t article_id, const std::string& body,
                                           const std::string& ip, UnixSeconds since) = 0;
  // True when an approved comment carries this name and this (non-empty) e-mail.
  virtual Result<bool> HasApprovedComment(const std::string& author_name,
                                          const std::string& email) = 0;

  // Bans. AddCommentBan is idempotent; kInvalidInput for an unknown kind or empty value.
  virtual Status AddCommentBan(const std::string& kind, const std::string& value,
                               UnixSeconds at) = 0;
  virtual Status RemoveCommentBan(int64_t id) = 0;
  virtual Result<std::vector<CommentBan>> ListCommentBans() = 0;
  virtual Result<bool> IsCommentBanned(const std::string& email, const std::string& ip) = 0;

  // Comments closed on one article by a moderator (closing after N days is the site's rule).
  virtual Status SetCommentsClosed(int64_t article_id, bool closed) = 0;
  virtual Result<bool> CommentsClosed(int64_t article_id) = 0;

  // The key that signs the comment form: the stored one, or `candidate` stored now when there
  // is none yet (so every node and every restart agrees on one key).
  virtual Result<std::string> EnsureCommentSecret(const std::string& candidate) = 0;
};

}  // namespace wakala::store
