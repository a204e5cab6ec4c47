// arabic/: text analysis that knows Arabic script. Shared by the store (slugs), search and the
// ticker's clustering. Depends only on base/.
#pragma once

#include <string>
#include <string_view>

namespace wakala::arabic {

// A URL slug from a title, keeping Arabic letters as they are (no transliteration):
// «أهداف اللقاء الثاني» -> «أهداف-اللقاء-الثاني». Diacritics and tatweel are dropped, Latin is
// lower-cased, Arabic-Indic digits become ASCII, and every run of other characters becomes one
// '-'. At most `max_codepoints` code points, cut at a word boundary when possible. Empty when
// the title has no letters or digits.
std::string Slugify(std::string_view title, size_t max_codepoints = 80);

}  // namespace wakala::arabic
