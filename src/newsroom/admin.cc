#include "newsroom/admin.h"

#include <charconv>
#include <cstdio>
#include <iostream>

#include "arabic/query.h"
#include "arabic/slug.h"
#include "base/utf8.h"
#include "http/form.h"
#include "newsroom/article_form.h"
#include "newsroom/auth.h"
#include "newsroom/permissions.h"
#include "newsroom/site_zone.h"
#include "newsroom/text_diff.h"
#include "render/arabic_date.h"
#include "render/markdown.h"

namespace wakala::newsroom {
namespace {

using http::Request;
using http::Response;
using render::SafeHtml;
using render::View;
using store::ArticleStatus;

constexpr const char* kSessionCookie = "wakala_session";
constexpr const char* kLoginCookie = "wakala_login";  // double-submit CSRF for the login form

const char* StatusLabel(ArticleStatus s) {
  switch (s) {
    case ArticleStatus::kDraft: return "مسودة";
    case ArticleStatus::kPending: return "بانتظار المراجعة";
    case ArticleStatus::kScheduled: return "مجدول";
    case ArticleStatus::kPublished: return "منشور";
    case ArticleStatus::kUnpublished: return "أُلغي نشره";
  }
  return "";
}

const char* RoleLabel(store::Role r) {
  switch (r) {
    case store::Role::kAdministrator: return "مدير";
    case store::Role::kEditor: return "محرر";
    case store::Role::kAuthor: return "كاتب";
    case store::Role::kContributor: return "مساهم";
  }
  return "";
}

constexpr ArticleStatus kAllStatuses[] = {ArticleStatus::kDraft, ArticleStatus::kPending,
                                          ArticleStatus::kScheduled, ArticleStatus::kPublished,
                                          ArticleStatus::kUnpublished};

std::optional<int64_t> ParseId(const std::string& text) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

Response SeeOther(std::string location) { return Response::Redirect(303, std::move(location)); }

std::string SessionCookie(const std::string& value, int max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" +
         (secure ? "; Secure" : "") + "; Max-Age=" + std::to_string(max_age);
}

// "2019-05-09T12:00" in the site's zone, for <input type="datetime-local">.
std::string LocalInputTime(UnixSeconds t, const render::TimeZone& zone) {
  CivilTime c = ToCivil(t + zone.OffsetSeconds(t));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

using EditorFields = ArticleFields;

EditorFields FieldsFromForm(const http::Form& f) {
  return {f.Get("title"),  f.Get("slug"),   f.Get("summary"), f.Get("body"),
          f.Get("section"), f.Get("tags"),  f.Get("byline"),  f.Get("agency"),
          f.Get("source_credit"), f.Get("status"), f.Get("publish_at"), f.Get("revision")};
}

EditorFields FieldsFromArticle(const store::Article& a, const render::TimeZone& zone) {
  return FieldsOfArticle(a, LocalInputTime(a.published_at, zone), std::to_string(a.revision));
}

}  // namespace

Newsroom::Newsroom(store::Store* store, const render::Theme* theme, const Clock* clock,
                   NewsroomOptions options)
    : store_(store), theme_(theme), clock_(clock), options_(std::move(options)) {
  router_ = BuildRoutes();
}

Newsroom::~Newsroom() { StopScheduler(); }

http::Router Newsroom::BuildRoutes() {
  http::Router r;
  using P = http::RouteParams;
  r.Add("GET", "/admin/login", [this](const Request& q, const P&) { return LoginPage(q, "", ""); });
  r.Add("POST", "/admin/login", [this](const Request& q, const P&) { return Login(q); });
  r.Add("POST", "/admin/logout", [this](const Request& q, const P&) { return Logout(q); });
  r.Add("GET", "/admin", [this](const Request& q, const P&) { return Dashboard(q); });
  r.Add("GET", "/admin/articles/new", [this](const Request& q, const P&) { return EditPage(q, ""); });
  r.Add("POST", "/admin/articles/new", [this](const Request& q, const P&) { return Save(q, ""); });
  r.Add("GET", "/admin/articles/{id}", [this](const Request& q, const P& p) { return EditPage(q, p.Get("id")); });
  r.Add("POST", "/admin/articles/{id}", [this](const Request& q, const P& p) { return Save(q, p.Get("id")); });
  r.Add("GET", "/admin/articles/{id}/revisions", [this](const Request& q, const P& p) { return Revisions(q, p.Get("id")); });
  r.Add("GET", "/admin/articles/{id}/compare", [this](const Request& q, const P& p) { return Compare(q, p.Get("id")); });
  r.Add("POST", "/admin/articles/{id}/revisions/{n}/restore", [this](const Request& q, const P& p) { return Restore(q, p.Get("id"), p.Get("n")); });
  r.Add("GET", "/admin/media", [this](const Request& q, const P&) { return MediaPage(q); });
  r.Add("POST", "/admin/media", [this](const Request& q, const P&) { return UploadMedia(q); });
  r.Add("GET", "/admin/audit", [this](const Request& q, const P&) { return AuditLog(q); });
  r.Add("GET", "/admin/password", [this](const Request& q, const P&) { return PasswordPage(q); });
  r.Add("POST", "/admin/password", [this](const Request& q, const P&) { return ChangePassword(q); });
  AddSiteAdminRoutes(r);  // admin_site.cc, admin_tokens.cc, feeds_admin.cc
  r.Add("GET", "/admin/assets/admin.css", [this](const Request&, const P&) {
    Response css;
    css.content_type = "text/css; charset=utf-8";
    auto text = theme_->Render("admin_css", View());
    css.body = text.ok() ? *text : "";
    css.cache_control = "public, max-age=3600";
    return css;
  });
  r.SetNotFound([this](const Request& q) {
    auto session = SessionOf(q);
    return Message(404, session ? &*session : nullptr, "الصفحة غير موجودة.");
  });
  return r;
}

Response Newsroom::Handle(const Request& request) const {
  Response r = router_.Dispatch(request);
  // Newsroom pages are private: never kept by browsers or shared caches.
  r.cache_control = r.content_type.rfind("text/css", 0) == 0 ? r.cache_control : "no-store";
  r.cacheable = false;
  return r;
}

std::optional<store::LoginSession> Newsroom::SessionOf(const Request& request) const {
  auto token = http::CookieValue(request, kSessionCookie);
  if (!token || token->empty() || token->size() > 100) return std::nullopt;
  auto session = store_->FindSession(TokenHash(*token), clock_->Now());
  if (!session.ok()) {
    std::cerr << "wakala: newsroom: " << session.status().ToString() << "\n";
    return std::nullopt;
  }
  return *session;
}

Response Newsroom::Page(int status, const store::LoginSession* session, const std::string& title,
                        const std::string& template_name, View view) const {
  if (session) {
    view.Set("csrf", session->csrf_token);
    view.Set("user_name", session->user.name);
    view.Set("user_role", RoleLabel(session->user.role));
    view.SetBool("is_admin", CanManageSite(session->user));
  }
  auto body = theme_->Render(template_name, view);
  if (!body.ok()) return Response::Text(500, "newsroom template: " + body.status().message() + "\n");
  View layout;
  layout.Set("title", title);
  layout.SetBool("logged_in", session != nullptr);
  if (session) {
    layout.Set("csrf", session->csrf_token);
    layout.Set("user_name", session->user.name);
    layout.Set("user_role", RoleLabel(session->user.role));
    layout.SetBool("is_admin", CanManageSite(session->user));
    layout.SetBool("can_moderate", CanModerateComments(session->user));
    layout.SetBool("can_manage_feeds", CanManageFeeds(session->user));
  }
  layout.SetHtml("content_html", SafeHtml::TrustedLiteral(std::move(*body)));
  auto page = theme_->Render("layout", layout);
  if (!page.ok()) return Response::Text(500, "newsroom template: " + page.status().message() + "\n");
  Response r;
  r.status = status;
  r.body = std::move(*page);
  return r;
}

Response Newsroom::Message(int status, const store::LoginSession* session, const std::string& text) const {
  View v;
  v.Set("message", text);
  return Page(status, session, "رسالة", "message", v);
}

// ---- login ---------------------------------------------------------------------------------

Response Newsroom::LoginPage(const Request& request, const std::string& error,
                             const std::string& name) const {
  if (auto session = SessionOf(request)) return SeeOther("/admin");
  std::string token = RandomToken();
  View v;
  v.Set("login_token", token).Set("error", error).Set("name", name);
  Response r = Page(error.empty() ? 200 : 401, nullptr, "تسجيل الدخول", "login", v);
  r.headers.emplace_back("Set-Cookie", std::string(kLoginCookie) + "=" + token +
                                           "; Path=/admin/login; HttpOnly; SameSite=Strict" +
                                           (options_.secure_cookies ? "; Secure" : ""));
  return r;
}

Response Newsroom::Login(const Request& request) const {
  auto form = http::Form::Parse(request.body);
  if (!form.ok()) return LoginPage(request, "تعذّرت قراءة النموذج.", "");
  auto cookie = http::CookieValue(request, kLoginCookie);
  if (!cookie || cookie->empty() || !ConstantTimeEquals(*cookie, form->Get("login_token"))) {
    Response r = LoginPage(request, "انتهت صلاحية النموذج؛ أعد المحاولة.", form->Get("name"));
    r.status = 403;
    return r;
  }
  const std::string name = form->Get("name");
  const std::string address = request.remote_address;
  UnixSeconds now = clock_->Now();
  auto counts = store_->CountLoginFailures(name, address, now - options_.throttle_window_seconds);
  if (!counts.ok()) return Message(503, nullptr, "الخدمة غير متاحة مؤقتاً.");
  if (counts->account >= options_.max_failures_per_account ||
      counts->address >= options_.max_failures_per_address) {
    Response r = LoginPage(request, "محاولات دخول فاشلة كثيرة؛ انتظر بضع دقائق ثم أعد المحاولة.", name);
    r.status = 429;
    r.headers.emplace_back("Retry-After", std::to_string(options_.throttle_window_seconds));
    return r;
  }
  auto user = store_->FindUserByName(name);
  if (!user.ok()) return Message(503, nullptr, "الخدمة غير متاحة مؤقتاً.");
  // The password is checked even for unknown names, so timing does not reveal which exist.
  static const std::string kDummyHash = HashPassword("not a password").value();
  bool known = user->has_value() && !(*user)->disabled;
  bool ok = VerifyPassword(form->Get("password"), known ? (*user)->password_hash : kDummyHash) && known;
  if (!ok) {
    (void)store_->RecordLoginFailure(name, address, now);
    return LoginPage(request, "اسم المستخدم أو كلمة المرور غير صحيحة.", name);
  }
  (void)store_->ClearLoginFailures(name);
  std::string token = RandomToken();
  int max_age = options_.session_hours * 3600;
  Status added = store_->AddSession(TokenHash(token), (*user)->id, RandomToken(), now, now + max_age);
  if (!added.ok()) return Message(503, nullptr, "الخدمة غير متاحة مؤقتاً.");
  (void)store_->Audit((*user)->id, "login", address, now);
  Response r = SeeOther("/admin");
  r.headers.emplace_back("Set-Cookie", SessionCookie(token, max_age, options_.secure_cookies));
  return r;
}

Response Newsroom::Logout(const Request& request) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  auto form = http::Form::Parse(request.body);
  if (!form.ok() || !ConstantTimeEquals(form->Get("csrf"), session->csrf_token))
    return Message(403, &*session, "رمز الحماية غير صالح؛ أعد تحميل الصفحة.");
  (void)store_->DeleteSession(session->token_hash);
  (void)store_->Audit(session->user.id, "logout", "", clock_->Now());
  Response r = SeeOther("/admin/login");
  r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, options_.secure_cookies));
  return r;
}

