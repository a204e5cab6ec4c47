// Feed documents to ParsedFeed: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom 1.0 and JSON Feed 1.x.
//
// Hostile input is expected: the XML parser never touches the network, loads no DTD and
// substitutes no entities; a document that declares its own entities (<!ENTITY ...>, the
// "billion laughs" bomb) is refused outright. Every text is bounded (titles, summaries, item
// count), so memory use is a small multiple of the input size.
//
// Thread-safety: ParseFeed may be called from many threads at once.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "feeds/feed.h"

namespace wakala::feeds {

// Parses `bytes` fetched from `feed_url` (absolute; relative links are resolved against it
// and xml:base) with the HTTP `content_type` (may be empty: the encoding is then taken from
// the document or sniffed). kInvalidInput with a reason in plain words when the bytes are
// not a feed: empty, an HTML page, malformed or truncated XML, XML of another kind, invalid
// JSON, a wrong declared encoding, declared entities.
Result<ParsedFeed> ParseFeed(std::string_view bytes, std::string_view feed_url,
                             std::string_view content_type = {});

// What `wakala feed parse` prints: the feed as pretty-printed JSON (UTF-8, not escaped),
// dates as RFC 3339 in UTC.
std::string FeedToJson(const ParsedFeed& feed);

}  // namespace wakala::feeds
