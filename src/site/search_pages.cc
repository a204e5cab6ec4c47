// Search on the public site (issue 6): the results page /search, the JSON API /api/search and
// /api/analyze (what the analyser makes of a text). Query syntax and matching: arabic/query.h
// and store/search_store.h. Search responses are never cached (they depend on the query
// string), and nothing a reader types can produce a 5xx: an unusable query gets a page or
// a JSON error that says what to change.
//
// Parameters: q (the query), section (a section slug), from and to (YYYY-MM-DD, inclusive,
// in the site's time zone), page (1, 2, ...).
#include <charconv>
#include <iostream>

#include <nlohmann/json.hpp>

#include "arabic/analyzer.h"
#include "arabic/highlight.h"
#include "arabic/query.h"
#include "base/utf8.h"
#include "render/escape.h"
#include "site/site.h"

namespace wakala::site {
namespace {

using http::Request;
using http::Response;
using render::SafeHtml;
using render::View;

// The query text is read up to this many bytes (a word boundary is not needed: the
// analyser stops at a broken character); the parser further keeps kMaxQueryWords words.
constexpr size_t kMaxQueryBytes = 2048;

struct SearchParams {
  std::string q, section, from, to;
  int page = 1;
  std::string error;  // a reader-facing reason the request cannot be searched as given
  bool has_filters() const { return !section.empty() || !from.empty() || !to.empty(); }
};

// Cuts at a code point boundary.
std::string Truncated(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

SearchParams ReadParams(const Request& request) {
  SearchParams p;
  auto get = [&](std::string_view name, std::string& out) {
    auto v = request.QueryParam(name);
    if (v) {
      out = *v;
    } else if (request.query.find(std::string(name) + "=") != std::string::npos) {
      // Present but not decodable: bad percent escapes or invalid UTF-8.
      p.error = "تعذّرت قراءة البحث: النص المرسل ليس نصاً صالحاً (UTF-8).";
    }
  };
  get("q", p.q);
  get("section", p.section);
  get("from", p.from);
  get("to", p.to);
  std::string page;
  get("page", page);
  p.q = Truncated(std::move(p.q), kMaxQueryBytes);
  if (!page.empty()) {
    auto [end, ec] = std::from_chars(page.data(), page.data() + page.size(), p.page);
    if (ec != std::errc() || end != page.data() + page.size() || p.page < 1 || p.page > 1000)
      p.page = 1;
  }
  return p;
}

// "2019-05-09" -> its local midnight; nullopt when malformed.
std::optional<UnixSeconds> ParseDay(const std::string& text, const render::TimeZone& zone) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto num = [&](size_t at, size_t len, int& out, int lo, int hi) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc() && end == text.data() + at + len && out >= lo && out <= hi;
  };
  if (!num(0, 4, y, 1900, 9999) || !num(5, 2, m, 1, 12) || !num(8, 2, d, 1, 31))
    return std::nullopt;
  UnixSeconds t = FromCivil({y, m, d, 0, 0, 0});
  return t - zone.OffsetSeconds(t);
}

// Markdown as a reader sees it, for snippets: link targets, emphasis and heading markers
// removed. The text keeps its diacritics.
std::string PlainText(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  for (size_t i = 0; i < md.size(); ++i) {
    char c = md[i];
    if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') {
      size_t close = md.find(')', i + 2);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    if (c == '*' || c == '_' || c == '#' || c == '>' || c == '`' || c == '[' || c == '!') continue;
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return out;
}

// `text` escaped, with the spans wrapped in <mark>.
SafeHtml Marked(std::string_view text, const std::vector<arabic::Span>& spans, size_t from = 0,
                size_t to = std::string_view::npos) {
  to = std::min(to, text.size());
  std::string html;
  size_t pos = from;
  for (const auto& s : spans) {
    if (s.begin < pos || s.end > to) continue;
    html += render::EscapeHtml(text.substr(pos, s.begin - pos));
    html += "<mark>" + render::EscapeHtml(text.substr(s.begin, s.end - s.begin)) + "</mark>";
    pos = s.end;
  }
  html += render::EscapeHtml(text.substr(pos, to - pos));
  return SafeHtml::TrustedLiteral(std::move(html));
}

std::string SearchUrl(const SearchParams& p, int page, bool with_filters) {
  auto enc = [](const std::string& v) {
    std::string e = PercentEncodePath(v);
    std::string out;
    for (char c : e) out += c == '/' ? std::string("%2F") : std::string(1, c);
    return out;
  };
  std::string url = "/search?q=" + enc(p.q);
  if (with_filters) {
    if (!p.section.empty()) url += "&section=" + enc(p.section);
    if (!p.from.empty()) url += "&from=" + enc(p.from);
    if (!p.to.empty()) url += "&to=" + enc(p.to);
  }
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

nlohmann::json WordsJson(const std::vector<arabic::QueryWord>& words) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& w : words) out.push_back({{"folded", w.surface}, {"stem", w.stem}});
  return out;
}

Response Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.cacheable = false;
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return r;
}

}  // namespace