// ---- articles ------------------------------------------------------------------------------

Response Newsroom::Dashboard(const Request& request) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  store::ArticleQuery q;
  q.newsroom = true;
  q.limit = 50;
  std::string filter = request.QueryParam("status").value_or("");
  if (auto s = store::ParseArticleStatus(filter)) q.status = *s;
  if (session->user.role == store::Role::kAuthor || session->user.role == store::Role::kContributor)
    q.owner_id = session->user.id;
  // A search (the same analyser as the public search, over every status) replaces the
  // status filter: an editor looking for a story does not know its state.
  const std::string search_text = request.QueryParam("q").value_or("");
  std::string search_note;
  Result<store::ArticlePage> page = store::ArticlePage{};
  if (!search_text.empty()) {
    filter.clear();
    store::SearchQuery sq;
    sq.terms = arabic::ParseQuery(search_text);
    sq.now = clock_->Now();
    sq.newsroom = true;
    sq.owner_id = q.owner_id;
    sq.limit = q.limit;
    if (sq.terms.Empty()) {
      search_note = "لم نجد في البحث كلمة يمكن البحث عنها: اكتب كلمة من العنوان أو النص.";
    } else if (auto found = store_->SearchArticles(sq); found.ok()) {
      page = store::ArticlePage{std::move(found->articles), found->total};
    } else {
      page = found.status();
    }
  } else {
    page = store_->ListArticles(q);
  }
  if (!page.ok()) return Message(503, &*session, "تعذّرت قراءة المقالات.");
  auto zone = SiteZone(*store_);
  render::DateStyle style;
  style.zone = zone;
  std::vector<View> rows;
  for (const auto& a : page->articles) {
    View row;
    row.Set("title", a.title)
        .Set("edit_url", "/admin/articles/" + std::to_string(a.id))
        .Set("status", StatusLabel(a.status))
        .Set("status_name", store::ArticleStatusName(a.status))
        .Set("section", a.section.name)
        .Set("byline", a.author.name)
        .Set("date", render::FormatArabicDateTime(a.published_at, style));
    rows.push_back(std::move(row));
  }
  std::vector<View> filters;
  for (ArticleStatus s : kAllStatuses) {
    View f;
    f.Set("value", store::ArticleStatusName(s)).Set("label", StatusLabel(s));
    f.SetBool("current", filter == store::ArticleStatusName(s));
    filters.push_back(std::move(f));
  }
  View v;
  // Readers' comments waiting for a moderator (comments_admin.cc).
  if (CanModerateComments(session->user)) {
    if (auto counts = store_->CountComments(std::nullopt); counts.ok()) {
      v.SetBool("show_comments", true);
      v.SetNumber("comments_held", counts->held);
      v.SetNumber("comments_approved", counts->approved);
      v.SetNumber("comments_spam", counts->spam);
    }
  }
  v.SetList("articles", std::move(rows)).SetList("filters", std::move(filters));
  v.SetNumber("total", page->total);
  v.SetBool("empty", page->articles.empty());
  v.Set("q", search_text).Set("search_note", search_note);
  v.SetBool("searching", !search_text.empty());
  return Page(200, &*session, "غرفة الأخبار", "dashboard", v);
}

