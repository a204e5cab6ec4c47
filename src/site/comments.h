// site/ comments (issue 4; doc/comments.md): the comment form under each article, its POST
// (anti-spam, the moderation policy, then a 303 back to the article with a message), the
// approved comments on the article page, the per-article comment feeds (RSS, Atom) and JSON.
// The routes are added by Site::AddCommentRoutes (comments.cc); below are the pure pieces,
// unit-tested in comments_test.cc.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

namespace wakala::site {

// The comment form as the article page shows it when it is not the cached page everyone
// gets: after a POST (the message, or the refusal with what the reader typed and a message
// per field) or when answering a comment (?reply=ID). Such pages are never cached.
struct CommentForm {
  int status = 200;
  std::string notice;  // «تعليقك بانتظار المراجعة», «نُشر تعليقك»
  std::string error;   // why the comment was not accepted; nothing was stored
  std::map<std::string, std::string> field_errors;  // "name", "email", "body"
  std::string name, email, body;                    // as the reader typed them
  int64_t reply_to = 0;                             // a top-level comment's id
};

// A comment field as it will be stored: CRLF and CR become LF (only when `multiline`;
// otherwise any line break is refused), surrounding white space trimmed. An Arabic message
// for the reader when the text is not UTF-8, holds control characters (other than tab and
// line breaks) or bidi overrides that would disguise it, is empty while `required`, or is
// longer than `max_chars` characters.
Result<std::string> CleanCommentField(std::string_view text, int max_chars, bool multiline,
                                      bool required);

// True when `text` contains one of the blocklist's words (one per line or comma-separated;
// case-insensitive for Latin letters, Arabic compared as written).
bool MatchesBlocklist(std::string_view text, std::string_view blocklist);

// The form's signed timestamp: "ARTICLE.ISSUED.MAC", MAC = crypto_auth (HMAC-SHA-512-256)
// over "ARTICLE.ISSUED" with `key` (crypto_auth_KEYBYTES bytes). VerifyCommentToken returns
// the issue time when the MAC holds for that article, nullopt otherwise.
std::string SignCommentToken(std::string_view key, int64_t article_id, UnixSeconds issued);
std::optional<UnixSeconds> VerifyCommentToken(std::string_view key, int64_t article_id,
                                              std::string_view token);
// A fresh random key, hex-encoded for the store (and HexKey's inverse for use).
std::string NewCommentKeyHex();
std::optional<std::string> KeyFromHex(std::string_view hex);

}  // namespace wakala::site
