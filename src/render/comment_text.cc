#include "render/comment_text.h"

#include <cctype>
#include <functional>

namespace wakala::render {
namespace {

bool StartsWithNoCase(std::string_view text, size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != prefix[i]) return false;
  return true;
}

// Where an address ends: at whitespace (ASCII, or U+00A0 and U+3000 as UTF-8), or at a
// character that cannot be part of one in running text.
size_t UrlEnd(std::string_view text, size_t start) {
  size_t i = start;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`') break;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) break;
    ++i;
  }
  // Trailing punctuation belongs to the sentence: . , ; : ! ? ) ] and Arabic ، ؛ ؟
  for (;;) {
    if (i > start && std::string_view(".,;:!?)]}").find(text[i - 1]) != std::string_view::npos) {
      if (text[i - 1] == ')' && text.substr(start, i - start).find('(') != std::string_view::npos) break;
      --i;
      continue;
    }
    bool arabic_mark = false;
    for (std::string_view mark : {"\xD8\x8C", "\xD8\x9B", "\xD8\x9F"}) {  // ، ؛ ؟
      if (i - start > mark.size() && text.substr(i - mark.size(), mark.size()) == mark) {
        i -= mark.size();
        arabic_mark = true;
        break;
      }
    }
    if (!arabic_mark) break;
  }
  return i;
}

// Calls `link(begin, end, href_prefix)` for each address and `plain(begin, end)` between them.
void Scan(std::string_view text, const std::function<void(size_t, size_t)>& plain,
          const std::function<void(size_t, size_t, std::string_view)>& link) {
  size_t done = 0;
  for (size_t i = 0; i < text.size();) {
    bool at_word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    std::string_view prefix;
    size_t scheme_len = 0;
    if (at_word_start) {
      if (StartsWithNoCase(text, i, "https://")) scheme_len = 8;
      else if (StartsWithNoCase(text, i, "http://")) scheme_len = 7;
      else if (StartsWithNoCase(text, i, "www.")) prefix = "http://";
    }
    if (scheme_len == 0 && prefix.empty()) {
      ++i;
      continue;
    }
    size_t end = UrlEnd(text, i);
    size_t min_len = scheme_len ? scheme_len + 1 : 5;  // a host after the scheme, or "www.x"
    if (end - i < min_len) {
      ++i;
      continue;
    }
    if (i > done) plain(done, i);
    link(i, end, prefix);
    done = i = end;
  }
  if (done < text.size()) plain(done, text.size());
}

}  // namespace

SafeHtml CommentTextToHtml(std::string_view text) {
  std::string out;
  auto plain = [&](size_t b, size_t e) {
    std::string_view part = text.substr(b, e - b);
    size_t pos = 0;
    for (size_t nl; (nl = part.find('\n', pos)) != std::string_view::npos; pos = nl + 1) {
      std::string_view line = part.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      out += EscapeHtml(line);
      out += "<br>\n";
    }
    out += EscapeHtml(part.substr(pos));
  };
  auto link = [&](size_t b, size_t e, std::string_view href_prefix) {
    std::string_view url = text.substr(b, e - b);
    out += "<a href=\"";
    out += EscapeHtml(std::string(href_prefix) + std::string(url));
    out += "\" rel=\"nofollow ugc noopener\">";
    out += EscapeHtml(url);
    out += "</a>";
  };
  Scan(text, plain, link);
  return SafeHtml::TrustedLiteral(std::move(out));
}

int CountCommentLinks(std::string_view text) {
  int n = 0;
  Scan(text, [](size_t, size_t) {}, [&](size_t, size_t, std::string_view) { ++n; });
  return n;
}

}  // namespace wakala::render