namespace {

// Builds the editor view from `fields` (what to show) for `article` (null when new).
View EditorView(const EditorFields& fields, const store::User& user, const store::Article* article,
                const std::vector<store::Section>& sections) {
  View v;
  v.Set("title", fields.title).Set("slug", fields.slug).Set("summary", fields.summary)
      .Set("body", fields.body).Set("tags", fields.tags).Set("byline", fields.byline)
      .Set("agency", fields.agency).Set("source_credit", fields.source_credit)
      .Set("publish_at", fields.publish_at).Set("revision", fields.revision);
  v.SetBool("is_new", article == nullptr);
  v.Set("form_action", article ? "/admin/articles/" + std::to_string(article->id) : "/admin/articles/new");
  if (article) {
    v.Set("revisions_url", "/admin/articles/" + std::to_string(article->id) + "/revisions");
    v.Set("public_url", PercentEncodePath("/article/" + article->slug));
    v.SetBool("is_public", article->status == ArticleStatus::kPublished);
  }
  std::vector<View> section_options;
  for (const auto& s : sections) {
    View o;
    o.Set("value", s.slug).Set("label", s.name);
    o.SetBool("selected", s.slug == fields.section || s.name == fields.section);
    section_options.push_back(std::move(o));
  }
  v.SetList("sections", std::move(section_options));
  std::vector<View> statuses;
  for (ArticleStatus s : kAllStatuses) {
    if (!MaySetStatus(user, article, s)) continue;
    View o;
    o.Set("value", store::ArticleStatusName(s)).Set("label", StatusLabel(s));
    o.SetBool("selected", fields.status == store::ArticleStatusName(s));
    statuses.push_back(std::move(o));
  }
  v.SetList("statuses", std::move(statuses));
  return v;
}

}  // namespace

