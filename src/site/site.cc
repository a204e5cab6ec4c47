#include "site/site.h"

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/utf8.h"
#include "media/library.h"
#include "render/markdown.h"
#include "site/syndication.h"

namespace wakala::site {
namespace {

using http::Request;
using http::Response;
using render::SafeHtml;
using render::View;

std::string ArticlePath(const std::string& slug) { return "/article/" + slug; }
std::string SectionPath(const std::string& slug) { return "/section/" + slug; }
std::string TagPath(const std::string& slug) { return "/tag/" + slug; }
std::string AuthorPath(const std::string& slug) { return "/author/" + slug; }

// Hrefs carry Arabic slugs percent-encoded: valid everywhere, and browsers show them decoded.
std::string Href(const std::string& path) { return PercentEncodePath(path); }

// Page numbers: "" is page 1; anything but a positive decimal integer is nullopt (404).
std::optional<int> ParsePage(const std::string& text) {
  if (text.empty()) return 1;
  int n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || n < 1 || text[0] == '0')
    return std::nullopt;
  return n;
}

}  // namespace

Site::Site(store::Store* store, const render::Theme* theme, http::ResponseCache* cache,
           const Clock* clock, SiteOptions options)
    : store_(store), theme_(theme), cache_(cache), clock_(clock), options_(std::move(options)) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') options_.base_url.pop_back();
  if (options_.page_size < 1) options_.page_size = 10;
  router_ = BuildRoutes();
}

Site::~Site() { StopWatching(); }

Status Site::Init() { return ReloadSettings(); }

Status Site::ReloadSettings() {
  auto values = store_->Settings();
  if (!values.ok()) return values.status();
  std::string warnings;
  auto fresh = std::make_shared<SiteSettings>(SiteSettings::FromMap(*values, &warnings));
  if (!options_.site_name_override.empty()) fresh->site_name = options_.site_name_override;
  if (fresh->logo_media_id > 0) {
    // The smallest width is plenty for a header logo; a deleted image leaves the name alone.
    auto logo = store_->FindMedia(fresh->logo_media_id);
    if (logo.ok() && logo->has_value() && !(*logo)->widths.empty())
      fresh->logo_url = media::MediaPath(**logo, (*logo)->widths.front());
    else
      warnings += "logo_media: no image " + std::to_string(fresh->logo_media_id) + " in the media library\n";
  }
  if (!warnings.empty()) std::cerr << "wakala: settings: " << warnings;
  std::lock_guard lock(settings_mu_);
  settings_ = std::move(fresh);
  return Status::Ok();
}

std::shared_ptr<const SiteSettings> Site::settings() const {
  std::lock_guard lock(settings_mu_);
  return settings_;
}

void Site::StartWatching(std::chrono::milliseconds interval) {
  auto initial = store_->ContentVersion();
  int64_t seen = initial.ok() ? *initial : -1;
  watcher_ = std::thread([this, interval, seen]() mutable {
    // When the next scheduled article goes live, the pages listing it change with no write.
    auto next_due = [this]() -> std::optional<UnixSeconds> {
      auto next = store_->NextPublication(clock_->Now());
      return next.ok() ? *next : std::nullopt;
    };
    std::optional<UnixSeconds> due = next_due();
    std::unique_lock lock(watch_mu_);
    while (!watch_cv_.wait_for(lock, interval, [this] { return stop_watching_; })) {
      lock.unlock();
      // Drops exactly the pages a write changed (the store's change log says which); a write
      // that did not say (settings, sections, the ticker) drops every page.
      auto changes = store_->ChangesSince(seen);
      bool changed = changes.ok() && changes->version != seen;
      if (changed) {
        seen = changes->version;
        if (changes->everything) {
          // An editor hid an item or muted a feed: rebuilt before the pages are dropped.
          if (ticker_) {
            if (auto t = ticker_->Refresh(); !t.ok())
              std::cerr << "wakala: ticker: " << t.status().ToString() << "\n";
          }
          if (Status st = ReloadSettings(); !st.ok())
            std::cerr << "wakala: reloading settings: " << st.ToString() << "\n";
          cache_->Clear();
        } else {
          cache_->Invalidate(changes->scopes);
        }
        due = next_due();
      }
      if (due && *due <= clock_->Now()) {
        cache_->Clear();
        due = next_due();
      }
      lock.lock();
    }
  });
}

