// libFuzzer target for the feed parser (src/feeds/parser.h): any bytes, with any of a few
// Content-Type headers, must parse or be refused with a Status: no crash, no sanitizer report,
// no unbounded time or memory. Built and run by scripts/fuzz-feeds; the corpus is corpus/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/feed_date.h"
#include "feeds/parser.h"
#include "feeds/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view kTypes[] = {
      "", "application/rss+xml; charset=utf-8", "text/xml; charset=windows-1256",
      "text/xml; charset=iso-8859-6"};
  std::string_view type = kTypes[data[0] % 4];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto parsed = wakala::feeds::ParseFeed(bytes, "https://partner.example/feeds/rss", type);
  if (parsed.ok()) (void)wakala::feeds::FeedToJson(*parsed);
  (void)wakala::feeds::ParseFeedDate(bytes.substr(0, 120));
  (void)wakala::feeds::ResolveUrl("https://partner.example/a/b/c?q", bytes.substr(0, 200));
  return 0;
}