Response Newsroom::EditPage(const Request& request, const std::string& id_text) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  auto sections = store_->ListSections();
  if (!sections.ok()) return Message(503, &*session, "تعذّرت قراءة الأقسام.");
  auto zone = SiteZone(*store_);
  if (id_text.empty()) {
    EditorFields fields;
    fields.byline = "";
    fields.status = "draft";
    fields.publish_at = LocalInputTime(clock_->Now(), zone);
    View v = EditorView(fields, session->user, nullptr, *sections);
    AddFeaturedImageView(v, 0, nullptr);
    return Page(200, &*session, "مقال جديد", "edit", v);
  }
  auto id = ParseId(id_text);
  if (!id) return Message(404, &*session, "لا يوجد مقال بهذا الرقم.");
  auto article = store_->FindArticleById(*id);
  if (!article.ok()) return Message(503, &*session, "تعذّرت قراءة المقال.");
  if (!article->has_value()) return Message(404, &*session, "لا يوجد مقال بهذا الرقم.");
  if (!CanEditArticle(session->user, **article))
    return Message(403, &*session, "لا تملك صلاحية تعديل هذا المقال.");
  View v = EditorView(FieldsFromArticle(**article, zone), session->user, &**article, *sections);
  AddFeaturedImageView(v, (*article)->id, nullptr);
  if (request.QueryParam("saved")) v.Set("notice", "حُفظ المقال.");
  return Page(200, &*session, (*article)->title, "edit", v);
}