void Site::StopWatching() {
  {
    std::lock_guard lock(watch_mu_);
    stop_watching_ = true;
  }
  watch_cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

http::Router Site::BuildRoutes() {
  http::Router r;
  using P = http::RouteParams;
  r.Add("GET", "/", [this](const Request& q, const P&) { return Home(q); });
  r.Add("GET", "/article/{slug}", [this](const Request& q, const P& p) {
    auto form = CommentFormFor(q);  // comments.cc: ?comment=held, ?reply=ID
    return ArticlePage(p.Get("slug"), form ? &*form : nullptr);
  });
  r.Add("GET", "/section/{slug}", [this](const Request&, const P& p) { return SectionPage(p.Get("slug"), ""); });
  r.Add("GET", "/section/{slug}/page/{n}", [this](const Request&, const P& p) { return SectionPage(p.Get("slug"), p.Get("n")); });
  r.Add("GET", "/tag/{slug}", [this](const Request&, const P& p) { return TagPage(p.Get("slug"), ""); });
  r.Add("GET", "/tag/{slug}/page/{n}", [this](const Request&, const P& p) { return TagPage(p.Get("slug"), p.Get("n")); });
  r.Add("GET", "/author/{slug}", [this](const Request&, const P& p) { return AuthorPage(p.Get("slug"), ""); });
  r.Add("GET", "/author/{slug}/page/{n}", [this](const Request&, const P& p) { return AuthorPage(p.Get("slug"), p.Get("n")); });
  r.Add("GET", "/archive/{year}", [this](const Request&, const P& p) { return ArchivePage(p.Get("year"), "", ""); });
  r.Add("GET", "/archive/{year}/page/{n}", [this](const Request&, const P& p) { return ArchivePage(p.Get("year"), "", p.Get("n")); });
  r.Add("GET", "/archive/{year}/{month}", [this](const Request&, const P& p) { return ArchivePage(p.Get("year"), p.Get("month"), ""); });
  r.Add("GET", "/archive/{year}/{month}/page/{n}", [this](const Request&, const P& p) { return ArchivePage(p.Get("year"), p.Get("month"), p.Get("n")); });
  r.Add("GET", "/assets/{file}", [this](const Request&, const P& p) { return Asset(p.Get("file")); });
  AddFeedRoutes(r);       // syndication.cc
  AddDiscoveryRoutes(r);  // discovery.cc
  AddApiRoutes(r);        // api.cc
  AddSearchRoutes(r);     // search_pages.cc
  AddLatestRoutes(r);     // latest_page.cc
  AddCommentRoutes(r);    // comments.cc
  r.SetNotFound([this](const Request& q) {
    if (auto moved = LegacyRedirect(q)) return *moved;  // discovery.cc
    return NotFound();
  });
  return r;
}

Response Site::Handle(const Request& request) const { return router_.Dispatch(request); }

// ---- views -------------------------------------------------------------------------------

namespace {

View CardView(const store::Article& a, const render::DateStyle& style) {
  View v;
  v.Set("title", a.title)
      .Set("url", Href(ArticlePath(a.slug)))
      .Set("summary", a.summary)
      .Set("date", render::FormatArabicDate(a.published_at, style))
      .Set("date_iso", Iso8601Utc(a.published_at))
      .Set("section_name", a.section.name)
      .Set("section_url", Href(SectionPath(a.section.slug)))
      .Set("byline", a.author.name)
      .Set("author_url", Href(AuthorPath(a.author.slug)));
  return v;
}

// The cache scopes of a page that shows these articles (see http::Response::cache_scopes).
void AddArticleScopes(std::vector<std::string>& scopes, const std::vector<store::Article>& articles) {
  for (const auto& a : articles) scopes.push_back("article:" + std::to_string(a.id));
}

std::vector<View> CardViews(const std::vector<store::Article>& articles,
                            const render::DateStyle& style) {
  std::vector<View> out;
  out.reserve(articles.size());
  for (const auto& a : articles) out.push_back(CardView(a, style));
  return out;
}

}  // namespace

Response Site::Page(int status, const std::string& title, const std::string& path,
                    const std::string& description, SafeHtml content, bool cacheable,
                    SafeHtml head_html) const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  int year = ToCivil(now + s->date_style.zone.OffsetSeconds(now)).year;
  std::vector<View> nav;
  if (auto sections = store_->ListSections(); sections.ok()) {
    for (const auto& sec : *sections) {
      std::string sec_path = SectionPath(sec.slug);
      View item;
      item.Set("name", sec.name).Set("url", Href(sec_path));
      item.SetBool("current", path == sec_path || path.rfind(sec_path + "/", 0) == 0);
      nav.push_back(std::move(item));
    }
  }
  View layout;
  layout.Set("page_title", title == s->site_name ? title : title + " - " + s->site_name)
      .Set("site_name", s->site_name)
      .Set("logo_url", s->logo_url)
      .Set("tagline", s->tagline)
      .Set("description", description)
      .Set("canonical_url", options_.base_url + Href(path))
      .SetList("nav", std::move(nav))
      .Set("republish_policy", s->republish_policy)
      .Set("comments_disclaimer", s->comments_disclaimer)
      .Set("copyright_line", s->CopyrightLine(year))
      .SetBool("is_home", path == "/")
      .SetHtml("content_html", content);
  // The ticker, from memory (latest_page.cc).
  std::vector<View> ticker = TickerViews();
  layout.SetBool("has_ticker", !ticker.empty()).SetList("ticker", std::move(ticker));
  // Feeds and social metadata (syndication.cc, discovery.cc).
  layout.Set("base_url", options_.base_url)
      .Set("og_title", title)
      .SetList("scope_feeds", ScopeFeedLinks(options_.base_url, path, title))
      .SetBool("is_article", !head_html.empty())
      .SetHtml("head_html", head_html);
  Response response;
  auto html = theme_->Render("layout", layout);
  if (!html.ok()) {
    std::cerr << "wakala: theme: " << html.status().ToString() << "\n";
    return Response::Text(500, "The theme failed to render this page.\n");
  }
  response.status = status;
  response.body = std::move(*html);
  response.cacheable = cacheable;
  response.last_modified = now;
  return response;
}