void Site::AddSearchRoutes(http::Router& r) {
  using P = http::RouteParams;
  r.Add("GET", "/search", [this](const Request& q, const P&) { return SearchPage(q); });
  r.Add("GET", "/api/search", [this](const Request& q, const P&) { return ApiSearch(q); });
  r.Add("GET", "/api/analyze", [this](const Request& q, const P&) { return ApiAnalyze(q); });
}

// Runs the query the parameters describe. Sets `error` (a reader-facing message) instead of
// searching when they are unusable; a store failure is returned as a Status.
Result<store::SearchResults> Site::RunSearch(const SearchFilters& params,
                                             const arabic::ParsedQuery& terms,
                                             std::string& error) const {
  auto s = settings();
  store::SearchQuery query;
  query.terms = terms;
  query.now = clock_->Now();
  query.limit = options_.page_size;
  query.offset = (params.page - 1) * options_.page_size;
  if (!params.section.empty()) {
    auto section = store_->FindSection(params.section);
    if (!section.ok()) return section.status();
    if (!section->has_value()) {
      error = "القسم «" + params.section + "» غير موجود.";
      return store::SearchResults{};
    }
    query.section_id = (*section)->id;
  }
  if (!params.from.empty()) {
    query.from = ParseDay(params.from, s->date_style.zone);
    if (!query.from) error = "تاريخ البداية يُكتب هكذا: 2019-05-09.";
  }
  if (!params.to.empty()) {
    auto to = ParseDay(params.to, s->date_style.zone);
    if (!to) error = "تاريخ النهاية يُكتب هكذا: 2019-05-09.";
    else query.until = *to + 86400;
  }
  if (!error.empty()) return store::SearchResults{};
  if (terms.Empty()) {
    error = terms.excluded.empty()
                ? "لم يبقَ في البحث كلمات يُبحث عنها: الحركات وعلامات الترقيم والكلمات الشائعة "
                  "مثل «في» و«من» لا يُبحث عنها وحدها. اكتب كلمة أخرى."
                : "اكتب كلمة واحدة على الأقل يُبحث عنها إلى جانب الكلمات المستبعدة (-كلمة).";
    return store::SearchResults{};
  }
  auto results = store_->SearchArticles(query);
  if (!results.ok() && results.status().code() == StatusCode::kInvalidInput) {
    error = "لا يمكن البحث بهذا النص: " + results.status().message();
    return store::SearchResults{};
  }
  return results;
}

Response Site::SearchPage(const Request& request) const {
  auto s = settings();
  SearchParams p = ReadParams(request);
  arabic::ParsedQuery terms = arabic::ParseQuery(p.q);
  std::string error = p.error;
  store::SearchResults results;
  const bool searched = error.empty() && !p.q.empty();
  if (searched) {
    auto found = RunSearch({p.section, p.from, p.to, p.page}, terms, error);
    if (!found.ok()) return ServerError(found.status());
    results = std::move(*found);
  }
  const int64_t pages = (results.total + options_.page_size - 1) / options_.page_size;
  const std::vector<arabic::QueryWord> positive = terms.Positive();

  View v;
  v.Set("query", p.q).Set("from", p.from).Set("to", p.to);
  std::vector<View> sections;
  if (auto all = store_->ListSections(); all.ok()) {
    for (const auto& sec : *all) {
      View item;
      item.Set("name", sec.name).Set("slug", sec.slug).SetBool("selected", sec.slug == p.section);
      sections.push_back(std::move(item));
    }
  }
  v.SetList("sections", std::move(sections));
  v.Set("message", error);
  v.SetBool("prompt", p.q.empty() && error.empty());
  v.SetBool("truncated", terms.truncated);
  std::vector<View> items;
  for (size_t i = 0; i < results.articles.size(); ++i) {
    const store::Article& a = results.articles[i];
    View item;
    item.Set("url", PercentEncodePath("/article/" + a.slug));
    item.SetHtml("title_html", Marked(a.title, arabic::MatchSpans(a.title, positive)));
    std::string text = PlainText(a.summary.empty() ? a.body_markdown : a.summary + " " + a.body_markdown);
    arabic::Snippet snip = arabic::BestSnippet(text, positive, 30);
    std::string html = (snip.cut_before ? "… " : "") +
                       Marked(text, snip.marks, snip.range.begin, snip.range.end).html() +
                       (snip.cut_after ? " …" : "");
    item.SetHtml("snippet_html", SafeHtml::TrustedLiteral(std::move(html)));
    item.Set("date", render::FormatArabicDate(a.published_at, s->date_style))
        .Set("date_iso", Iso8601Utc(a.published_at))
        .Set("section_name", a.section.name)
        .Set("section_url", PercentEncodePath("/section/" + a.section.slug));
    items.push_back(std::move(item));
  }
  const bool found_any = !items.empty();
  v.SetBool("has_results", found_any);
  v.SetList("results", std::move(items));
  v.Set("count", render::LocalizeDigits(std::to_string(results.total), s->date_style.digits));
  v.SetBool("no_results", searched && error.empty() && !found_any);
  v.SetBool("suggest_filters", p.has_filters());
  v.Set("unfiltered_url", SearchUrl(p, 1, false));
  v.SetBool("paginated", pages > 1);
  v.Set("page", render::LocalizeDigits(std::to_string(p.page), s->date_style.digits));
  v.Set("pages", render::LocalizeDigits(std::to_string(pages), s->date_style.digits));
  v.SetBool("has_prev_page", p.page > 1 && found_any);
  v.Set("prev_page_url", SearchUrl(p, p.page - 1, true));
  v.SetBool("has_next_page", p.page < pages);
  v.Set("next_page_url", SearchUrl(p, p.page + 1, true));
  auto body = theme_->Render("search", v);
  if (!body.ok()) return ServerError(body.status());
  std::string title = p.q.empty() ? "البحث" : "البحث: " + p.q;
  // Only undecodable input is the client's error; an empty or unusable query is a normal page.
  Response r = Page(p.error.empty() ? 200 : 400, title, "/search", "", SafeHtml::TrustedLiteral(std::move(*body)), false);
  r.headers.emplace_back("X-Robots-Tag", "noindex");
  return r;
}

