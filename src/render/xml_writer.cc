#include "render/xml_writer.h"

namespace wakala::render {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns its code point and advances i, or returns -1
// (and advances one byte) for an invalid sequence.
long NextCodePoint(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return -1;
  }
  long cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  static const long kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return -1;
  }
  i += len;
  return cp;
}

bool AllowedInXml(long cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

}  // namespace

std::string XmlEscape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    long cp = NextCodePoint(text, i);
    if (cp < 0 || !AllowedInXml(cp)) continue;
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;  // a literal CR would be normalised away by parsers
      default: out.append(text.substr(start, i - start));
    }
  }
  return out;
}

XmlWriter::XmlWriter() { out_ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"; }

void XmlWriter::StartTag(std::string_view name, Attrs attrs) {
  out_ += "\n";
  out_.append(open_.size() * 2, ' ');
  out_ += "<";
  out_ += name;
  for (const auto& [k, v] : attrs) {
    out_ += " ";
    out_ += k;
    out_ += "=\"";
    out_ += XmlEscape(v, true);
    out_ += "\"";
  }
}

XmlWriter& XmlWriter::Open(std::string_view name, Attrs attrs) {
  StartTag(name, attrs);
  out_ += ">";
  open_.emplace_back(name);
  return *this;
}

XmlWriter& XmlWriter::Close() {
  if (open_.empty()) return *this;
  out_ += "\n";
  out_.append((open_.size() - 1) * 2, ' ');
  out_ += "</" + open_.back() + ">";
  open_.pop_back();
  return *this;
}

XmlWriter& XmlWriter::Element(std::string_view name, std::string_view text, Attrs attrs) {
  StartTag(name, attrs);
  out_ += ">";
  out_ += XmlEscape(text);
  out_ += "</";
  out_ += name;
  out_ += ">";
  return *this;
}

XmlWriter& XmlWriter::Empty(std::string_view name, Attrs attrs) {
  StartTag(name, attrs);
  out_ += "/>";
  return *this;
}

XmlWriter& XmlWriter::Text(std::string_view text) {
  out_ += XmlEscape(text);
  return *this;
}

std::string XmlWriter::Finish() {
  while (!open_.empty()) Close();
  out_ += "\n";
  return std::move(out_);
}

}  // namespace wakala::render
