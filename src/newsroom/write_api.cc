#include "newsroom/write_api.h"

#include <charconv>
#include <cstdio>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "newsroom/api_tokens.h"
#include "newsroom/article_form.h"
#include "newsroom/permissions.h"
#include "newsroom/site_zone.h"
#include "render/arabic_date.h"

namespace wakala::newsroom {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using store::ArticleStatus;
using FieldErrors = std::map<std::string, std::string>;

constexpr const char* kPrefix = "/api/v1/";
constexpr int kDefaultPerPage = 20;
constexpr int kMaxPerPage = 100;

// What an answer carries besides them: sent back unchanged (a fetched article, edited and
// returned), they are ignored.
constexpr const char* kReadOnly[] = {"id",         "section_name", "published_at", "updated_at",
                                     "owner_id",   "url",          "api_url"};

Response Json(int status, const json& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  r.cacheable = false;
  r.cache_control = "no-store";
  return r;
}

Response Error(int status, const std::string& message, const FieldErrors& fields = {}) {
  json body = {{"error", message}};
  if (!fields.empty()) body["fields"] = fields;
  Response r = Json(status, body);
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"wakala\"");
  return r;
}

Response Unavailable(const Status& status) {
  std::cerr << "wakala: api: " << status.ToString() << "\n";
  return Error(503, "الخدمة غير متاحة مؤقتاً؛ لم يتغير شيء. أعد المحاولة.");
}

std::optional<int64_t> ParseId(const std::string& text) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

// "2019-05-09T12:00:00" in the site's zone: what publish_at takes. Seconds included, so that an
// update that leaves publish_at out keeps the time exactly.
std::string LocalTime(UnixSeconds t, const render::TimeZone& zone) {
  CivilTime c = ToCivil(t + zone.OffsetSeconds(t));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

ArticleFields FieldsFromArticle(const store::Article& a, const render::TimeZone& zone) {
  return FieldsOfArticle(a, LocalTime(a.published_at, zone), "");
}

// Editors and administrators see every article; others their own, and what readers see.
bool CanSee(const store::User& user, const store::Article& a) {
  if (user.role == store::Role::kAdministrator || user.role == store::Role::kEditor) return true;
  return a.owner_id == user.id || a.status == ArticleStatus::kPublished;
}

json ArticleJson(const store::Article& a, const render::TimeZone& zone, const std::string& base_url,
                 bool with_body) {
  json tags = json::array();
  for (const auto& t : a.tags) tags.push_back(t.name);
  json out = {{"id", a.id},
              {"slug", a.slug},
              {"title", a.title},
              {"summary", a.summary},
              {"section", a.section.slug},
              {"section_name", a.section.name},
              {"tags", tags},
              {"byline", a.author.name},
              {"agency", a.agency},
              {"source_credit", a.source_credit},
              {"status", store::ArticleStatusName(a.status)},
              {"publish_at", LocalTime(a.published_at, zone)},
              {"published_at", Iso8601Utc(a.published_at)},
              {"updated_at", Iso8601Utc(a.updated_at)},
              {"revision", a.revision},
              {"owner_id", a.owner_id},
              {"url", base_url + PercentEncodePath("/article/" + a.slug)},
              {"api_url", base_url + kPrefix + "articles/" + std::to_string(a.id)}};
  if (with_body) out["body"] = a.body_markdown;
  return out;
}

// Lays the JSON object's fields over `fields`. Wrong types and unknown names go to `errors`;
// `sent` collects the names given.
void ReadFields(const json& body, ArticleFields& fields, FieldErrors& errors,
                std::map<std::string, bool>& sent) {
  std::map<std::string, std::string*> slots = {
      {"title", &fields.title},   {"slug", &fields.slug},         {"summary", &fields.summary},
      {"body", &fields.body},     {"section", &fields.section},   {"tags", &fields.tags},
      {"byline", &fields.byline}, {"status", &fields.status},     {"publish_at", &fields.publish_at},
      {"revision", &fields.revision}, {"agency", &fields.agency}, {"source_credit", &fields.source_credit}};
  for (const auto& [key, value] : body.items()) {
    auto slot = slots.find(key);
    if (slot == slots.end()) {
      bool read_only = false;
      for (const char* k : kReadOnly) read_only |= key == k;
      if (!read_only) errors[key] = "حقل غير معروف.";
      continue;
    }
    sent[key] = true;
    std::string& out = *slot->second;
    if (value.is_null()) {
      out.clear();
    } else if (value.is_string()) {
      out = value.get<std::string>();
    } else if (key == "revision" && value.is_number_integer()) {
      out = std::to_string(value.get<int64_t>());
    } else if (key == "tags" && value.is_array()) {
      std::vector<std::string> tags;
      bool all_strings = true;
      for (const auto& t : value) {
        if (t.is_string()) tags.push_back(t.get<std::string>());
        else all_strings = false;
      }
      if (!all_strings) errors[key] = "الوسوم قائمة نصوص.";
      else out = JoinTags(tags);
    } else {
      errors[key] = key == "revision" ? "رقم النسخة عدد صحيح." : "القيمة يجب أن تكون نصاً.";
    }
  }
}

std::string AuditDetail(const store::Article& a, const store::ApiToken& token) {
  return "#" + std::to_string(a.id) + " " + store::ArticleStatusName(a.status) + " «" + a.title +
         "» (API, token «" + token.name + "»)";
}

}  // namespace