Response Site::ServerError(const Status& status) const {
  std::cerr << "wakala: " << status.ToString() << "\n";
  int code = http::HttpStatusFor(status);
  if (code < 500) code = 500;
  Response r = Response::Text(code, code == 503 ? "The service is unavailable; try again shortly.\n"
                                                : "Internal Server Error\n");
  return r;
}

Response Site::NotFound() const {
  View v;
  v.Set("heading", "الصفحة غير موجودة")
      .Set("message", "لم نعثر على الصفحة التي تبحث عنها. ربما نُقلت أو أن الرابط غير صحيح.");
  auto body = theme_->Render("error", v);
  if (!body.ok()) return ServerError(body.status());
  // Not cached: a flood of random URLs must not push real pages out of the cache.
  return Page(404, "الصفحة غير موجودة", "/404", "", SafeHtml::TrustedLiteral(std::move(*body)), false);
}

Response Site::Gone() const {
  View v;
  v.Set("heading", "لم يعد هذا المقال متاحاً")
      .Set("message", "سحبت الوكالة هذا المقال ولم يعد منشوراً.");
  auto body = theme_->Render("error", v);
  if (!body.ok()) return ServerError(body.status());
  return Page(410, "لم يعد هذا المقال متاحاً", "/410", "", SafeHtml::TrustedLiteral(std::move(*body)), true);
}

std::optional<Response> Site::NotPublic(const std::optional<store::Article>& article,
                                        UnixSeconds now) const {
  if (!article) return NotFound();
  if (article->status == store::ArticleStatus::kUnpublished) return Gone();
  if (article->status != store::ArticleStatus::kPublished || article->published_at > now)
    return NotFound();
  return std::nullopt;
}

