#include "feeds/text.h"

#include <libxml/HTMLparser.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "base/utf8.h"

namespace wakala::feeds {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (AsciiLower(s[pos + i]) != prefix[i]) return false;
  return true;
}

// Tags after which the text continues on a new line in a browser.
bool BreaksLine(std::string_view name) {
  static constexpr std::array<std::string_view, 22> kBlocks = {
      "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td",
      "th", "table", "blockquote", "section", "article", "figure", "figcaption", "hr"};
  for (auto b : kBlocks)
    if (name == b) return true;
  return false;
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 ||
         c == 0x200B || c == 0x2028 || c == 0x2029 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A);
}

}  // namespace

std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 33) {
      out += s[i++];
      continue;
    }
    std::string_view ref = s.substr(i + 1, semi - i - 1);
    std::optional<char32_t> cp;
    if (ref.size() >= 2 && ref[0] == '#') {
      bool hex = ref[1] == 'x' || ref[1] == 'X';
      std::string_view digits = ref.substr(hex ? 2 : 1);
      uint64_t v = 0;
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = c >= '0' && c <= '9'             ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
        if (d < 0) {
          ok = false;
          break;
        }
        v = v * (hex ? 16 : 10) + d;
      }
      if (ok) cp = (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) ? 0xFFFD : static_cast<char32_t>(v);
    } else if (!ref.empty()) {
      bool name_ok = true;
      for (char c : ref) name_ok = name_ok && IsAsciiAlnum(c);
      if (name_ok) {
        std::string name(ref);
        if (name == "apos") {
          cp = '\'';
        } else if (const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
          cp = e->value;
        }
      }
    }
    if (!cp) {
      out += s[i++];
      continue;
    }
    AppendUtf8(out, *cp);
    i = semi + 1;
  }
  return out;
}

std::string StripTags(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      out += html[i++];
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    size_t j = i + 1;
    bool closing = j < html.size() && html[j] == '/';
    if (closing) ++j;
    size_t name_start = j;
    while (j < html.size() && IsAsciiAlnum(html[j])) ++j;
    if (j == name_start && !(j < html.size() && (html[j] == '!' || html[j] == '?'))) {
      out += html[i++];  // a lone '<' as in «5 < 6»
      continue;
    }
    std::string name;
    for (size_t k = name_start; k < j; ++k) name += AsciiLower(html[k]);
    // Skip to the tag's end, minding quoted attribute values.
    char quote = 0;
    for (; j < html.size(); ++j) {
      if (quote) {
        if (html[j] == quote) quote = 0;
      } else if (html[j] == '"' || html[j] == '\'') {
        quote = html[j];
      } else if (html[j] == '>') {
        break;
      }
    }
    i = j < html.size() ? j + 1 : html.size();
    if (!closing && (name == "script" || name == "style")) {
      std::string end_tag = "</" + name;
      size_t k = i;
      while (k < html.size() && !StartsWithNoCase(html, k, end_tag)) ++k;
      size_t gt = html.find('>', k);
      i = gt == std::string_view::npos ? html.size() : gt + 1;
      continue;
    }
    if (BreaksLine(name) || name == "img") out += ' ';
  }
  return out;
}

bool LooksLikeHtml(std::string_view s) {
  for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    size_t j = i + 1;
    if (j < s.size() && s[j] == '/') ++j;
    if (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) {
      size_t gt = s.find('>', j);
      if (gt != std::string_view::npos) return true;
    }
  }
  return false;
}

std::string CleanText(std::string_view s, bool is_html, size_t max_chars) {
  std::string text = is_html ? StripTags(s) : std::string(s);
  text = DecodeEntities(text);
  // A second layer ("&amp;quot;" in the source): only when references remain.
  if (text.find('&') != std::string::npos && text.find(';') != std::string::npos)
    text = DecodeEntities(text);
  if (is_html && LooksLikeHtml(text)) text = StripTags(text);  // escaped markup
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t chars = 0;
  size_t last_space_at = std::string::npos;  // byte length of out at the last word break
  bool cut = false;
  for (size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, i);
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xFEFF) continue;
    if (pending_space) {
      if (chars + 1 > max_chars) {
        cut = true;
        break;
      }
      last_space_at = out.size();
      out += ' ';
      ++chars;
      pending_space = false;
    }
    if (chars + 1 > max_chars) {
      cut = true;
      break;
    }
    AppendUtf8(out, c);
    ++chars;
  }
  if (cut) {
    if (last_space_at != std::string::npos && last_space_at > out.size() / 2) out.resize(last_space_at);
    out += "…";
  }
  return out;
}

std::string HashHex(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace wakala::feeds
