// Links in feeds, made absolute.
#pragma once

#include <string>
#include <string_view>

namespace wakala::feeds {

// Resolves `ref` against the absolute `base` (RFC 3986 section 5.2, dot segments removed).
// Surrounding whitespace is trimmed and inner spaces are percent-encoded. Returns empty when
// the result is not an http or https URL (javascript:, data:, mailto: links are dropped), so
// only web links reach a page.
std::string ResolveUrl(std::string_view base, std::string_view ref);

// True for an absolute http:// or https:// URL with a host.
bool IsHttpUrl(std::string_view url);

}  // namespace wakala::feeds