Response Site::Home(const Request& request) const {
  if (!request.query.empty())
    if (auto moved = LegacyRedirect(request)) return *moved;  // «/?p=12» of an imported site
  auto s = settings();
  UnixSeconds now = clock_->Now();
  store::ArticleQuery latest_q;
  latest_q.now = now;
  latest_q.limit = 1 + options_.page_size;
  auto latest = store_->ListArticles(latest_q);
  if (!latest.ok()) return ServerError(latest.status());
  View home;
  const auto& all = latest->articles;
  home.SetBool("has_lead", !all.empty());
  if (!all.empty()) home.SetObject("lead", CardView(all.front(), s->date_style));
  home.SetList("latest", CardViews(std::vector<store::Article>(all.begin() + (all.empty() ? 0 : 1), all.end()), s->date_style));

  auto sections = store_->ListSections();
  if (!sections.ok()) return ServerError(sections.status());
  std::vector<View> blocks;
  std::vector<std::string> shown_scopes;
  AddArticleScopes(shown_scopes, all);
  for (const auto& sec : *sections) {
    store::ArticleQuery q;
    q.now = now;
    q.section_id = sec.id;
    q.limit = 4;
    if (!all.empty()) q.exclude_id = all.front().id;  // the lead is already at the top
    auto page = store_->ListArticles(q);
    if (!page.ok()) return ServerError(page.status());
    if (page->articles.empty()) continue;
    View block;
    block.Set("name", sec.name).Set("url", Href(SectionPath(sec.slug)));
    block.SetList("articles", CardViews(page->articles, s->date_style));
    AddArticleScopes(shown_scopes, page->articles);
    blocks.push_back(std::move(block));
  }
  home.SetList("sections", std::move(blocks));
  shown_scopes.push_back("home");
  auto body = theme_->Render("home", home);
  if (!body.ok()) return ServerError(body.status());
  Response r = Page(200, s->site_name, "/", s->tagline, SafeHtml::TrustedLiteral(std::move(*body)), true);
  r.cache_scopes = std::move(shown_scopes);
  return r;
}

Response Site::ArticlePage(const std::string& slug, const CommentForm* comment_form) const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  auto found = store_->FindArticle(slug);
  if (!found.ok()) return ServerError(found.status());
  if (found->moved_to) {
    Response r = Response::Redirect(301, Href(ArticlePath(*found->moved_to)));
    r.cacheable = true;
    return r;
  }
  if (auto refused = NotPublic(found->article, now)) return std::move(*refused);
  const store::Article& a = *found->article;

  View v = CardView(a, s->date_style);
  v.Set("date_time", render::FormatArabicDateTime(a.published_at, s->date_style));
  v.Set("agency", a.agency).Set("source_credit", a.source_credit);
  v.SetBool("updated", a.updated_at > a.published_at + 60);
  v.Set("updated_date", render::FormatArabicDateTime(a.updated_at, s->date_style));
  v.Set("updated_iso", Iso8601Utc(a.updated_at));
  v.SetHtml("body_html", render::MarkdownToHtml(a.body_markdown));
  // A summary that is the body's opening words would be read twice.
  std::string_view opening(a.body_markdown.data(), std::min(a.body_markdown.size(), a.summary.size() + 8));
  bool summary_opens_body = !a.summary.empty() && opening.find(a.summary) != std::string_view::npos;
  v.Set("standfirst", summary_opens_body ? "" : a.summary);
  auto featured = store_->FindFeaturedMedia(a.id);
  if (!featured.ok()) return ServerError(featured.status());
  v.SetBool("has_figure", featured->has_value());
  if (featured->has_value()) {
    const store::FeaturedMedia& f = **featured;
    int fallback = media::FallbackWidth(f.media);
    View figure;
    figure.Set("src", media::MediaPath(f.media, fallback))
        .Set("srcset", media::Srcset(f.media))
        .Set("sizes", media::kArticleImageSizes)
        .Set("alt", f.alt)
        .Set("caption", f.caption);
    figure.SetNumber("width", fallback);
    figure.SetNumber("height", f.media.width > 0 ? static_cast<long long>(f.media.height) * fallback / f.media.width : 0);
    v.SetObject("figure", std::move(figure));
  }
  CivilTime local = ToCivil(a.published_at + s->date_style.zone.OffsetSeconds(a.published_at));
  v.Set("archive_url", "/archive/" + std::to_string(local.year) + "/" + std::to_string(local.month));
  std::vector<View> tags;
  for (const auto& t : a.tags) {
    View tv;
    tv.Set("name", t.name).Set("url", Href(TagPath(t.slug)));
    tags.push_back(std::move(tv));
  }
  v.SetBool("has_tags", !tags.empty());
  v.SetList("tags", std::move(tags));

  store::ArticleQuery related_q;
  related_q.now = now;
  related_q.section_id = a.section.id;
  related_q.exclude_id = a.id;
  related_q.limit = 4;
  auto related = store_->ListArticles(related_q);
  if (!related.ok()) return ServerError(related.status());
  v.SetBool("has_related", !related->articles.empty());
  v.SetList("related", CardViews(related->articles, s->date_style));

  auto older = store_->OlderArticle(a, now);
  auto newer = store_->NewerArticle(a, now);
  if (!older.ok()) return ServerError(older.status());
  if (!newer.ok()) return ServerError(newer.status());
  v.SetBool("has_older", older->has_value());
  if (older->has_value()) v.SetObject("older", CardView(**older, s->date_style));
  v.SetBool("has_newer", newer->has_value());
  if (newer->has_value()) v.SetObject("newer", CardView(**newer, s->date_style));

  if (Status st = AddCommentsView(v, a, comment_form); !st.ok()) return ServerError(st);  // comments.cc

  auto body = theme_->Render("article", v);
  if (!body.ok()) return ServerError(body.status());
  Response r = Page(200, a.title, ArticlePath(a.slug), a.summary,
                    SafeHtml::TrustedLiteral(std::move(*body)), true, ArticleHead(a));
  r.last_modified = a.updated_at;
  // Its own words, the related list of its section, and the articles it links to.
  r.cache_scopes = {"article:" + std::to_string(a.id), "section:" + std::to_string(a.section.id)};
  AddArticleScopes(r.cache_scopes, related->articles);
  if (older->has_value()) r.cache_scopes.push_back("article:" + std::to_string((*older)->id));
  if (newer->has_value()) r.cache_scopes.push_back("article:" + std::to_string((*newer)->id));
  r.cache_scopes.push_back("comments:" + std::to_string(a.id));  // its approved comments
  if (comment_form) {  // one reader's message or typed text: never shared
    r.status = comment_form->status;
    r.cacheable = false;
    r.cache_control = "no-store";
  }
  return r;
}

