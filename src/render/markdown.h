#pragma once

#include <string_view>

#include "render/escape.h"

namespace wakala::render {

// Renders an article body written in GitHub-flavoured Markdown (tables, ~~strikethrough~~,
// bare-URL autolinks) with cmark-gfm in its safe mode: raw HTML blocks and inline tags are
// replaced by an HTML comment, and links or images whose URL is javascript:, vbscript:, file:
// or data: (except data:image/png|gif|jpeg|webp, which cmark keeps) get an empty URL. Smart
// punctuation is off so Arabic text and its punctuation come out byte for byte; invalid UTF-8
// is replaced by U+FFFD. "## x" becomes <h2>. Never fails; thread-safe.
SafeHtml MarkdownToHtml(std::string_view markdown);

}  // namespace wakala::render
