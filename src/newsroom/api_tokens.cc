#include "newsroom/api_tokens.h"

#include "newsroom/auth.h"

namespace wakala::newsroom {

Result<NewToken> CreateApiToken(store::Store& store, int64_t user_id, const std::string& name,
                                store::TokenScope scope, UnixSeconds now) {
  if (name.empty()) return Status::InvalidInput("the token needs a name");
  if (name.size() > 200) return Status::InvalidInput("the token's name is longer than 200 bytes");
  NewToken out;
  out.secret = std::string(kTokenPrefix) + RandomToken();
  auto added = store.AddToken(user_id, name, scope, TokenHash(out.secret), now);
  if (!added.ok()) return added.status();
  out.token = std::move(*added);
  return out;
}

Result<std::optional<store::TokenOwner>> AuthenticateBearer(store::Store& store,
                                                            std::optional<std::string_view> header,
                                                            UnixSeconds now) {
  if (!header) return std::optional<store::TokenOwner>();
  std::string_view value = *header;
  constexpr std::string_view kScheme = "Bearer ";
  // The scheme is case-insensitive (RFC 9110 §11.1).
  if (value.size() <= kScheme.size()) return std::optional<store::TokenOwner>();
  for (size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(value[i])) != std::tolower(static_cast<unsigned char>(kScheme[i])))
      return std::optional<store::TokenOwner>();
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (!value.starts_with(kTokenPrefix) || value.size() > 200) return std::optional<store::TokenOwner>();
  // Found by the hash: the lookup's time does not depend on how much of a guess was right.
  return store.UseToken(TokenHash(value), now);
}

}  // namespace wakala::newsroom