Response Newsroom::Save(const Request& request, const std::string& id_text) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  auto form = http::Form::Parse(request.body);
  if (!form.ok()) return Message(400, &*session, "تعذّرت قراءة النموذج: " + form.status().message());
  if (!ConstantTimeEquals(form->Get("csrf"), session->csrf_token))
    return Message(403, &*session, "رمز الحماية غير صالح؛ أعد تحميل الصفحة.");
  auto sections = store_->ListSections();
  if (!sections.ok()) return Message(503, &*session, "تعذّرت قراءة الأقسام.");

  std::optional<store::Article> existing;
  if (!id_text.empty()) {
    auto id = ParseId(id_text);
    if (!id) return Message(404, &*session, "لا يوجد مقال بهذا الرقم.");
    auto found = store_->FindArticleById(*id);
    if (!found.ok()) return Message(503, &*session, "تعذّرت قراءة المقال.");
    if (!found->has_value()) return Message(404, &*session, "لا يوجد مقال بهذا الرقم.");
    existing = std::move(**found);
    if (!CanEditArticle(session->user, *existing))
      return Message(403, &*session, "لا تملك صلاحية تعديل هذا المقال.");
  }
  const store::Article* article = existing ? &*existing : nullptr;
  EditorFields fields = FieldsFromForm(*form);
  View v = EditorView(fields, session->user, article, *sections);
  AddFeaturedImageView(v, article ? article->id : 0, &*form);
  auto zone = SiteZone(*store_);
  UnixSeconds now = clock_->Now();

  if (form->Get("action") == "preview") {
    v.SetHtml("preview_html", render::MarkdownToHtml(fields.body));
    return Page(200, &*session, "معاينة", "edit", v);
  }

  // Field by field; every problem is shown beside its field, and nothing is saved.
  CheckedArticle checked = CheckArticleFields(fields, session->user, article, *sections,
                                              zone.OffsetSeconds(now), now);
  auto featured_errors = CheckFeaturedImage(*form);
  if (!checked.ok() || !featured_errors.empty()) {
    for (const auto& [field, message] : checked.errors) v.Set(field + "_error", message);
    for (const auto& [field, message] : featured_errors) v.Set(field + "_error", message);
    v.Set("error", "لم يُحفظ المقال؛ صحّح الحقول المشار إليها.");
    return Page(422, &*session, "تعديل", "edit", v);
  }
  store::ArticleInput& input = checked.input;

  Result<store::Article> saved = Status::Internal("unreachable");
  if (article) {
    saved = store_->UpdateArticle(article->id, input);
  } else {
    saved = store_->AddArticle(input);
  }
  if (!saved.ok()) {
    if (saved.status().code() == StatusCode::kConflict && article && saved.status().message().find("revision") != std::string::npos) {
      // Someone saved in between: show their version beside ours; the editor's text stays in
      // the form, and saving again (now against their revision) keeps the editor's.
      auto current = store_->FindArticleById(article->id);
      if (current.ok() && current->has_value()) {
        v.SetBool("conflict", true);
        v.Set("current_title", (*current)->title);
        v.Set("current_body", (*current)->body_markdown);
        v.Set("revision", std::to_string((*current)->revision));
      }
      v.Set("error", "عدّل شخص آخر هذا المقال بعد أن فتحته. نصك محفوظ في النموذج أدناه، ونص الزميل معروض للمقارنة؛ احفظ مجدداً لاعتماد نصك.");
      return Page(409, &*session, "تعارض", "edit", v);
    }
    if (saved.status().code() == StatusCode::kConflict) {
      v.Set("slug_error", "هذا المعرّف مستخدم لمقال آخر.");
      v.Set("error", "لم يُحفظ المقال.");
      return Page(409, &*session, "تعديل", "edit", v);
    }
    if (saved.status().code() == StatusCode::kInvalidInput) {
      v.Set("error", "لم يُحفظ المقال: " + saved.status().message());
      return Page(422, &*session, "تعديل", "edit", v);
    }
    return Message(503, &*session, "تعذّر الحفظ؛ لم يتغير شيء. أعد المحاولة.");
  }
  if (Status st = SaveFeaturedImage(saved->id, *form); !st.ok())
    return Message(503, &*session, "حُفظ المقال، لكن تعذّر حفظ صورته البارزة؛ افتحه وأعد اختيارها.");
  (void)store_->Audit(session->user.id, article ? "article.update" : "article.create",
                      "#" + std::to_string(saved->id) + " " + store::ArticleStatusName(saved->status) +
                          " «" + saved->title + "»",
                      now);
  return SeeOther("/admin/articles/" + std::to_string(saved->id) + "?saved=1");
}

