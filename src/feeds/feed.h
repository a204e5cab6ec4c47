// feeds/: partner feeds, from bytes to ticker entries. Parsing (RSS 0.9x/1.0/2.0, Atom 1.0,
// JSON Feed 1.x, in UTF-8, windows-1256 or ISO-8859-6), fetching over HTTP with libcurl, the
// retry schedule, and clustering headlines about the same story. Knows nothing of the store,
// HTTP serving or HTML pages: site/ wires feeds to the store and the ticker. Depends on
// arabic/ (the analyser, for clustering) and base/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"

namespace wakala::feeds {

// One entry of a feed as wakala understood it. Text fields are plain UTF-8 text: markup
// stripped, entities decoded, whitespace collapsed.
struct ParsedItem {
  // Stable identity within the feed: the feed's own id (guid, atom:id, JSON id), else the
  // link, else "hash:" + a hash of title and summary. Never empty.
  std::string id;
  std::string id_source;  // "guid", "link" or "hash": where `id` came from
  std::string link;       // absolute (resolved against the feed URL); may be empty
  std::string title;
  std::string summary;    // at most kMaxSummaryChars code points
  std::optional<UnixSeconds> published;
  std::optional<UnixSeconds> updated;
  std::string author;
};

struct ParsedFeed {
  std::string format;    // "rss2.0", "rss0.9x", "rss1.0", "atom1.0", "jsonfeed1"
  std::string encoding;  // what the bytes were decoded from: "UTF-8", "windows-1256", ...
  std::string encoding_source;  // "bom", "http", "xml", "sniffed", "default"
  std::string title;
  std::string link;  // the partner's site, absolute
  std::vector<ParsedItem> items;  // in document order
  // Things that were repaired or dropped ("item 3 has no title; skipped"). Not errors.
  std::vector<std::string> warnings;
};

inline constexpr size_t kMaxSummaryChars = 400;
inline constexpr size_t kMaxTitleChars = 300;
// More items than this in one document are ignored (a warning says so).
inline constexpr size_t kMaxItems = 500;

}  // namespace wakala::feeds