Response Site::Listing(const std::string& heading, const std::string& kind_label,
                       const std::string& base_path, store::ArticleQuery query,
                       const std::string& page_text) const {
  auto page = ParsePage(page_text);
  if (!page) return NotFound();
  if (!page_text.empty() && *page == 1) {
    Response r = Response::Redirect(301, Href(base_path));
    r.cacheable = true;
    return r;
  }
  auto s = settings();
  query.now = clock_->Now();
  query.limit = options_.page_size;
  query.offset = (*page - 1) * options_.page_size;
  auto result = store_->ListArticles(query);
  if (!result.ok()) return ServerError(result.status());
  int64_t pages = (result->total + options_.page_size - 1) / options_.page_size;
  if (*page > 1 && *page > pages) return NotFound();
  View v;
  v.Set("heading", heading).Set("kind", kind_label);
  v.SetNumber("total", result->total);
  v.SetBool("empty", result->articles.empty());
  v.SetList("articles", CardViews(result->articles, s->date_style));
  v.SetBool("paginated", pages > 1);
  v.Set("page", render::LocalizeDigits(std::to_string(*page), s->date_style.digits));
  v.Set("pages", render::LocalizeDigits(std::to_string(pages), s->date_style.digits));
  v.SetBool("has_newer_page", *page > 1);
  v.Set("newer_page_url", *page == 2 ? Href(base_path) : Href(base_path + "/page/" + std::to_string(*page - 1)));
  v.SetBool("has_older_page", *page < pages);
  v.Set("older_page_url", Href(base_path + "/page/" + std::to_string(*page + 1)));
  auto body = theme_->Render("listing", v);
  if (!body.ok()) return ServerError(body.status());
  std::string path = *page == 1 ? base_path : base_path + "/page/" + std::to_string(*page);
  std::string title = *page == 1 ? heading : heading + " - صفحة " + std::to_string(*page);
  Response r = Page(200, title, path, kind_label + " " + heading,
                    SafeHtml::TrustedLiteral(std::move(*body)), true);
  // The listing changes when an article joins or leaves it, or one it shows changes.
  r.cache_scopes.push_back(query.section_id ? "section:" + std::to_string(*query.section_id)
                           : query.tag_id   ? "tag:" + std::to_string(*query.tag_id)
                           : query.author_id ? "author:" + std::to_string(*query.author_id)
                                             : "archive");
  AddArticleScopes(r.cache_scopes, result->articles);
  return r;
}