WriteApi::WriteApi(store::Store* store, const Clock* clock, std::string base_url)
    : store_(store), clock_(clock), base_url_(std::move(base_url)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  router_ = BuildRoutes();
}

bool WriteApi::Owns(const std::string& path) {
  return path == "/api/v1" || path.rfind(kPrefix, 0) == 0;
}

http::Router WriteApi::BuildRoutes() {
  http::Router r;
  using P = http::RouteParams;
  r.Add("GET", "/api/v1/articles", [this](const Request& q, const P&) { return List(q); });
  r.Add("POST", "/api/v1/articles", [this](const Request& q, const P&) { return Create(q); });
  r.Add("GET", "/api/v1/articles/{id}", [this](const Request& q, const P& p) { return Fetch(q, p.Get("id")); });
  r.Add("PATCH", "/api/v1/articles/{id}", [this](const Request& q, const P& p) { return Update(q, p.Get("id")); });
  r.Add("PUT", "/api/v1/articles/{id}", [this](const Request& q, const P& p) { return Update(q, p.Get("id")); });
  r.SetNotFound([](const Request&) { return Error(404, "لا يوجد هذا المسار في الواجهة."); });
  return r;
}

Response WriteApi::Handle(const Request& request) const {
  Response r = router_.Dispatch(request);
  if (r.content_type.rfind("application/json", 0) != 0) {
    // The router's own answers (405) are text; an API client gets JSON.
    Response json = Error(r.status, r.status == 405 ? "هذه الطريقة غير مسموحة لهذا المسار." : r.body);
    json.headers = std::move(r.headers);
    r = std::move(json);
  }
  r.cacheable = false;
  r.cache_control = "no-store";
  return r;
}

namespace {

// The caller's token and user, or the 401/503 to answer.
std::pair<std::optional<store::TokenOwner>, Response> Authenticate(store::Store& store,
                                                                   const Request& request,
                                                                   UnixSeconds now) {
  auto header = request.Header("authorization");
  if (!header) return {std::nullopt, Error(401, "يلزم رمز وصول: Authorization: Bearer <token>.")};
  auto owner = AuthenticateBearer(store, header, now);
  if (!owner.ok()) return {std::nullopt, Unavailable(owner.status())};
  if (!owner->has_value())
    return {std::nullopt, Error(401, "رمز الوصول غير صالح أو أُلغي أو عُطّل حساب صاحبه.")};
  return {std::move(*owner), Response()};
}

Response ReadOnly() {
  return Error(403, "هذا الرمز للقراءة فقط؛ أنشئ رمزاً بصلاحية الكتابة.");
}

}  // namespace

Response WriteApi::List(const Request& request) const {
  UnixSeconds now = clock_->Now();
  auto [owner, refused] = Authenticate(*store_, request, now);
  if (!owner) return refused;
  const store::User& user = owner->user;
  FieldErrors errors;
  store::ArticleQuery q;
  q.newsroom = true;
  q.now = now;
  std::string status = request.QueryParam("status").value_or("");
  if (!status.empty()) {
    if (auto s = store::ParseArticleStatus(status)) q.status = *s;
    else errors["status"] = "اختر حالة: draft أو pending أو scheduled أو published أو unpublished.";
  }
  auto number = [&](const char* name, int fallback, int max) {
    auto text = request.QueryParam(name);
    if (!text) return fallback;
    auto v = ParseId(*text);
    if (!v || *v > max) {
      errors[name] = "عدد صحيح من 1 إلى " + std::to_string(max) + ".";
      return fallback;
    }
    return static_cast<int>(*v);
  };
  int page = number("page", 1, 1000000);
  int per_page = number("per_page", kDefaultPerPage, kMaxPerPage);
  if (!errors.empty()) return Error(400, "معاملات الطلب غير صالحة.", errors);
  // As on the newsroom's dashboard: authors and contributors list their own articles.
  if (user.role == store::Role::kAuthor || user.role == store::Role::kContributor)
    q.owner_id = user.id;
  q.limit = per_page;
  q.offset = (page - 1) * per_page;
  auto found = store_->ListArticles(q);
  if (!found.ok()) return Unavailable(found.status());
  auto zone = SiteZone(*store_);
  json list = json::array();
  for (const auto& a : found->articles) list.push_back(ArticleJson(a, zone, base_url_, false));
  return Json(200, {{"articles", list}, {"page", page}, {"per_page", per_page}, {"total", found->total}});
}

