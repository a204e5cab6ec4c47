// What the administrators' pages and the write API need beyond the newsroom's core: personal
// access tokens for the agency's own tools, renaming and reordering sections, renaming tags,
// and changing several site settings at once.
//
// Tokens are not content: adding, revoking and using one does not bump content_version (it
// must not empty the page cache). Section, tag and settings changes are content and do.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "store/newsroom_store.h"

namespace wakala::store {

struct Section;
struct Tag;

enum class TokenScope { kRead, kWrite };
const char* TokenScopeName(TokenScope scope);  // "read", "write"
std::optional<TokenScope> ParseTokenScope(std::string_view name);

// A personal access token as listed: never the token itself, which only its creator saw once.
struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;  // what the user called it: «أداة النشر الآلي»
  TokenScope scope = TokenScope::kRead;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> last_used_at;
  std::optional<UnixSeconds> revoked_at;
};

// A live token with its (enabled) owner.
struct TokenOwner {
  ApiToken token;
  User user;
};

// A tag with the number of articles (any status) that carry it.
struct TagUsage {
  int64_t id = 0;
  std::string name;
  std::string slug;
  int64_t articles = 0;
};

class AdminStore {
 public:
  virtual ~AdminStore() = default;

  // Stores a token by the hash of its text (the caller hashes; see newsroom/auth.h).
  // kNotFound when the user does not exist; kInvalidInput when the name is empty or not UTF-8.
  virtual Result<ApiToken> AddToken(int64_t user_id, const std::string& name, TokenScope scope,
                                    const std::string& token_hash, UnixSeconds now) = 0;
  // The unrevoked token with that hash and its user, also recording `now` as its last use;
  // nullopt when unknown, revoked, or the user is disabled.
  virtual Result<std::optional<TokenOwner>> UseToken(const std::string& token_hash,
                                                     UnixSeconds now) = 0;
  // A user's tokens, revoked ones included, newest first.
  virtual Result<std::vector<ApiToken>> ListTokens(int64_t user_id) = 0;
  // kNotFound unless `user_id` owns an unrevoked token `token_id`.
  virtual Status RevokeToken(int64_t token_id, int64_t user_id, UnixSeconds now) = 0;

  // Renames a section; its slug (and so its URLs) stays. kConflict when another section has
  // the name; kNotFound when there is no such section.
  virtual Result<Section> RenameSection(int64_t id, const std::string& name) = 0;
  // Sets the navigation order: `ids` must be every section's id exactly once
  // (kInvalidInput otherwise).
  virtual Status ReorderSections(const std::vector<int64_t>& ids) = 0;

  // Every tag, by name.
  virtual Result<std::vector<TagUsage>> ListTags() = 0;
  // Renames a tag; its slug stays. kConflict when another tag has the name; kNotFound.
  virtual Status RenameTag(int64_t id, const std::string& name) = 0;

  // Writes every key/value in one transaction: all or nothing.
  virtual Status PutSettings(const std::map<std::string, std::string>& values) = 0;
};

}  // namespace wakala::store
