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

// Decodes the code point at s[i] and moves i past it. A malformed sequence (bad lead or
// continuation byte, truncation, overlong, surrogate, above U+10FFFF) gives U+FFFD and moves
// i one byte, so a scan always advances and never stops on bad input.
char32_t NextCodePoint(std::string_view s, size_t& i);

// Appends `cp` to `out` as UTF-8.
void AppendUtf8(std::string& out, char32_t cp);

// Percent-decodes a URL path segment ("%D8%A7" -> "ا"). nullopt on a malformed escape.
// '+' is kept as is (it means space only in query strings; see DecodeQueryComponent).
std::optional<std::string> PercentDecode(std::string_view s);
std::optional<std::string> DecodeQueryComponent(std::string_view s);

// Percent-encodes everything outside RFC 3986 unreserved characters and '/', so that Arabic
// slugs travel as UTF-8 percent escapes on the wire.
std::string PercentEncodePath(std::string_view s);

}  // namespace wakala