Response Site::ApiSearch(const Request& request) const {
  SearchParams p = ReadParams(request);
  if (!p.error.empty()) return Json(400, {{"error", p.error}});
  arabic::ParsedQuery terms = arabic::ParseQuery(p.q);
  std::string error;
  auto found = RunSearch({p.section, p.from, p.to, p.page}, terms, error);
  if (!found.ok()) {
    std::cerr << "wakala: search: " << found.status().ToString() << "\n";
    return Json(http::HttpStatusFor(found.status()), {{"error", "search is unavailable"}});
  }
  if (!error.empty()) return Json(400, {{"error", error}, {"query", p.q}});
  const std::vector<arabic::QueryWord> positive = terms.Positive();
  nlohmann::json results = nlohmann::json::array();
  for (size_t i = 0; i < found->articles.size(); ++i) {
    const store::Article& a = found->articles[i];
    std::string text = PlainText(a.summary.empty() ? a.body_markdown : a.summary + " " + a.body_markdown);
    arabic::Snippet snip = arabic::BestSnippet(text, positive, 30);
    nlohmann::json marks = nlohmann::json::array();
    for (const auto& m : snip.marks)
      marks.push_back(text.substr(m.begin, m.end - m.begin));
    results.push_back({{"title", a.title},
                       {"url", options_.base_url + PercentEncodePath("/article/" + a.slug)},
                       {"slug", a.slug},
                       {"published_at", Iso8601Utc(a.published_at)},
                       {"section", {{"name", a.section.name}, {"slug", a.section.slug}}},
                       {"score", found->scores[i]},
                       {"snippet", text.substr(snip.range.begin, snip.range.end - snip.range.begin)},
                       {"highlights", marks}});
  }
  nlohmann::json phrases = nlohmann::json::array();
  for (const auto& ph : terms.phrases) phrases.push_back(WordsJson(ph));
  const int64_t pages = (found->total + options_.page_size - 1) / options_.page_size;
  return Json(200, {{"query", p.q},
                    {"terms", {{"words", WordsJson(terms.words)},
                               {"phrases", phrases},
                               {"excluded", WordsJson(terms.excluded)},
                               {"truncated", terms.truncated}}},
                    {"total", found->total},
                    {"page", p.page},
                    {"pages", pages},
                    {"results", results}});
}

Response Site::ApiAnalyze(const Request& request) const {
  auto q = request.QueryParam("q");
  if (!q) {
    bool present = request.query.find("q=") != std::string::npos;
    return Json(400, {{"error", present ? "q is not valid UTF-8 or has a bad percent escape"
                                        : "give the text to analyse as ?q=..."}});
  }
  std::string text = Truncated(*q, kMaxQueryBytes * 4);
  nlohmann::json tokens = nlohmann::json::array();
  for (const arabic::Token& t : arabic::Tokenize(text)) {
    bool stop = arabic::IsStopword(t.folded);
    tokens.push_back({{"text", text.substr(t.begin, t.end - t.begin)},
                      {"folded", t.folded},
                      {"stem", stop ? "" : (t.arabic ? arabic::Stem(t.folded) : t.folded)},
                      {"stopword", stop}});
  }
  return Json(200, {{"text", text},
                    {"analyzer_version", arabic::kAnalyzerVersion},
                    {"tokens", tokens}});
}

}  // namespace wakala::site