Response Newsroom::Revisions(const Request& request, const std::string& id_text) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  auto id = ParseId(id_text);
  auto article = id ? store_->FindArticleById(*id) : Result<std::optional<store::Article>>(std::nullopt);
  if (!article.ok()) return Message(503, &*session, "تعذّرت قراءة المقال.");
  if (!article->has_value()) return Message(404, &*session, "لا يوجد مقال بهذا الرقم.");
  if (!CanEditArticle(session->user, **article)) return Message(403, &*session, "لا تملك صلاحية تعديل هذا المقال.");
  auto revisions = store_->ListRevisions(*id);
  if (!revisions.ok()) return Message(503, &*session, "تعذّرت قراءة النسخ.");
  render::DateStyle style;
  style.zone = SiteZone(*store_);
  std::vector<View> rows;
  for (size_t i = 0; i < revisions->size(); ++i) {
    const auto& r = (*revisions)[i];
    View row;
    row.SetNumber("number", r.revision);
    row.Set("editor", r.editor_name.empty() ? "سطر الأوامر" : r.editor_name)
        .Set("date", render::FormatArabicDateTime(r.at, style))
        .Set("title", r.title)
        .Set("status", StatusLabel(r.status))
        .Set("restore_url", "/admin/articles/" + id_text + "/revisions/" + std::to_string(r.revision) + "/restore");
    row.SetBool("is_current", r.revision == (*article)->revision);
    row.SetBool("check_a", i == 1);
    row.SetBool("check_b", i == 0);
    rows.push_back(std::move(row));
  }
  View v;
  v.Set("title", (*article)->title).Set("edit_url", "/admin/articles/" + id_text)
      .Set("compare_url", "/admin/articles/" + id_text + "/compare");
  v.SetList("revisions", std::move(rows));
  return Page(200, &*session, "نسخ المقال", "revisions", v);
}

