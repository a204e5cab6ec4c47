#include "arabic/slug.h"

#include <cstdint>
#include <vector>

#include "base/utf8.h"

namespace wakala::arabic {
namespace {

bool IsArabicMark(char32_t cp) {
  return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED) ||
         (cp >= 0x0610 && cp <= 0x061A);
}

bool IsArabicLetter(char32_t cp) {
  return (cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A) ||
         (cp >= 0x0671 && cp <= 0x06D3) || cp == 0x06D5 || (cp >= 0x06FA && cp <= 0x06FC);
}

}  // namespace

std::string Slugify(std::string_view title, size_t max_codepoints) {
  // Words as code point vectors first, so the length cut can fall between words.
  std::vector<std::u32string> words(1);
  for (size_t i = 0; i < title.size();) {
    char32_t cp = NextCodePoint(title, i);
    if (cp == 0x0640 || IsArabicMark(cp)) continue;  // tatweel, harakat: not part of a slug
    if (cp >= 0x0660 && cp <= 0x0669) cp = U'0' + (cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9) cp = U'0' + (cp - 0x06F0);
    if (cp >= U'A' && cp <= U'Z') cp = cp - U'A' + U'a';
    bool keep = (cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9') || IsArabicLetter(cp);
    if (keep) {
      words.back().push_back(cp);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();

  std::u32string slug;
  for (const auto& w : words) {
    size_t need = w.size() + (slug.empty() ? 0 : 1);
    if (slug.size() + need > max_codepoints) {
      if (slug.empty()) slug = w.substr(0, max_codepoints);
      break;
    }
    if (!slug.empty()) slug.push_back(U'-');
    slug += w;
  }
  std::string out;
  for (char32_t cp : slug) AppendUtf8(out, cp);
  return out;
}

}  // namespace wakala::arabic