Response Site::SectionPage(const std::string& slug, const std::string& page) const {
  auto section = store_->FindSection(slug);
  if (!section.ok()) return ServerError(section.status());
  if (!section->has_value()) return NotFound();
  if ((*section)->slug != slug) {  // found by its name: send the reader to the one URL
    Response r = Response::Redirect(301, Href(SectionPath((*section)->slug)));
    r.cacheable = true;
    return r;
  }
  store::ArticleQuery q;
  q.section_id = (*section)->id;
  return Listing((*section)->name, "قسم", SectionPath(slug), q, page);
}

Response Site::TagPage(const std::string& slug, const std::string& page) const {
  auto tag = store_->FindTag(slug);
  if (!tag.ok()) return ServerError(tag.status());
  if (!tag->has_value()) return NotFound();
  store::ArticleQuery q;
  q.tag_id = (*tag)->id;
  return Listing((*tag)->name, "وسم", TagPath(slug), q, page);
}

Response Site::AuthorPage(const std::string& slug, const std::string& page) const {
  auto author = store_->FindAuthor(slug);
  if (!author.ok()) return ServerError(author.status());
  if (!author->has_value()) return NotFound();
  store::ArticleQuery q;
  q.author_id = (*author)->id;
  return Listing((*author)->name, "الكاتب", AuthorPath(slug), q, page);
}

Response Site::ArchivePage(const std::string& year_text, const std::string& month_text,
                           const std::string& page) const {
  auto s = settings();
  int year = 0, month = 0;
  auto parse = [](const std::string& t, int& out, int lo, int hi) {
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && p == t.data() + t.size() && out >= lo && out <= hi;
  };
  if (!parse(year_text, year, 1900, 9999)) return NotFound();
  if (!month_text.empty() && !parse(month_text, month, 1, 12)) return NotFound();
  // Month boundaries are local midnights in the site's zone.
  auto local_start = [&](int y, int m) {
    UnixSeconds t = FromCivil({y, m, 1, 0, 0, 0});
    return t - s->date_style.zone.OffsetSeconds(t);
  };
  store::ArticleQuery q;
  std::string heading, base;
  if (month) {
    q.from = local_start(year, month);
    q.until = month == 12 ? local_start(year + 1, 1) : local_start(year, month + 1);
    heading = render::ArabicMonthName(month, s->date_style.months) + " " +
              render::LocalizeDigits(std::to_string(year), s->date_style.digits);
    base = "/archive/" + std::to_string(year) + "/" + std::to_string(month);
  } else {
    q.from = local_start(year, 1);
    q.until = local_start(year + 1, 1);
    heading = render::LocalizeDigits(std::to_string(year), s->date_style.digits);
    base = "/archive/" + std::to_string(year);
  }
  if (base != "/archive/" + year_text + (month_text.empty() ? "" : "/" + month_text)) {
    Response r = Response::Redirect(301, base);  // "/archive/2019/05" -> "/archive/2019/5"
    r.cacheable = true;
    return r;
  }
  return Listing(heading, "أرشيف", base, q, page);
}

Response Site::Asset(const std::string& file) const {
  // Only plain file names from the theme folder: no separators, no dot files.
  if (file.empty() || file[0] == '.' ||
      file.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
          std::string::npos)
    return NotFound();
  static const std::pair<const char*, const char*> kTypes[] = {
      {".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},           {".png", "image/png"},
      {".ico", "image/x-icon"},            {".woff2", "font/woff2"},
      {".jpg", "image/jpeg"},              {".webp", "image/webp"}};
  const char* type = nullptr;
  for (const auto& [ext, t] : kTypes) {
    std::string_view e(ext);
    if (file.size() > e.size() && file.compare(file.size() - e.size(), e.size(), e) == 0) type = t;
  }
  if (!type) return NotFound();
  std::ifstream in(options_.theme_folder + "/" + file, std::ios::binary);
  if (!in) return NotFound();
  std::ostringstream data;
  data << in.rdbuf();
  Response r;
  r.content_type = type;
  r.body = data.str();
  r.cacheable = true;
  r.cache_control = "public, max-age=3600";
  r.cache_scopes = {"theme"};  // changes with the theme's files, not with content
  return r;
}

}  // namespace wakala::site
