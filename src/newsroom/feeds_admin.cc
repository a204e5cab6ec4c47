// /admin/feeds: the partner feeds of the latest-news ticker (issue 5), for editors and
// administrators (CanManageFeeds). Add a feed (URL, display name, poll interval in minutes),
// rename it or change its interval, enable/disable (polled or not) and mute/unmute (its items
// shown or not); per feed its health in plain Arabic: last success, last error, next try.
// /admin/feeds/items: the newest partner items, hidden ones included, each with hide/show.
//
// Every form carries the session's CSRF token; every change is audited; a refused change shows
// its message beside the field and writes nothing. Every change is a store write that bumps
// the content version, so the running site rebuilds its ticker and drops its cached pages
// (site.cc's watcher); a new or re-enabled feed is due at once, so the poller fetches it on its
// next tick (site/feed_poller.h).
#include <algorithm>
#include <charconv>
#include <map>

#include "base/utf8.h"
#include "newsroom/admin_pages.h"
#include "newsroom/permissions.h"
#include "newsroom/site_zone.h"
#include "render/arabic_date.h"

namespace wakala::newsroom {
namespace {

using http::Request;
using http::Response;
using render::View;
using P = http::RouteParams;

constexpr const char* kEditorsOnly = "مصادر الأخبار للمحررين والمديرين فقط.";
constexpr int kMinMinutes = 1;     // more often is impolite to a partner
constexpr int kMaxMinutes = 1440;  // a day: a feed polled less often is stale in a ticker
constexpr int kDefaultMinutes = 10;
constexpr size_t kMaxUrlBytes = 2000;
constexpr size_t kMaxNameBytes = 200;
constexpr int kItemsShown = 100;

std::optional<int64_t> ParseId(const std::string& text) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// Minutes typed by an editor, Arabic-Indic digits accepted; nullopt when not a whole number.
std::optional<int> ParseMinutes(const std::string& typed) {
  std::string ascii;
  std::string_view s = typed;
  for (size_t i = 0; i < s.size();) {
    // ٠-٩ are U+0660-0669: D9 A0 .. D9 A9.
    if (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xD9 &&
        static_cast<unsigned char>(s[i + 1]) >= 0xA0 && static_cast<unsigned char>(s[i + 1]) <= 0xA9) {
      ascii += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 1]) - 0xA0));
      i += 2;
    } else {
      ascii += s[i++];
    }
  }
  ascii = Trim(ascii);
  int v = 0;
  auto [p, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), v);
  if (ascii.empty() || ec != std::errc() || p != ascii.data() + ascii.size()) return std::nullopt;
  return v;
}

// An absolute http(s) URL with a host and no spaces: what the fetcher can poll.
bool LooksLikeFeedUrl(const std::string& url) {
  size_t scheme = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
  if (scheme == 0 || !IsValidUtf8(url)) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f) return false;
  size_t host_end = url.find_first_of("/?#", scheme);
  std::string host = url.substr(scheme, host_end == std::string::npos ? std::string::npos : host_end - scheme);
  size_t at = host.rfind('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  size_t colon = host.rfind(':');
  if (colon != std::string::npos && host.find(']') == std::string::npos) host = host.substr(0, colon);
  return !host.empty() && host.front() != '.' && host.back() != '.';
}

