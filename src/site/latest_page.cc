// The latest-news ticker in every page's layout, and the /latest page (issue 5). The ticker
// comes from memory (site/ticker.h); /latest reads the store, since it is cached like any
// page and filtered pages (?source=) are few and cheap.
#include <algorithm>

#include "base/utf8.h"
#include "render/arabic_date.h"
#include "site/site.h"

namespace wakala::site {
namespace {

using http::Request;
using http::Response;
using render::SafeHtml;
using render::View;

View EntryView(const TickerEntry& e) {
  View v;
  v.Set("title", e.title).Set("link", e.link).SetBool("has_link", !e.link.empty());
  std::vector<View> sources;
  for (size_t i = 0; i < e.sources.size(); ++i) {
    View s;
    s.Set("name", e.sources[i].name)
        .Set("link", e.sources[i].link)
        .SetBool("has_link", !e.sources[i].link.empty())
        .SetBool("last", i + 1 == e.sources.size());
    sources.push_back(std::move(s));
  }
  v.SetList("sources", std::move(sources));
  v.SetBool("several_sources", e.sources.size() > 1);
  return v;
}

}  // namespace

std::vector<View> Site::TickerViews() const {
  std::vector<View> out;
  if (!ticker_) return out;
  auto current = ticker_->Current();
  out.reserve(current->size());
  for (const auto& e : *current) out.push_back(EntryView(e));
  return out;
}

void Site::AddLatestRoutes(http::Router& r) {
  r.Add("GET", "/latest", [this](const Request& q, const http::RouteParams&) { return LatestPage(q); });
}

Response Site::LatestPage(const Request& request) const {
  auto s = settings();
  std::optional<std::string> source = request.QueryParam("source");
  auto feeds = store_->ListPartnerFeeds();
  if (!feeds.ok()) return ServerError(feeds.status());
  store::FeedItemQuery all_q;
  all_q.limit = 300;
  auto items = store_->ListFeedItems(all_q);
  if (!items.ok()) return ServerError(items.status());
  // The filter offers the partners that have something to show.
  std::vector<View> filters;
  std::optional<int64_t> filter_id;
  for (const auto& f : *feeds) {
    bool current = source && *source == f.name && !f.muted;
    if (current) filter_id = f.id;
    bool has_items = std::any_of(items->begin(), items->end(), [&](const store::FeedItem& it) { return it.feed_id == f.id; });
    if (f.muted || (!has_items && !current)) continue;
    View v;
    v.Set("name", f.name).Set("url", "/latest?source=" + PercentEncodePath(f.name));
    v.SetBool("current", current);
    filters.push_back(std::move(v));
  }
  bool filtered = source && !source->empty();
  if (filtered && !filter_id) return NotFound();
  if (filter_id) {
    store::FeedItemQuery q;
    q.feed_id = filter_id;
    q.limit = 300;
    items = store_->ListFeedItems(q);
    if (!items.ok()) return ServerError(items.status());
  }
  std::vector<TickerEntry> stories = Ticker::Build(*items, {}, 100);
  std::vector<View> entries;
  for (const auto& e : stories) {
    View v = EntryView(e);
    v.Set("date", render::FormatArabicDateTime(e.published, s->date_style));
    v.Set("date_iso", Iso8601Utc(e.published));
    entries.push_back(std::move(v));
  }
  View page;
  page.Set("heading", filtered ? "آخر الأخبار من " + *source : "آخر الأخبار");
  page.SetBool("filtered", filtered);
  page.SetList("filters", std::move(filters));
  page.SetBool("empty", entries.empty());
  page.SetList("entries", std::move(entries));
  auto body = theme_->Render("latest", page);
  if (!body.ok()) return ServerError(body.status());
  return Page(200, filtered ? "آخر الأخبار من " + *source : "آخر الأخبار", "/latest",
              "آخر أخبار الوكالات الشريكة", SafeHtml::TrustedLiteral(std::move(*body)), true);
}

}  // namespace wakala::site
