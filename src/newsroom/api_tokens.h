// Personal access tokens for the agency's own tools (doc/api-write.md): made in the newsroom
// (/admin/tokens) or by `wakala token add`, shown once, kept only as a hash, sent back as
// "Authorization: Bearer <token>".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"
#include "store/store.h"

namespace wakala::newsroom {

// Every token starts with this, so that a leaked one is recognisable (secret scanners, logs).
inline constexpr std::string_view kTokenPrefix = "wakala_";

struct NewToken {
  std::string secret;  // the token itself: shown to its owner once, never stored
  store::ApiToken token;
};

// Makes and stores a token for `user_id`. kInvalidInput for an empty or over-long name.
Result<NewToken> CreateApiToken(store::Store& store, int64_t user_id, const std::string& name,
                                store::TokenScope scope, UnixSeconds now);

// The live token and its enabled user named by an Authorization header value ("Bearer ...");
// nullopt when the header is missing, malformed, or names no live token.
Result<std::optional<store::TokenOwner>> AuthenticateBearer(store::Store& store,
                                                            std::optional<std::string_view> header,
                                                            UnixSeconds now);

}  // namespace wakala::newsroom
