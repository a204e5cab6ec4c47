#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace wakala {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// The byte offset of the first invalid sequence, or nullopt when `s` is valid.
std::optional<size_t> FirstInvalidUtf8(std::string_view s);

// Percent-decodes a URL path segment ("%D8%A7" -> "ا"). nullopt on a malformed escape.
// '+' is kept as is (it means space only in query strings; see DecodeQueryComponent).
std::optional<std::string> PercentDecode(std::string_view s);
std::optional<std::string> DecodeQueryComponent(std::string_view s);

// Percent-encodes everything outside RFC 3986 unreserved characters and '/', so that Arabic
// slugs travel as UTF-8 percent escapes on the wire.
std::string PercentEncodePath(std::string_view s);

}  // namespace wakala
