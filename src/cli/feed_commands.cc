#include "cli/feed_commands.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "feeds/fetcher.h"
#include "feeds/parser.h"
#include "feeds/url.h"

namespace wakala::cli {
namespace {

int Fail(std::ostream& err, const Status& st) {
  err << "wakala: " << st.ToString() << "\n";
  return 1;
}

std::string When(const std::optional<UnixSeconds>& t) { return t ? Iso8601Utc(*t) : "-"; }

std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

int FeedParse(const std::string& source, const std::string& base, int timeout_seconds,
              std::ostream& out, std::ostream& err) {
  std::string bytes, content_type, url = source;
  if (feeds::IsHttpUrl(source)) {
    feeds::FetchOptions options;
    options.timeout = std::chrono::seconds(std::max(1, timeout_seconds));
    auto fetched = feeds::Fetch({source, "", ""}, options);
    if (!fetched.ok()) return Fail(err, fetched.status());
    bytes = std::move(fetched->body);
    content_type = fetched->content_type;
    url = fetched->final_url;
  } else {
    std::ostringstream data;
    if (source == "-") {
      data << std::cin.rdbuf();
    } else {
      std::ifstream in(source, std::ios::binary);
      if (!in) return Fail(err, Status::NotFound("cannot open «" + source + "»"));
      data << in.rdbuf();
    }
    bytes = data.str();
    // Relative links in a file have no base unless given: a placeholder then says so.
    url = base.empty() ? "https://feed-file.invalid/" : base;
  }
  auto parsed = feeds::ParseFeed(bytes, url, content_type);
  if (!parsed.ok()) return Fail(err, parsed.status());
  out << feeds::FeedToJson(*parsed);
  return 0;
}

int FeedAdd(store::Store& store, const std::string& url, const std::string& name, int interval,
            std::ostream& out, std::ostream& err) {
  auto added = store.AddPartnerFeed({url, name, interval});
  if (!added.ok()) return Fail(err, added.status());
  out << added->id << "\t" << added->name << "\t" << added->url << "\n";
  return 0;
}

int FeedList(store::Store& store, std::ostream& out, std::ostream& err) {
  auto feeds = store.ListPartnerFeeds();
  if (!feeds.ok()) return Fail(err, feeds.status());
  out << "id\tname\turl\tinterval\tstate\tlast_success\tlast_error\tnext_try\n";
  for (const auto& f : *feeds) {
    std::string state = !f.enabled ? "disabled" : f.muted ? "muted" : !f.last_error.empty() ? "unhealthy"
                        : f.last_success ? "healthy" : "new";
    out << f.id << "\t" << OneLine(f.name) << "\t" << f.url << "\t" << f.poll_seconds << "\t" << state
        << "\t" << When(f.last_success) << "\t" << (f.last_error.empty() ? "-" : OneLine(f.last_error))
        << "\t" << (f.next_try ? Iso8601Utc(f.next_try) : "now") << "\n";
  }
  return 0;
}

int FeedItems(store::Store& store, const std::string& feed, std::ostream& out, std::ostream& err) {
  store::FeedItemQuery q;
  q.include_hidden = true;
  q.limit = 100;
  if (!feed.empty()) {
    auto found = store.FindPartnerFeed(feed);
    if (!found.ok()) return Fail(err, found.status());
    if (!*found) return Fail(err, Status::NotFound("no feed is called «" + feed + "»"));
    q.feed_id = (*found)->id;
  }
  auto items = store.ListFeedItems(q);
  if (!items.ok()) return Fail(err, items.status());
  for (const auto& it : *items)
    out << it.id << "\t" << OneLine(it.feed_name) << "\t" << Iso8601Utc(it.published) << "\t"
        << (it.hidden ? "hidden\t" : "") << OneLine(it.title) << "\n";
  return 0;
}

int FeedHide(store::Store& store, const std::string& item, bool hidden, std::ostream& err) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
  if (ec != std::errc() || end != item.data() + item.size())
    return Fail(err, Status::InvalidInput("ITEM must be an item id, as `wakala feed items` prints it"));
  if (Status st = store.SetFeedItemHidden(id, hidden); !st.ok()) return Fail(err, st);
  return 0;
}

int FeedMute(store::Store& store, const std::string& feed, bool muted, std::ostream& err) {
  auto found = store.FindPartnerFeed(feed);
  if (!found.ok()) return Fail(err, found.status());
  if (!*found) return Fail(err, Status::NotFound("no feed is called «" + feed + "»"));
  if (Status st = store.SetPartnerFeedMuted((*found)->id, muted); !st.ok()) return Fail(err, st);
  return 0;
}

}  // namespace wakala::cli
