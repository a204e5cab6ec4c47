#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace wakala::newsroom {

// Passwords are hashed with argon2id (libsodium's crypto_pwhash_str, interactive limits), a
// fresh salt each time. kUnavailable if libsodium cannot start or runs out of memory.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

// 32 random bytes as 43 characters of URL-safe base64: session tokens, CSRF tokens,
// generated passwords.
std::string RandomToken();
// What the database keeps of a session token: hex BLAKE2b, so a copy of the database does
// not let anyone log in.
std::string TokenHash(std::string_view token);
// Equality whose time does not depend on where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace wakala::newsroom
