// Imported HTML (WordPress post bodies) made into the Markdown wakala stores, through an
// allowlist. The HTML is parsed with libxml2's tolerant HTML parser and walked: allowlisted
// structure becomes Markdown (paragraphs, h1-h6 as ##-######, lists, blockquotes, pre/code,
// tables as GFM tables, links and images with http/https/mailto/relative URLs, strong/em/del,
// br, hr); script, style, iframe, object, embed, form and friends are dropped with their
// content; any other element is unwrapped (its text kept). Text is Markdown-escaped, so no
// raw HTML survives and the result renders through MarkdownToHtml like any article.
// WordPress' convention that a blank line in post_content separates paragraphs is kept.
// Thread-safe (libxml2 parser contexts are per call); never fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wakala::render {

struct HtmlConversionNotes {
  std::vector<std::string> dropped;  // names of elements dropped with their content, in order
  std::vector<std::string> refused_urls;  // link or image URLs with a scheme not allowed
};

std::string HtmlToMarkdown(std::string_view html, HtmlConversionNotes* notes = nullptr);

// The text of an HTML fragment (an excerpt), tags and dropped elements removed, whitespace
// collapsed.
std::string HtmlToText(std::string_view html);

}  // namespace wakala::render
