#include "render/escape.h"

namespace wakala::render {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

SafeHtml SafeHtml::Escaped(std::string_view text) { return SafeHtml(EscapeHtml(text)); }

SafeHtml SafeHtml::TrustedLiteral(std::string html) { return SafeHtml(std::move(html)); }

}  // namespace wakala::render