// The poller records errors as the fetcher and parser word them (English, for operators and
// `wakala feed list`); editors read them here in Arabic. Unknown messages get a general
// sentence; the original is always shown beside it as the technical detail.
std::string ArabicFeedError(const std::string& e) {
  auto has = [&](const char* part) { return e.find(part) != std::string::npos; };
  if (has("timed out")) return "لم يُجب خادم المصدر في الوقت المحدد؛ قد يكون بطيئاً أو متوقفاً.";
  if (has("could not resolve")) return "اسم موقع المصدر غير موجود؛ تأكد من كتابة الرابط.";
  if (has("could not connect")) return "تعذّر الاتصال بخادم المصدر: رفض الاتصال أو لا يمكن الوصول إليه.";
  if (has("too many redirects")) return "يحيل الرابط إلى روابط أخرى مرات كثيرة دون أن يصل إلى الخلاصة.";
  if (has("larger than") || has("too large")) return "ملف الخلاصة أكبر من الحد المسموح؛ لم يُقرأ.";
  if (has("TLS certificate")) return "شهادة الأمان (TLS) لموقع المصدر غير صالحة.";
  if (has("without answering")) return "أغلق خادم المصدر الاتصال دون أن يجيب.";
  if (has("compression")) return "وصلت الخلاصة مضغوطة ضغطاً تالفاً.";
  if (has("broke off")) return "انقطع الاتصال قبل أن تكتمل الخلاصة.";
  if (has("not http(s)") || has("not an http")) return "الرابط لا يشير إلى عنوان ويب (http أو https).";
  if (has("answered HTTP 404") || has("answered HTTP 410"))
    return "الخلاصة غير موجودة على موقع المصدر (الصفحة غير موجودة)؛ ربما تغيّر رابطها.";
  if (has("answered HTTP 401") || has("answered HTTP 403")) return "موقع المصدر يرفض إعطاءنا الخلاصة.";
  if (has("answered HTTP 429")) return "موقع المصدر يطلب تقليل عدد الطلبات؛ سنحاول لاحقاً.";
  if (has("answered HTTP 5")) return "خادم المصدر يعاني عطلاً الآن.";
  if (has("answered HTTP")) return "أجاب خادم المصدر بخطأ بدل الخلاصة.";
  if (has("HTML page")) return "الرابط يعرض صفحة ويب لا خلاصة أخبار؛ اطلب من الشريك رابط RSS أو Atom.";
  if (has("<!ENTITY>") || has("entities")) return "الخلاصة تحوي تعريفات XML خطرة (كيانات قد تتضخم بلا حد)؛ رُفضت.";
  if (has("response is empty")) return "وصلت الخلاصة فارغة.";
  if (has("binary data")) return "الرابط يعطي بيانات ثنائية لا خلاصة أخبار.";
  if (has("not valid JSON")) return "الخلاصة تشبه JSON لكنها تالفة.";
  if (has("not a JSON Feed")) return "الرابط يعطي JSON ليس بصيغة JSON Feed.";
  if (has("neither XML nor JSON")) return "الرابط لا يعطي XML ولا JSON؛ ليس خلاصة أخبار.";
  if (has("not well-formed") || has("no root element")) return "ملف الخلاصة تالف أو مقطوع (XML غير سليم).";
  if (has("XML but not a feed")) return "الملف XML لكنه ليس خلاصة RSS أو Atom.";
  if (has("does not know")) return "الخلاصة تعلن ترميزاً للنص لا نعرفه.";
  if (has("says it is") || has("not valid ")) return "الترميز الذي تعلنه الخلاصة لا يطابق نصها الفعلي.";
  if (has("storing the items")) return "جُلبت الخلاصة لكن تعذّر حفظ أخبارها؛ سنحاول مجدداً.";
  return "تعذّر جلب الخلاصة.";
}

std::string MinutesText(int poll_seconds) {
  return std::to_string(std::max(1, (poll_seconds + 59) / 60));
}

// What an edit row shows after a refused edit: the typed values and their messages.
struct RowError {
  int64_t feed_id = 0;
  std::string name, minutes, name_error, interval_error;
};

