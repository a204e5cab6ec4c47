// Readers' comments are plain text. CommentTextToHtml is the only way their words reach a
// page: everything escaped, bare http(s) and www. addresses linked with
// rel="nofollow ugc noopener", line breaks kept as <br>. The caller wraps the result in an
// element with dir="auto" so mixed Arabic and Latin text reads right. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "render/escape.h"

namespace wakala::render {

// `text` must be valid UTF-8 (the site checks before storing); invalid bytes are escaped as
// they are, never interpreted.
SafeHtml CommentTextToHtml(std::string_view text);

// The number of addresses CommentTextToHtml would link (the site holds comments with many).
int CountCommentLinks(std::string_view text);

}  // namespace wakala::render