Response Newsroom::Compare(const Request& request, const std::string& id_text) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  auto id = ParseId(id_text);
  auto a = ParseId(request.QueryParam("a").value_or(""));
  auto b = ParseId(request.QueryParam("b").value_or(""));
  if (!id || !a || !b) return Message(400, &*session, "اختر نسختين للمقارنة.");
  auto article = store_->FindArticleById(*id);
  if (!article.ok() || !article->has_value()) return Message(404, &*session, "لا يوجد مقال بهذا الرقم.");
  if (!CanEditArticle(session->user, **article)) return Message(403, &*session, "لا تملك صلاحية تعديل هذا المقال.");
  auto before = store_->FindRevision(*id, *a);
  auto after = store_->FindRevision(*id, *b);
  if (!before.ok() || !after.ok() || !before->has_value() || !after->has_value())
    return Message(404, &*session, "لا توجد هذه النسخة.");
  auto field_rows = [](const store::Revision& r) {
    std::string tags;
    for (const auto& t : r.tags) tags += (tags.empty() ? "" : "، ") + t;
    return "العنوان: " + r.title + "\nالمعرّف: " + r.slug + "\nالملخص: " + r.summary +
           "\nالقسم: " + r.section_slug + "\nالكاتب: " + r.byline + "\nالوكالة: " + r.agency +
           "\nسطر المصدر: " + r.source_credit + "\nالوسوم: " + tags +
           "\nالحالة: " + StatusLabel(r.status) + "\n\n" + r.body_markdown;
  };
  std::vector<View> lines;
  for (auto& d : DiffLines(field_rows(**before), field_rows(**after))) {
    View line;
    line.Set("text", d.text).Set("kind", d.kind == DiffLine::kSame ? "same" : d.kind == DiffLine::kAdded ? "added" : "removed");
    line.Set("mark", d.kind == DiffLine::kSame ? " " : d.kind == DiffLine::kAdded ? "+" : "−");
    lines.push_back(std::move(line));
  }
  View v;
  v.SetNumber("a", *a);
  v.SetNumber("b", *b);
  v.Set("revisions_url", "/admin/articles/" + id_text + "/revisions");
  v.SetList("lines", std::move(lines));
  return Page(200, &*session, "مقارنة نسختين", "compare", v);
}

Response Newsroom::Restore(const Request& request, const std::string& id_text,
                           const std::string& revision_text) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  auto form = http::Form::Parse(request.body);
  if (!form.ok() || !ConstantTimeEquals(form->Get("csrf"), session->csrf_token))
    return Message(403, &*session, "رمز الحماية غير صالح؛ أعد تحميل الصفحة.");
  auto id = ParseId(id_text);
  auto number = ParseId(revision_text);
  if (!id || !number) return Message(404, &*session, "لا توجد هذه النسخة.");
  auto article = store_->FindArticleById(*id);
  if (!article.ok() || !article->has_value()) return Message(404, &*session, "لا يوجد مقال بهذا الرقم.");
  if (!CanEditArticle(session->user, **article)) return Message(403, &*session, "لا تملك صلاحية تعديل هذا المقال.");
  auto revision = store_->FindRevision(*id, *number);
  if (!revision.ok() || !revision->has_value()) return Message(404, &*session, "لا توجد هذه النسخة.");
  const store::Revision& r = **revision;
  store::ArticleInput input;
  input.slug = r.slug;
  input.title = r.title;
  input.summary = r.summary;
  input.body_markdown = r.body_markdown;
  input.section = r.section_slug;
  input.byline = r.byline;
  input.agency = r.agency;
  input.source_credit = r.source_credit;
  input.tags = r.tags;
  input.published_at = r.published_at;
  // Restoring brings back the words, not the state: the article keeps its current status,
  // unless the restorer may not publish.
  input.status = (*article)->status;
  if (!MaySetStatus(session->user, &**article, input.status)) input.status = ArticleStatus::kPending;
  input.editor_id = session->user.id;
  auto saved = store_->UpdateArticle(*id, input);
  if (!saved.ok()) return Message(409, &*session, "تعذّرت الاستعادة: " + saved.status().message());
  (void)store_->Audit(session->user.id, "article.restore",
                      "#" + std::to_string(*id) + " ← revision " + std::to_string(*number), clock_->Now());
  return SeeOther("/admin/articles/" + id_text + "?saved=1");
}