Response FeedsPage(const AdminPages& p, const store::LoginSession& s, int status, View v,
                   const RowError& row_error = {}) {
  auto feeds = p.store->ListPartnerFeeds();
  if (!feeds.ok()) return p.message(503, &s, "تعذّرت قراءة مصادر الأخبار.");
  auto style = SiteDateStyle(*p.store);
  UnixSeconds now = p.clock->Now();
  std::vector<View> rows;
  for (const auto& f : *feeds) {
    View row;
    std::string base = "/admin/feeds/" + std::to_string(f.id);
    bool edited = row_error.feed_id == f.id;
    row.Set("name", edited ? row_error.name : f.name).Set("shown_name", f.name).Set("url", f.url)
        .Set("minutes", edited ? row_error.minutes : MinutesText(f.poll_seconds))
        .Set("edit_url", base + "/edit").Set("enable_url", base + "/enable")
        .Set("disable_url", base + "/disable").Set("mute_url", base + "/mute")
        .Set("unmute_url", base + "/unmute")
        .Set("items_url", "/admin/feeds/items?feed=" + std::to_string(f.id));
    row.SetNumber("id", f.id);
    row.SetBool("enabled", f.enabled).SetBool("muted", f.muted);
    if (edited) row.Set("name_error", row_error.name_error).Set("interval_error", row_error.interval_error);
    // Health, in the words an editor uses.
    std::string state;
    if (!f.enabled) state = "معطّل: لا يُجلب";
    else if (!f.last_error.empty()) state = "متعثّر";
    else if (f.last_success) state = "يعمل";
    else state = "جديد: لم يُجلب بعد";
    if (f.muted) state += "، ومكتوم: لا تظهر أخباره";
    row.Set("state", state);
    row.SetBool("healthy", f.enabled && f.last_error.empty() && f.last_success.has_value());
    row.SetBool("failing", !f.last_error.empty());
    row.Set("last_success", f.last_success ? render::FormatArabicDateTime(*f.last_success, style)
                                           : "لم ينجح جلبه بعد");
    if (!f.last_error.empty()) {
      row.Set("last_error", ArabicFeedError(f.last_error)).Set("last_error_detail", f.last_error);
      if (f.last_attempt) row.Set("last_attempt", render::FormatArabicDateTime(*f.last_attempt, style));
      if (f.failures == 2) row.Set("failures", "فشل مرتين متتاليتين");
      else if (f.failures > 2 && f.failures <= 10) row.Set("failures", "فشل " + std::to_string(f.failures) + " مرات متتالية");
      else if (f.failures > 10) row.Set("failures", "فشل " + std::to_string(f.failures) + " مرة متتالية");
    }
    if (!f.enabled) row.Set("next_try", "لا شيء: المصدر معطّل");
    else if (f.next_try <= now) row.Set("next_try", "الآن، في الدورة القادمة");
    else row.Set("next_try", render::FormatArabicDateTime(f.next_try, style));
    rows.push_back(std::move(row));
  }
  v.SetBool("empty", feeds->empty());
  v.SetList("feeds", std::move(rows));
  v.SetNumber("min_minutes", kMinMinutes).SetNumber("max_minutes", kMaxMinutes);
  return p.page(status, &s, "مصادر الأخبار", "feeds", std::move(v));
}

// Field → message for a name and an interval; `self` is the feed being edited (0 for a new one).
std::map<std::string, std::string> CheckNameAndInterval(const std::vector<store::PartnerFeed>& feeds,
                                                        int64_t self, const std::string& name,
                                                        const std::string& minutes) {
  std::map<std::string, std::string> errors;
  if (name.empty()) errors["name"] = "اسم المصدر مطلوب: يظهر بجانب عناوينه في الشريط.";
  else if (name.size() > kMaxNameBytes || !IsValidUtf8(name)) errors["name"] = "الاسم أطول من المسموح (200 بايت).";
  else
    for (const auto& f : feeds)
      if (f.id != self && f.name == name) errors["name"] = "يوجد مصدر آخر بهذا الاسم؛ اختر اسماً يميّزه.";
  auto m = ParseMinutes(minutes);
  if (!m || *m < kMinMinutes || *m > kMaxMinutes)
    errors["interval"] = "مدة التحديث بالدقائق: عدد صحيح من " + std::to_string(kMinMinutes) + " إلى " +
                         std::to_string(kMaxMinutes) + " (يوم كامل).";
  return errors;
}

