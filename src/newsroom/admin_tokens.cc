// /admin/tokens: a user's personal access tokens for the write API. A new token is shown on
// the page that answers its creation, once; the list shows name, scope, dates and last use.
#include <charconv>

#include "newsroom/admin_pages.h"
#include "newsroom/api_tokens.h"
#include "newsroom/site_zone.h"
#include "render/arabic_date.h"

namespace wakala::newsroom {
namespace {

using http::Request;
using http::Response;
using render::View;

const char* ScopeLabel(store::TokenScope s) {
  return s == store::TokenScope::kWrite ? "قراءة وكتابة" : "قراءة فقط";
}

// The tokens page; `form` holds what was typed when a creation was refused.
Response TokensPage(const AdminPages& p, const store::LoginSession& session, int status, View v) {
  auto tokens = p.store->ListTokens(session.user.id);
  if (!tokens.ok()) return p.message(503, &session, "تعذّرت قراءة الرموز.");
  auto style = SiteDateStyle(*p.store);
  std::vector<View> rows;
  for (const auto& t : *tokens) {
    View row;
    row.Set("name", t.name).Set("scope", ScopeLabel(t.scope))
        .Set("scope_name", store::TokenScopeName(t.scope))
        .Set("created", render::FormatArabicDateTime(t.created_at, style))
        .Set("last_used", t.last_used_at ? render::FormatArabicDateTime(*t.last_used_at, style)
                                         : "لم يُستخدم بعد")
        .Set("revoke_url", "/admin/tokens/" + std::to_string(t.id) + "/revoke");
    row.SetBool("revoked", t.revoked_at.has_value());
    if (t.revoked_at) row.Set("revoked_at", render::FormatArabicDateTime(*t.revoked_at, style));
    rows.push_back(std::move(row));
  }
  v.SetList("tokens", std::move(rows));
  v.SetBool("has_tokens", !tokens->empty());
  return p.page(status, &session, "رموز الوصول", "tokens", std::move(v));
}

}  // namespace

void AddTokenRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  using P = http::RouteParams;
  r.Add("GET", "/admin/tokens", [pages](const Request& q, const P&) {
    auto checked = pages->CheckGet(q, false);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    View v;
    v.SetBool("scope_read", true);
    if (q.QueryParam("revoked")) v.Set("notice", "أُلغي الرمز؛ لن يُقبل بعد الآن.");
    return TokensPage(*pages, std::get<store::LoginSession>(checked), 200, std::move(v));
  });

  r.Add("POST", "/admin/tokens", [pages](const Request& q, const P&) {
    auto checked = pages->CheckPost(q, false);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    std::string name = form.Get("name");
    std::string scope_text = form.Get("scope");
    View v;
    v.Set("name", name);
    v.SetBool("scope_write", scope_text == "write");
    v.SetBool("scope_read", scope_text != "write");
    bool bad = false;
    if (name.empty()) {
      v.Set("name_error", "اسم الرمز مطلوب: ما الأداة التي ستستخدمه؟");
      bad = true;
    } else if (name.size() > 200) {
      v.Set("name_error", "الاسم أطول من المسموح (200 بايت).");
      bad = true;
    }
    auto scope = store::ParseTokenScope(scope_text);
    if (!scope) {
      v.Set("scope_error", "اختر الصلاحية: قراءة فقط، أو قراءة وكتابة.");
      bad = true;
    }
    if (bad) {
      v.Set("error", "لم يُنشأ الرمز؛ صحّح الحقول المشار إليها.");
      return TokensPage(*pages, session, 422, std::move(v));
    }
    UnixSeconds now = pages->clock->Now();
    auto made = CreateApiToken(*pages->store, session.user.id, name, *scope, now);
    if (!made.ok()) return pages->message(503, &session, "تعذّر إنشاء الرمز؛ لم يتغير شيء.");
    (void)pages->store->Audit(session.user.id, "token.add",
                              "«" + name + "» (" + store::TokenScopeName(*scope) + ")", now);
    View shown;
    shown.Set("new_token", made->secret).Set("new_token_name", name);
    shown.SetBool("scope_read", true);
    return TokensPage(*pages, session, 201, std::move(shown));
  });

  r.Add("POST", "/admin/tokens/{id}/revoke", [pages](const Request& q, const P& params) {
    auto checked = pages->CheckPost(q, false);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& session = std::get<AdminPages::Post>(checked).session;
    const std::string& text = params.Get("id");
    int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    UnixSeconds now = pages->clock->Now();
    Status revoked = ec == std::errc() && end == text.data() + text.size()
                         ? pages->store->RevokeToken(id, session.user.id, now)
                         : Status::NotFound("no such token");
    if (revoked.code() == StatusCode::kNotFound)
      return pages->message(404, &session, "لا يوجد رمز ساري بهذا الرقم بين رموزك.");
    if (!revoked.ok()) return pages->message(503, &session, "تعذّر إلغاء الرمز؛ أعد المحاولة.");
    (void)pages->store->Audit(session.user.id, "token.revoke", "#" + text, now);
    return Response::Redirect(303, "/admin/tokens?revoked=1");
  });
}

}  // namespace wakala::newsroom
