// Plain text out of what feeds put in titles and descriptions: HTML fragments, entities
// (sometimes escaped twice), runs of whitespace.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wakala::feeds {

// Decodes HTML character references: named ones (&nbsp; &eacute; &laquo; ... the HTML 4 set),
// decimal and hexadecimal. Unknown or malformed references are kept as written; references
// to NUL, surrogates or beyond U+10FFFF become U+FFFD.
std::string DecodeEntities(std::string_view s);

// Removes tags, comments and the contents of <script> and <style>; tags that break a line
// (p, br, div, li, h1-h6 ...) leave a space so words do not run together.
std::string StripTags(std::string_view html);

// The text shown to readers: when `is_html`, tags stripped; entities decoded (a second,
// double-escaped layer too); control characters dropped; whitespace collapsed and trimmed;
// cut at `max_chars` code points at a word boundary with "…". The input must be UTF-8.
std::string CleanText(std::string_view s, bool is_html, size_t max_chars);

// True when `s` looks like it holds markup ("<p>", "<br/>", "</a>"), not just a '<' sign.
bool LooksLikeHtml(std::string_view s);

// A stable 64-bit FNV-1a hash as 16 hex digits: identity for items without id or link.
std::string HashHex(std::string_view s);


}  // namespace wakala::feeds