// The session (and form) of a feeds page or action, or the answer to give instead: the login
// page, 403 for a missing CSRF token, 403 for authors and contributors.
std::variant<store::LoginSession, Response> CheckFeedsGet(const AdminPages& p, const Request& q) {
  auto checked = p.CheckGet(q, false);
  if (auto* s = std::get_if<store::LoginSession>(&checked); s && !CanManageFeeds(s->user))
    return p.message(403, s, kEditorsOnly);
  return checked;
}

std::variant<AdminPages::Post, Response> CheckFeedsPost(const AdminPages& p, const Request& q) {
  auto checked = p.CheckPost(q, false);
  if (auto* post = std::get_if<AdminPages::Post>(&checked); post && !CanManageFeeds(post->session.user))
    return p.message(403, &post->session, kEditorsOnly);
  return checked;
}

void AddFeedListRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  r.Add("GET", "/admin/feeds", [pages](const Request& q, const P&) {
    auto checked = CheckFeedsGet(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    View v;
    v.Set("new_minutes", std::to_string(kDefaultMinutes));
    if (q.QueryParam("added")) v.Set("notice", "أُضيف المصدر؛ يُجلب خلال ثوانٍ وتظهر عناوينه في الشريط.");
    else if (q.QueryParam("saved")) v.Set("notice", "حُفظ التغيير؛ يظهر في شريط الأخبار خلال ثوانٍ.");
    return FeedsPage(*pages, std::get<store::LoginSession>(checked), 200, std::move(v));
  });

  r.Add("POST", "/admin/feeds", [pages](const Request& q, const P&) {
    auto checked = CheckFeedsPost(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    std::string url = Trim(form.Get("url")), name = Trim(form.Get("name")), minutes = Trim(form.Get("interval"));
    auto feeds = pages->store->ListPartnerFeeds();
    if (!feeds.ok()) return pages->message(503, &session, "تعذّرت قراءة مصادر الأخبار؛ لم يتغير شيء.");
    auto errors = CheckNameAndInterval(*feeds, 0, name, minutes);
    if (url.empty()) errors["url"] = "رابط الخلاصة مطلوب.";
    else if (url.size() > kMaxUrlBytes) errors["url"] = "الرابط أطول من المسموح.";
    else if (!LooksLikeFeedUrl(url))
      errors["url"] = "اكتب رابطاً كاملاً يبدأ بـ http:// أو https://، مثل https://example.com/rss.xml";
    else
      for (const auto& f : *feeds)
        if (f.url == url) errors["url"] = "هذه الخلاصة مضافة من قبل باسم «" + f.name + "».";
    if (errors.empty()) {
      int seconds = *ParseMinutes(minutes) * 60;
      auto added = pages->store->AddPartnerFeed({url, name, seconds});
      if (added.ok()) {
        (void)pages->store->Audit(session.user.id, "feed.add",
                                  "«" + name + "» " + url + "، كل " + std::to_string(seconds / 60) + " د", pages->clock->Now());
        return Response::Redirect(303, "/admin/feeds?added=1");
      }
      // A race with another editor or the CLI: the store has the last word.
      if (added.status().code() == StatusCode::kConflict) errors["url"] = "هذه الخلاصة مضافة من قبل.";
      else if (added.status().code() == StatusCode::kInvalidInput) errors["url"] = "لا يصلح هذا الرابط خلاصةً.";
      else return pages->message(503, &session, "تعذّر حفظ المصدر؛ لم يتغير شيء.");
    }
    View v;
    v.Set("new_url", url).Set("new_name", name).Set("new_minutes", minutes);
    for (const auto& [field, message] : errors) v.Set("new_" + field + "_error", message);
    v.Set("error", "لم يُضف المصدر؛ صحّح الحقول المشار إليها.");
    return FeedsPage(*pages, session, 422, std::move(v));
  });

  r.Add("POST", "/admin/feeds/{id}/edit", [pages](const Request& q, const P& params) {
    auto checked = CheckFeedsPost(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto feeds = pages->store->ListPartnerFeeds();
    if (!feeds.ok()) return pages->message(503, &session, "تعذّرت قراءة مصادر الأخبار؛ لم يتغير شيء.");
    auto id = ParseId(params.Get("id"));
    auto it = std::find_if(feeds->begin(), feeds->end(), [&](const auto& f) { return id && f.id == *id; });
    if (it == feeds->end()) return pages->message(404, &session, "لا يوجد مصدر بهذا الرقم.");
    std::string name = Trim(form.Get("name")), minutes = Trim(form.Get("interval"));
    auto errors = CheckNameAndInterval(*feeds, it->id, name, minutes);
    if (errors.empty()) {
      int seconds = *ParseMinutes(minutes) * 60;
      if (name == it->name && seconds == it->poll_seconds) return Response::Redirect(303, "/admin/feeds?saved=1");
      Status done = pages->store->UpdatePartnerFeed(it->id, name, seconds);
      if (done.code() == StatusCode::kNotFound) return pages->message(404, &session, "لا يوجد مصدر بهذا الرقم.");
      if (!done.ok()) return pages->message(503, &session, "تعذّر حفظ المصدر؛ لم يتغير شيء.");
      std::string detail = "«" + it->name + "»";
      if (name != it->name) detail += " → «" + name + "»";
      if (seconds != it->poll_seconds)
        detail += "، كل " + MinutesText(it->poll_seconds) + " د → " + std::to_string(seconds / 60) + " د";
      (void)pages->store->Audit(session.user.id, "feed.edit", detail, pages->clock->Now());
      return Response::Redirect(303, "/admin/feeds?saved=1");
    }
    View v;
    v.Set("new_minutes", std::to_string(kDefaultMinutes));
    v.Set("error", "لم يُحفظ التغيير؛ صحّح الحقول المشار إليها.");
    RowError row{it->id, name, minutes, errors.count("name") ? errors["name"] : "",
                 errors.count("interval") ? errors["interval"] : ""};
    return FeedsPage(*pages, session, 422, std::move(v), row);
  });

  // Enable/disable (polled or not) and mute/unmute (shown or not).
  for (const char* what : {"enable", "disable", "mute", "unmute"}) {
    std::string w = what;
    r.Add("POST", "/admin/feeds/{id}/" + w, [pages, w](const Request& q, const P& params) {
      auto checked = CheckFeedsPost(*pages, q);
      if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
      auto& session = std::get<AdminPages::Post>(checked).session;
      auto id = ParseId(params.Get("id"));
      auto found = id ? pages->store->FindPartnerFeed(std::to_string(*id))
                      : Result<std::optional<store::PartnerFeed>>(std::nullopt);
      if (!found.ok()) return pages->message(503, &session, "تعذّرت قراءة المصدر.");
      if (!found->has_value()) return pages->message(404, &session, "لا يوجد مصدر بهذا الرقم.");
      const store::PartnerFeed& f = **found;
      Status done = w == "enable" || w == "disable" ? pages->store->SetPartnerFeedEnabled(f.id, w == "enable")
                                                    : pages->store->SetPartnerFeedMuted(f.id, w == "mute");
      if (done.code() == StatusCode::kNotFound) return pages->message(404, &session, "لا يوجد مصدر بهذا الرقم.");
      if (!done.ok()) return pages->message(503, &session, "تعذّر حفظ التغيير؛ لم يتغير شيء.");
      (void)pages->store->Audit(session.user.id, "feed." + w, "«" + f.name + "» " + f.url, pages->clock->Now());
      return Response::Redirect(303, "/admin/feeds?saved=1");
    });
  }
}

// ---- items -----------------------------------------------------------------------------------

void AddFeedItemRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  r.Add("GET", "/admin/feeds/items", [pages](const Request& q, const P&) {
    auto checked = CheckFeedsGet(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& session = std::get<store::LoginSession>(checked);
    auto feeds = pages->store->ListPartnerFeeds();
    if (!feeds.ok()) return pages->message(503, &session, "تعذّرت قراءة مصادر الأخبار.");
    store::FeedItemQuery query;
    query.include_hidden = true;
    query.limit = kItemsShown;
    std::string feed_param = q.QueryParam("feed").value_or("");
    std::vector<View> filters;
    View all;
    all.Set("name", "كل المصادر").Set("url", "/admin/feeds/items").SetBool("current", feed_param.empty());
    filters.push_back(std::move(all));
    std::map<int64_t, bool> muted;
    for (const auto& f : *feeds) {
      muted[f.id] = f.muted;
      bool current = feed_param == std::to_string(f.id);
      if (current) query.feed_id = f.id;
      View o;
      o.Set("name", f.name).Set("url", "/admin/feeds/items?feed=" + std::to_string(f.id)).SetBool("current", current);
      filters.push_back(std::move(o));
    }
    if (!feed_param.empty() && !query.feed_id) return pages->message(404, &session, "لا يوجد مصدر بهذا الرقم.");
    auto items = pages->store->ListFeedItems(query);
    if (!items.ok()) return pages->message(503, &session, "تعذّرت قراءة الأخبار.");
    auto style = SiteDateStyle(*pages->store);
    std::string back = feed_param.empty() ? "" : "?feed=" + feed_param;
    std::vector<View> rows;
    for (const auto& it : *items) {
      View row;
      std::string base = "/admin/feeds/items/" + std::to_string(it.id);
      row.Set("title", it.title).Set("source", it.feed_name).Set("link", it.link)
          .Set("date", render::FormatArabicDateTime(it.published, style))
          .Set("hide_url", base + "/hide" + back).Set("show_url", base + "/show" + back);
      row.SetNumber("id", it.id);
      row.SetBool("has_link", !it.link.empty()).SetBool("hidden", it.hidden);
      row.SetBool("source_muted", muted[it.feed_id]);
      rows.push_back(std::move(row));
    }
    View v;
    if (q.QueryParam("saved")) v.Set("notice", "حُفظ التغيير؛ يظهر في شريط الأخبار خلال ثوانٍ.");
    v.SetBool("items_page", true);
    v.SetList("filters", std::move(filters));
    v.SetList("items", std::move(rows));
    v.SetBool("no_items", items->empty());
    return pages->page(200, &session, "أخبار المصادر", "feeds", std::move(v));
  });

  for (const char* what : {"hide", "show"}) {
    std::string w = what;
    r.Add("POST", "/admin/feeds/items/{id}/" + w, [pages, w](const Request& q, const P& params) {
      auto checked = CheckFeedsPost(*pages, q);
      if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
      auto& session = std::get<AdminPages::Post>(checked).session;
      auto id = ParseId(params.Get("id"));
      Status done = id ? pages->store->SetFeedItemHidden(*id, w == "hide") : Status::NotFound("no such item");
      if (done.code() == StatusCode::kNotFound) return pages->message(404, &session, "لا يوجد خبر بهذا الرقم.");
      if (!done.ok()) return pages->message(503, &session, "تعذّر حفظ التغيير؛ لم يتغير شيء.");
      // The audit names the headline, so the log reads without the item table.
      std::string title;
      store::FeedItemQuery all;
      all.include_hidden = true;
      all.limit = 300;
      if (auto items = pages->store->ListFeedItems(all); items.ok())
        for (const auto& it : *items)
          if (it.id == *id) title = "«" + it.title + "» (" + it.feed_name + ")";
      (void)pages->store->Audit(session.user.id, "feed_item." + w, title.empty() ? "#" + params.Get("id") : title,
                                pages->clock->Now());
      std::string feed = q.QueryParam("feed").value_or("");
      bool numeric = !feed.empty() && std::all_of(feed.begin(), feed.end(), [](char c) { return c >= '0' && c <= '9'; });
      return Response::Redirect(303, "/admin/feeds/items?saved=1" + (numeric ? "&feed=" + feed : ""));
    });
  }
}

}  // namespace

void AddFeedRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  // The items routes first: "/admin/feeds/items" must not be read as a feed id.
  AddFeedItemRoutes(r, pages);
  AddFeedListRoutes(r, pages);
}

}  // namespace wakala::newsroom
