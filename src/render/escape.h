// render/: templates (a theme folder editable without recompiling), Markdown, HTML escaping,
// Arabic dates and numerals. Depends only on base/; knows nothing of the store, HTTP or the
// site's pages. Everything here is safe to call from several threads at once.
//
// The output-safety rule of the whole program lives in this layer: a string is emitted into a
// page unescaped only when its C++ type is SafeHtml. Templates enforce it by name (see theme.h).
#pragma once

#include <string>
#include <string_view>

namespace wakala::render {

// Escapes & < > " ' so that `text` is inert both in element content and inside a quoted
// attribute value. Not enough for unquoted attributes, URLs (javascript:) or <script>/<style>
// bodies: those must never receive untrusted text.
std::string EscapeHtml(std::string_view text);

// A string known to be safe HTML. The only ways to get one are the named factories below and
// MarkdownToHtml (markdown.h), so a SafeHtml in a signature is a proof obligation discharged.
class SafeHtml {
 public:
  // Empty HTML, so that SafeHtml can be a member of a default-constructed struct.
  SafeHtml() = default;

  // Plain text, escaped.
  static SafeHtml Escaped(std::string_view text);

  // HTML the program itself builds from constants and escaped pieces. Never pass anything that
  // contains user, editor or feed input: that is what Escaped and MarkdownToHtml are for.
  static SafeHtml TrustedLiteral(std::string html);

  const std::string& html() const { return html_; }
  bool empty() const { return html_.empty(); }

 private:
  explicit SafeHtml(std::string html) : html_(std::move(html)) {}
  std::string html_;
};

}  // namespace wakala::render