Response WriteApi::Fetch(const Request& request, const std::string& id_text) const {
  UnixSeconds now = clock_->Now();
  auto [owner, refused] = Authenticate(*store_, request, now);
  if (!owner) return refused;
  auto id = ParseId(id_text);
  if (!id) return Error(404, "لا يوجد مقال بهذا الرقم.");
  auto found = store_->FindArticleById(*id);
  if (!found.ok()) return Unavailable(found.status());
  if (!found->has_value() || !CanSee(owner->user, **found)) return Error(404, "لا يوجد مقال بهذا الرقم.");
  return Json(200, {{"article", ArticleJson(**found, SiteZone(*store_), base_url_, true)}});
}

Response WriteApi::Create(const Request& request) const {
  return Update(request, "");
}

// Create (id_text empty) and update. An update lays the fields sent over the article's
// current ones, and must name the revision it started from.
Response WriteApi::Update(const Request& request, const std::string& id_text) const {
  UnixSeconds now = clock_->Now();
  auto [owner, refused] = Authenticate(*store_, request, now);
  if (!owner) return refused;
  if (owner->token.scope != store::TokenScope::kWrite) return ReadOnly();
  const store::User& user = owner->user;

  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Error(400, "نص الطلب ليس JSON صالحاً.");
  if (!body.is_object()) return Error(400, "نص الطلب يجب أن يكون كائن JSON.");

  auto zone = SiteZone(*store_);
  std::optional<store::Article> existing;
  ArticleFields fields;
  if (!id_text.empty()) {
    auto id = ParseId(id_text);
    if (!id) return Error(404, "لا يوجد مقال بهذا الرقم.");
    auto found = store_->FindArticleById(*id);
    if (!found.ok()) return Unavailable(found.status());
    if (!found->has_value() || !CanSee(user, **found)) return Error(404, "لا يوجد مقال بهذا الرقم.");
    existing = std::move(**found);
    if (!CanEditArticle(user, *existing)) return Error(403, "لا تملك صلاحية تعديل هذا المقال.");
    fields = FieldsFromArticle(*existing, zone);
  }
  FieldErrors type_errors;
  std::map<std::string, bool> sent;
  ReadFields(body, fields, type_errors, sent);
  if (!type_errors.empty()) return Error(422, "لم يُحفظ المقال؛ صحّح الحقول المشار إليها.", type_errors);
  if (existing && !sent.count("revision"))
    return Error(422, "لم يُحفظ المقال؛ صحّح الحقول المشار إليها.",
                 {{"revision", "رقم النسخة التي بدأت منها مطلوب للتعديل."}});
  if (!existing) fields.revision.clear();  // a new article has no revision to check

  auto sections = store_->ListSections();
  if (!sections.ok()) return Unavailable(sections.status());
  const store::Article* article = existing ? &*existing : nullptr;
  CheckedArticle checked =
      CheckArticleFields(fields, user, article, *sections, zone.OffsetSeconds(now), now);
  if (!checked.ok()) {
    auto wanted = store::ParseArticleStatus(fields.status.empty() ? "draft" : fields.status);
    bool forbidden = wanted && !MaySetStatus(user, article, *wanted);
    return Error(forbidden ? 403 : 422,
                 forbidden ? "لا تملك صلاحية النشر؛ أرسل المقال للمراجعة."
                           : "لم يُحفظ المقال؛ صحّح الحقول المشار إليها.",
                 checked.errors);
  }

  auto saved = existing ? store_->UpdateArticle(existing->id, checked.input)
                        : store_->AddArticle(checked.input);
  if (!saved.ok()) {
    const Status& st = saved.status();
    if (st.code() == StatusCode::kConflict && existing && st.message().find("revision") != std::string::npos) {
      auto current = store_->FindArticleById(existing->id);
      json answer = {{"error", "عدّل شخص آخر هذا المقال بعد النسخة التي بدأت منها؛ لم يُحفظ شيء."},
                     {"fields", {{"revision", "المقال الآن في نسخة أحدث."}}}};
      if (current.ok() && current->has_value()) {
        answer["revision"] = (*current)->revision;
        answer["current"] = ArticleJson(**current, zone, base_url_, true);
      }
      return Json(409, answer);
    }
    if (st.code() == StatusCode::kConflict)
      return Error(409, "لم يُحفظ المقال.", {{"slug", "هذا المعرّف مستخدم لمقال آخر."}});
    if (st.code() == StatusCode::kInvalidInput) return Error(422, "لم يُحفظ المقال: " + st.message());
    return Unavailable(st);
  }
  (void)store_->Audit(user.id, existing ? "article.update" : "article.create",
                      AuditDetail(*saved, owner->token), now);
  Response r = Json(existing ? 200 : 201, {{"article", ArticleJson(*saved, zone, base_url_, true)}});
  if (!existing) r.headers.emplace_back("Location", base_url_ + kPrefix + "articles/" + std::to_string(saved->id));
  return r;
}

}  // namespace wakala::newsroom