Response Newsroom::AuditLog(const Request& request) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  if (!CanManageSite(session->user)) return Message(403, &*session, "سجل التدقيق للمديرين فقط.");
  auto entries = store_->ListAudit(200, 0);
  if (!entries.ok()) return Message(503, &*session, "تعذّرت قراءة السجل.");
  render::DateStyle style;
  style.zone = SiteZone(*store_);
  std::vector<View> rows;
  for (const auto& e : *entries) {
    View row;
    row.Set("user", e.user_name.empty() ? "سطر الأوامر" : e.user_name).Set("action", e.action)
        .Set("detail", e.detail).Set("date", render::FormatArabicDateTime(e.at, style));
    rows.push_back(std::move(row));
  }
  View v;
  v.SetList("entries", std::move(rows));
  return Page(200, &*session, "سجل التدقيق", "audit", v);
}

Response Newsroom::PasswordPage(const Request& request) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  return Page(200, &*session, "تغيير كلمة المرور", "password", View());
}

Response Newsroom::ChangePassword(const Request& request) const {
  auto session = SessionOf(request);
  if (!session) return SeeOther("/admin/login");
  auto form = http::Form::Parse(request.body);
  if (!form.ok() || !ConstantTimeEquals(form->Get("csrf"), session->csrf_token))
    return Message(403, &*session, "رمز الحماية غير صالح؛ أعد تحميل الصفحة.");
  View v;
  if (!VerifyPassword(form->Get("current"), session->user.password_hash)) {
    v.Set("error", "كلمة المرور الحالية غير صحيحة.");
    return Page(422, &*session, "تغيير كلمة المرور", "password", v);
  }
  std::string fresh = form->Get("new");
  if (fresh.size() < 10) {
    v.Set("error", "كلمة المرور الجديدة قصيرة؛ عشرة أحرف على الأقل.");
    return Page(422, &*session, "تغيير كلمة المرور", "password", v);
  }
  auto hash = HashPassword(fresh);
  if (!hash.ok() || !store_->SetUserPassword(session->user.id, *hash).ok())
    return Message(503, &*session, "تعذّر تغيير كلمة المرور.");
  // Other logins of this account end; this one continues.
  (void)store_->DeleteUserSessions(session->user.id, session->token_hash);
  (void)store_->Audit(session->user.id, "password.change", "", clock_->Now());
  return Message(200, &*session, "غُيّرت كلمة المرور، وأُنهيت جلساتك الأخرى.");
}

// ---- scheduler -----------------------------------------------------------------------------

void Newsroom::StartScheduler() {
  scheduler_ = std::thread([this] { RunScheduler(); });
}

void Newsroom::StopScheduler() {
  {
    std::lock_guard lock(scheduler_mu_);
    stop_scheduler_ = true;
  }
  scheduler_cv_.notify_all();
  if (scheduler_.joinable()) scheduler_.join();
}

void Newsroom::RunScheduler() {
  std::unique_lock lock(scheduler_mu_);
  while (!scheduler_cv_.wait_for(lock, options_.scheduler_interval, [this] { return stop_scheduler_; })) {
    lock.unlock();
    auto published = store_->PublishDue(clock_->Now());
    if (!published.ok()) {
      std::cerr << "wakala: scheduler: " << published.status().ToString() << "\n";
    } else {
      for (const auto& a : *published)
        (void)store_->Audit(0, "article.publish", "#" + std::to_string(a.id) + " «" + a.title + "» (scheduled)", clock_->Now());
    }
    lock.lock();
  }
}

}  // namespace wakala::newsroom
