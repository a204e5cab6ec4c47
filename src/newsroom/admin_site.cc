// The rest of the admin, for administrators: sections (add, rename, reorder), tags (rename),
// site settings, and accounts (add with a one-time password, change role, disable/enable).
// Every form carries the session's CSRF token; every change is audited; a refused change
// shows its message beside the field and writes nothing.
#include <algorithm>
#include <charconv>

#include "arabic/slug.h"
#include "base/utf8.h"
#include "media/library.h"
#include "newsroom/admin.h"
#include "newsroom/admin_pages.h"
#include "newsroom/auth.h"
#include "newsroom/permissions.h"
#include "render/arabic_date.h"

namespace wakala::newsroom {
namespace {

using http::Request;
using http::Response;
using render::View;
using P = http::RouteParams;

constexpr const char* kBadCsrf = "رمز الحماية غير صالح؛ أعد تحميل الصفحة.";
constexpr const char* kAdminsOnly = "هذه الصفحة للمديرين فقط.";

std::optional<int64_t> ParseId(const std::string& text) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
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

constexpr store::Role kRoles[] = {store::Role::kAdministrator, store::Role::kEditor,
                                  store::Role::kAuthor, store::Role::kContributor};

std::vector<View> RoleOptions(std::optional<store::Role> selected) {
  std::vector<View> out;
  for (store::Role r : kRoles) {
    View o;
    o.Set("value", store::RoleName(r)).Set("label", RoleLabel(r));
    o.SetBool("selected", selected == r);
    out.push_back(std::move(o));
  }
  return out;
}

// ---- sections ------------------------------------------------------------------------------

// `row_errors`: a message beside the rename field of one section, by id.
Response SectionsPage(const AdminPages& p, const store::LoginSession& s, int status, View v,
                      int64_t error_id = 0, const std::string& row_error = "",
                      const std::string& typed_name = "") {
  auto sections = p.store->ListSections();
  if (!sections.ok()) return p.message(503, &s, "تعذّرت قراءة الأقسام.");
  std::vector<View> rows;
  for (size_t i = 0; i < sections->size(); ++i) {
    const auto& sec = (*sections)[i];
    View row;
    std::string base = "/admin/sections/" + std::to_string(sec.id);
    row.Set("name", error_id == sec.id ? typed_name : sec.name).Set("slug", sec.slug)
        .Set("rename_url", base + "/rename").Set("move_url", base + "/move")
        .Set("public_url", PercentEncodePath("/section/" + sec.slug));
    row.SetNumber("position", static_cast<long long>(i + 1));
    row.SetBool("first", i == 0);
    row.SetBool("last", i + 1 == sections->size());
    if (error_id == sec.id) row.Set("name_error", row_error);
    rows.push_back(std::move(row));
  }
  v.SetList("sections", std::move(rows));
  return p.page(status, &s, "الأقسام", "sections", std::move(v));
}

void AddSectionRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  r.Add("GET", "/admin/sections", [pages](const Request& q, const P&) {
    auto checked = pages->CheckGet(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    View v;
    if (q.QueryParam("saved")) v.Set("notice", "حُفظت الأقسام.");
    return SectionsPage(*pages, std::get<store::LoginSession>(checked), 200, std::move(v));
  });

  r.Add("POST", "/admin/sections", [pages](const Request& q, const P&) {
    auto checked = pages->CheckPost(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    std::string name = form.Get("name"), slug_text = form.Get("slug");
    View v;
    v.Set("new_name", name).Set("new_slug", slug_text);
    std::string slug = arabic::Slugify(slug_text.empty() ? name : slug_text, 120);
    if (name.empty()) v.Set("new_name_error", "اسم القسم مطلوب.");
    else if (name.size() > 200) v.Set("new_name_error", "الاسم أطول من المسموح.");
    else if (slug.empty()) v.Set("new_slug_error", "لا يصلح هذا المعرّف؛ استخدم حروفاً أو أرقاماً.");
    else {
      auto added = pages->store->AddSection(name, slug);
      if (added.ok()) {
        (void)pages->store->Audit(session.user.id, "section.add", "«" + name + "» /section/" + slug,
                                  pages->clock->Now());
        return Response::Redirect(303, "/admin/sections?saved=1");
      }
      if (added.status().code() != StatusCode::kConflict)
        return pages->message(503, &session, "تعذّر حفظ القسم؛ لم يتغير شيء.");
      if (added.status().message().find("name") != std::string::npos)
        v.Set("new_name_error", "يوجد قسم بهذا الاسم.");
      else
        v.Set("new_slug_error", "يوجد قسم بهذا المعرّف؛ اختر معرّفاً آخر.");
    }
    v.Set("error", "لم يُضف القسم؛ صحّح الحقول المشار إليها.");
    return SectionsPage(*pages, session, 422, std::move(v));
  });

  r.Add("POST", "/admin/sections/{id}/rename", [pages](const Request& q, const P& params) {
    auto checked = pages->CheckPost(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto id = ParseId(params.Get("id"));
    if (!id) return pages->message(404, &session, "لا يوجد قسم بهذا الرقم.");
    std::string name = form.Get("name");
    std::string problem;
    if (name.empty()) problem = "اسم القسم مطلوب.";
    else if (name.size() > 200) problem = "الاسم أطول من المسموح.";
    std::string old_name;
    if (auto sections = pages->store->ListSections(); sections.ok())
      for (const auto& s : *sections) if (s.id == *id) old_name = s.name;
    if (problem.empty()) {
      auto renamed = pages->store->RenameSection(*id, name);
      if (renamed.ok()) {
        (void)pages->store->Audit(session.user.id, "section.rename",
                                  "«" + old_name + "» → «" + name + "»", pages->clock->Now());
        return Response::Redirect(303, "/admin/sections?saved=1");
      }
      if (renamed.status().code() == StatusCode::kNotFound)
        return pages->message(404, &session, "لا يوجد قسم بهذا الرقم.");
      if (renamed.status().code() != StatusCode::kConflict)
        return pages->message(503, &session, "تعذّر حفظ القسم؛ لم يتغير شيء.");
      problem = "يوجد قسم آخر بهذا الاسم.";
    }
    View v;
    v.Set("error", "لم تُغيَّر التسمية؛ صحّح الحقل المشار إليه.");
    return SectionsPage(*pages, session, 422, std::move(v), *id, problem, name);
  });

  r.Add("POST", "/admin/sections/{id}/move", [pages](const Request& q, const P& params) {
    auto checked = pages->CheckPost(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto id = ParseId(params.Get("id"));
    auto sections = pages->store->ListSections();
    if (!sections.ok()) return pages->message(503, &session, "تعذّرت قراءة الأقسام.");
    std::vector<int64_t> order;
    for (const auto& s : *sections) order.push_back(s.id);
    auto it = id ? std::find(order.begin(), order.end(), *id) : order.end();
    if (it == order.end()) return pages->message(404, &session, "لا يوجد قسم بهذا الرقم.");
    std::string direction = form.Get("direction");
    if (direction == "up" && it != order.begin()) std::iter_swap(it, it - 1);
    else if (direction == "down" && it + 1 != order.end()) std::iter_swap(it, it + 1);
    else return Response::Redirect(303, "/admin/sections");  // already at that end
    if (!pages->store->ReorderSections(order).ok())
      return pages->message(503, &session, "تعذّر حفظ الترتيب؛ لم يتغير شيء.");
    std::string names;
    for (int64_t sid : order)
      for (const auto& s : *sections)
        if (s.id == sid) names += (names.empty() ? "" : "، ") + s.name;
    (void)pages->store->Audit(session.user.id, "section.reorder", names, pages->clock->Now());
    return Response::Redirect(303, "/admin/sections?saved=1");
  });
}

// ---- tags ----------------------------------------------------------------------------------

Response TagsPage(const AdminPages& p, const store::LoginSession& s, int status, View v,
                  int64_t error_id = 0, const std::string& row_error = "",
                  const std::string& typed_name = "") {
  auto tags = p.store->ListTags();
  if (!tags.ok()) return p.message(503, &s, "تعذّرت قراءة الوسوم.");
  std::vector<View> rows;
  for (const auto& t : *tags) {
    View row;
    row.Set("name", error_id == t.id ? typed_name : t.name).Set("slug", t.slug)
        .Set("rename_url", "/admin/tags/" + std::to_string(t.id) + "/rename")
        .Set("public_url", PercentEncodePath("/tag/" + t.slug));
    row.SetNumber("articles", t.articles);
    if (error_id == t.id) row.Set("name_error", row_error);
    rows.push_back(std::move(row));
  }
  v.SetBool("empty", tags->empty());
  v.SetList("tags", std::move(rows));
  return p.page(status, &s, "الوسوم", "tags", std::move(v));
}

void AddTagRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  r.Add("GET", "/admin/tags", [pages](const Request& q, const P&) {
    auto checked = pages->CheckGet(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    View v;
    if (q.QueryParam("saved")) v.Set("notice", "حُفظ الوسم.");
    return TagsPage(*pages, std::get<store::LoginSession>(checked), 200, std::move(v));
  });
  r.Add("POST", "/admin/tags/{id}/rename", [pages](const Request& q, const P& params) {
    auto checked = pages->CheckPost(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto id = ParseId(params.Get("id"));
    if (!id) return pages->message(404, &session, "لا يوجد وسم بهذا الرقم.");
    std::string name = form.Get("name");
    std::string problem;
    if (name.empty()) problem = "اسم الوسم مطلوب.";
    else if (name.size() > 200) problem = "الاسم أطول من المسموح.";
    else if (name.find(',') != std::string::npos || name.find("\u060C") != std::string::npos)
      problem = "لا يحتوي اسم الوسم فاصلة؛ الفواصل تفصل الوسوم في المحرر.";
    std::string old_name;
    if (auto tags = pages->store->ListTags(); tags.ok())
      for (const auto& t : *tags) if (t.id == *id) old_name = t.name;
    if (problem.empty()) {
      Status renamed = pages->store->RenameTag(*id, name);
      if (renamed.ok()) {
        (void)pages->store->Audit(session.user.id, "tag.rename", "«" + old_name + "» → «" + name + "»",
                                  pages->clock->Now());
        return Response::Redirect(303, "/admin/tags?saved=1");
      }
      if (renamed.code() == StatusCode::kNotFound) return pages->message(404, &session, "لا يوجد وسم بهذا الرقم.");
      if (renamed.code() != StatusCode::kConflict)
        return pages->message(503, &session, "تعذّر حفظ الوسم؛ لم يتغير شيء.");
      problem = "يوجد وسم آخر بهذا الاسم.";
    }
    View v;
    v.Set("error", "لم تُغيَّر التسمية؛ صحّح الحقل المشار إليه.");
    return TagsPage(*pages, session, 422, std::move(v), *id, problem, name);
  });
}

// ---- settings ------------------------------------------------------------------------------

// The settings this page edits, in its order. Blank text fields fall back to the site's
// defaults (site/settings.h).
struct SettingField {
  const char* key;
  size_t max_bytes;
  // Free text keeps its spaces and line breaks; elsewhere (a year, a zone name, a number)
  // stray spaces around the value are a typing slip.
  bool keeps_spaces = false;
};
constexpr SettingField kSettingFields[] = {
    {"site_name", 200},
    {"republish_policy", 2000, true},
    {"comments_disclaimer", 2000, true},
    {"copyright_text", 500},
    {"copyright_from", 4},
    {"copyright_to", 4},
    {"timezone", 64},
    {"digits", 20},
    {"month_names", 20},
    {"logo_media", 20},
    // Readers' comments (site/settings.h, doc/comments.md).
    {"comments_moderation", 20},
    {"comments_blocklist", 5000, true},
    {"comments_max_links", 6},
    {"comments_close_after_days", 6},
    {"comments_min_seconds", 6},
    {"comments_per_ip", 6},
    {"comments_per_article", 6},
    {"comments_max_chars", 6},
};

// The comment policy's numbers: blank keeps the default; otherwise a whole number in range.
// The least is what SiteSettings::FromMap accepts; the most catches a slipped key (an extra
// zero or three) here, with a message, instead of on the public site.
struct NumberSetting {
  const char* key;
  int least;
  int most;
};
constexpr NumberSetting kCommentNumbers[] = {
    {"comments_max_links", 0, 100},      {"comments_close_after_days", 0, 36500},
    {"comments_min_seconds", 0, 3600},   {"comments_per_ip", 1, 10000},
    {"comments_per_article", 1, 100000}, {"comments_max_chars", 1, 100000},
};

// The whole text is one decimal integer (no spaces, no trailing words); callers check the range.
std::optional<int> ParseWholeNumber(const std::string& text) {
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<int> ParseYear(const std::string& text) {
  auto year = ParseWholeNumber(text);
  if (!year || *year < 1900 || *year > 2200) return std::nullopt;
  return year;
}

// Field → message for every value that cannot be saved.
std::map<std::string, std::string> CheckSettings(const std::map<std::string, std::string>& values) {
  std::map<std::string, std::string> errors;
  for (const auto& f : kSettingFields) {
    const std::string& v = values.at(f.key);
    if (v.size() > f.max_bytes) errors[f.key] = "النص أطول من المسموح.";
  }
  if (values.at("site_name").empty()) errors["site_name"] = "اسم الموقع مطلوب.";
  for (const auto& n : kCommentNumbers) {
    const std::string& v = values.at(n.key);
    if (v.empty()) continue;
    auto number = ParseWholeNumber(v);
    if (!number || *number < n.least || *number > n.most)
      errors[n.key] = "عدد صحيح من " + std::to_string(n.least) + " إلى " + std::to_string(n.most) +
                      "، أو اتركه فارغاً للقيمة الافتراضية.";
  }
  const std::string& moderation = values.at("comments_moderation");
  if (!moderation.empty() && moderation != "first_time" && moderation != "all")
    errors["comments_moderation"] = "اختر سياسة المراجعة من القائمة.";
  std::optional<int> from, to;
  for (const char* key : {"copyright_from", "copyright_to"}) {
    const std::string& v = values.at(key);
    if (v.empty()) continue;
    auto year = ParseYear(v);
    if (!year) errors[key] = "سنة من أربعة أرقام، مثل 2009، أو اتركه فارغاً.";
    (std::string(key) == "copyright_from" ? from : to) = year;
  }
  if (from && to && *from > *to) errors["copyright_to"] = "سنة النهاية قبل سنة البداية.";
  const std::string& zone = values.at("timezone");
  if (!zone.empty() && !render::TimeZone::Load(zone).ok())
    errors["timezone"] = "منطقة زمنية غير معروفة؛ اكتب اسماً مثل Africa/Cairo أو Asia/Riyadh.";
  const std::string& digits = values.at("digits");
  if (!digits.empty() && !render::ParseDigitStyle(digits)) errors["digits"] = "اختر نوع الأرقام من القائمة.";
  const std::string& months = values.at("month_names");
  if (!months.empty() && !render::ParseMonthNames(months)) errors["month_names"] = "اختر أسماء الأشهر من القائمة.";
  return errors;
}

// The logo is chosen among the media library's images (the newest hundred).
View SettingsView(const AdminPages& pages, const std::map<std::string, std::string>& values) {
  View v;
  std::vector<View> logos;
  if (auto media = pages.store->ListMedia(100, 0); media.ok()) {
    const std::string current = values.count("logo_media") ? values.at("logo_media") : "";
    for (const auto& m : *media) {
      if (m.widths.empty()) continue;
      View o;
      o.Set("id", std::to_string(m.id)).Set("name", m.original_name)
          .Set("thumb_url", media::MediaPath(m, m.widths.front()));
      o.SetBool("selected", current == std::to_string(m.id));
      logos.push_back(std::move(o));
    }
  }
  v.SetBool("no_logo", !values.count("logo_media") || values.at("logo_media").empty());
  v.SetList("logo_choices", std::move(logos));
  for (const auto& f : kSettingFields) v.Set(f.key, values.count(f.key) ? values.at(f.key) : "");
  auto options = [&](const char* key, std::initializer_list<std::pair<const char*, const char*>> all) {
    std::vector<View> out;
    std::string current = values.count(key) ? values.at(key) : "";
    for (auto [value, label] : all) {
      View o;
      o.Set("value", value).Set("label", label);
      o.SetBool("selected", current == value);
      out.push_back(std::move(o));
    }
    return out;
  };
  v.SetList("moderation_options",
            options("comments_moderation",
                    {{"first_time", "يُنشر تعليق من سبق قبول تعليقه، ويُراجع غيره"},
                     {"all", "كل تعليق يُراجع قبل نشره"}}));
  v.SetList("digit_options", options("digits", {{"western", "غربية: 0123456789"},
                                                {"arabic-indic", "هندية: ٠١٢٣٤٥٦٧٨٩"}}));
  v.SetList("month_options", options("month_names", {{"egyptian", "يناير، فبراير… (مصر والمغرب العربي)"},
                                                     {"levantine", "كانون الثاني، شباط… (الشام والعراق)"}}));
  return v;
}

void AddSettingsRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  r.Add("GET", "/admin/settings", [pages](const Request& q, const P&) {
    auto checked = pages->CheckGet(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& session = std::get<store::LoginSession>(checked);
    auto settings = pages->store->Settings();
    if (!settings.ok()) return pages->message(503, &session, "تعذّرت قراءة الإعدادات.");
    View v = SettingsView(*pages, *settings);
    if (q.QueryParam("saved")) v.Set("notice", "حُفظت الإعدادات؛ تظهر على الموقع خلال ثوانٍ.");
    return pages->page(200, &session, "إعدادات الموقع", "settings", std::move(v));
  });
  r.Add("POST", "/admin/settings", [pages](const Request& q, const P&) {
    auto checked = pages->CheckPost(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto current = pages->store->Settings();
    if (!current.ok()) return pages->message(503, &session, "تعذّرت قراءة الإعدادات.");
    std::map<std::string, std::string> values;
    for (const auto& f : kSettingFields) {
      std::string v = form.Get(f.key);
      if (!f.keeps_spaces) {
        size_t a = v.find_first_not_of(" \t\r\n"), b = v.find_last_not_of(" \t\r\n");
        v = a == std::string::npos ? "" : v.substr(a, b - a + 1);
      }
      values[f.key] = v;
    }
    auto errors = CheckSettings(values);
    if (const std::string& logo = values.at("logo_media"); !logo.empty()) {
      int64_t id = 0;
      auto [end, ec] = std::from_chars(logo.data(), logo.data() + logo.size(), id);
      auto found = ec == std::errc() && end == logo.data() + logo.size() && id > 0
                       ? pages->store->FindMedia(id)
                       : Result<std::optional<store::Media>>(std::nullopt);
      if (!found.ok()) return pages->message(503, &session, "تعذّرت قراءة مكتبة الصور.");
      if (!found->has_value()) errors["logo_media"] = "هذه الصورة غير موجودة في المكتبة.";
    }
    if (!errors.empty()) {
      View v = SettingsView(*pages, values);
      for (const auto& [key, message] : errors) v.Set(key + "_error", message);
      v.Set("error", "لم تُحفظ الإعدادات؛ صحّح الحقول المشار إليها.");
      return pages->page(422, &session, "إعدادات الموقع", "settings", std::move(v));
    }
    std::map<std::string, std::string> changed;
    for (const auto& [key, value] : values) {
      auto it = current->find(key);
      if ((it == current->end() ? std::string() : it->second) != value) changed[key] = value;
    }
    if (!changed.empty()) {
      if (!pages->store->PutSettings(changed).ok())
        return pages->message(503, &session, "تعذّر حفظ الإعدادات؛ لم يتغير شيء.");
      std::string detail;
      for (const auto& [key, value] : changed) detail += (detail.empty() ? "" : "، ") + key + " = «" + value + "»";
      (void)pages->store->Audit(session.user.id, "settings.change", detail, pages->clock->Now());
    }
    return Response::Redirect(303, "/admin/settings?saved=1");
  });
}

// ---- users ---------------------------------------------------------------------------------

Response UsersPage(const AdminPages& p, const store::LoginSession& s, int status, View v,
                   int64_t error_id = 0, const std::string& row_error = "") {
  auto users = p.store->ListUsers();
  if (!users.ok()) return p.message(503, &s, "تعذّرت قراءة الحسابات.");
  std::vector<View> rows;
  for (const auto& u : *users) {
    View row;
    std::string base = "/admin/users/" + std::to_string(u.id);
    row.Set("name", u.name).Set("role", RoleLabel(u.role)).Set("role_name", store::RoleName(u.role))
        .Set("role_url", base + "/role").Set("disable_url", base + "/disable")
        .Set("enable_url", base + "/enable");
    row.SetList("roles", RoleOptions(u.role));
    row.SetBool("disabled", u.disabled);
    row.SetBool("is_self", u.id == s.user.id);
    if (error_id == u.id) row.Set("row_error", row_error);
    rows.push_back(std::move(row));
  }
  v.SetList("users", std::move(rows));
  return p.page(status, &s, "الحسابات", "users", std::move(v));
}

void AddUserRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  r.Add("GET", "/admin/users", [pages](const Request& q, const P&) {
    auto checked = pages->CheckGet(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    View v;
    v.SetList("new_roles", RoleOptions(store::Role::kAuthor));
    if (q.QueryParam("saved")) v.Set("notice", "حُفظ التغيير.");
    return UsersPage(*pages, std::get<store::LoginSession>(checked), 200, std::move(v));
  });

  r.Add("POST", "/admin/users", [pages](const Request& q, const P&) {
    auto checked = pages->CheckPost(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    std::string name = form.Get("name");
    auto role = store::ParseRole(form.Get("role"));
    View v;
    v.Set("new_name", name);
    v.SetList("new_roles", RoleOptions(role.value_or(store::Role::kAuthor)));
    bool bad = false;
    if (!role) {
      v.Set("new_role_error", "اختر دوراً من القائمة.");
      bad = true;
    }
    bool spaces = false;
    for (unsigned char c : name) spaces |= c <= 0x20 || c == 0x7f;
    if (name.empty()) v.Set("new_name_error", "اسم الدخول مطلوب.");
    else if (name.size() > 100) v.Set("new_name_error", "اسم الدخول أطول من المسموح (100 بايت).");
    else if (spaces) v.Set("new_name_error", "اسم الدخول بلا مسافات؛ استخدم - أو _ بين الكلمات.");
    bad |= name.empty() || name.size() > 100 || spaces;
    if (!bad) {
      std::string password = RandomToken().substr(0, 20);
      auto hash = HashPassword(password);
      if (!hash.ok()) return pages->message(503, &session, "تعذّر إنشاء الحساب؛ لم يتغير شيء.");
      auto added = pages->store->AddUser(name, *role, *hash);
      if (added.ok()) {
        (void)pages->store->Audit(session.user.id, "user.add",
                                  name + " (" + store::RoleName(*role) + ")", pages->clock->Now());
        View shown;
        shown.SetList("new_roles", RoleOptions(store::Role::kAuthor));
        shown.Set("created_name", name).Set("created_password", password);
        return UsersPage(*pages, session, 201, std::move(shown));
      }
      if (added.status().code() == StatusCode::kConflict) v.Set("new_name_error", "هذا الاسم مستخدم لحساب آخر.");
      else if (added.status().code() == StatusCode::kInvalidInput) v.Set("new_name_error", "اسم الدخول غير صالح.");
      else return pages->message(503, &session, "تعذّر إنشاء الحساب؛ لم يتغير شيء.");
    }
    v.Set("error", "لم يُنشأ الحساب؛ صحّح الحقول المشار إليها.");
    return UsersPage(*pages, session, 422, std::move(v));
  });

  // Role changes and disabling: never on one's own account, so that the last administrator
  // cannot lock everyone out by a slip.
  auto change = [pages](const Request& q, const P& params, const std::string& what) -> Response {
    auto checked = pages->CheckPost(q, true);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto id = ParseId(params.Get("id"));
    auto user = id ? pages->store->FindUser(*id) : Result<std::optional<store::User>>(std::nullopt);
    if (!user.ok()) return pages->message(503, &session, "تعذّرت قراءة الحساب.");
    if (!user->has_value()) return pages->message(404, &session, "لا يوجد حساب بهذا الرقم.");
    const store::User& target = **user;
    View v;
    v.SetList("new_roles", RoleOptions(store::Role::kAuthor));
    if (target.id == session.user.id) {
      v.Set("error", "لم يُحفظ التغيير.");
      return UsersPage(*pages, session, 422, std::move(v), target.id,
                       "لا يمكنك تغيير دور حسابك أو تعطيله بنفسك؛ يفعل ذلك مدير آخر.");
    }
    UnixSeconds now = pages->clock->Now();
    Status done;
    std::string action, detail = target.name;
    if (what == "role") {
      auto role = store::ParseRole(form.Get("role"));
      if (!role) {
        v.Set("error", "لم يُحفظ التغيير.");
        return UsersPage(*pages, session, 422, std::move(v), target.id, "اختر دوراً من القائمة.");
      }
      done = pages->store->SetUserRole(target.id, *role);
      action = "user.role";
      detail += ": " + std::string(store::RoleName(target.role)) + " → " + store::RoleName(*role);
    } else {
      bool disable = what == "disable";
      // Disabling also ends the account's sessions (NewsroomStore::SetUserDisabled).
      done = pages->store->SetUserDisabled(target.id, disable);
      action = disable ? "user.disable" : "user.enable";
    }
    if (!done.ok()) return pages->message(503, &session, "تعذّر حفظ التغيير؛ لم يتغير شيء.");
    (void)pages->store->Audit(session.user.id, action, detail, now);
    return Response::Redirect(303, "/admin/users?saved=1");
  };
  for (const char* what : {"role", "disable", "enable"}) {
    std::string w = what;
    r.Add("POST", "/admin/users/{id}/" + w,
          [change, w](const Request& q, const P& params) { return change(q, params, w); });
  }
}

}  // namespace

std::variant<store::LoginSession, Response> AdminPages::CheckGet(const Request& request,
                                                                 bool admin_only) const {
  auto session = session_of(request);
  if (!session) return Response::Redirect(303, "/admin/login");
  if (admin_only && !CanManageSite(session->user)) return message(403, &*session, kAdminsOnly);
  return std::move(*session);
}

std::variant<AdminPages::Post, Response> AdminPages::CheckPost(const Request& request,
                                                               bool admin_only) const {
  auto session = session_of(request);
  if (!session) return Response::Redirect(303, "/admin/login");
  auto form = http::Form::Parse(request.body);
  if (!form.ok()) return message(400, &*session, "تعذّرت قراءة النموذج: " + form.status().message());
  if (!ConstantTimeEquals(form->Get("csrf"), session->csrf_token)) return message(403, &*session, kBadCsrf);
  if (admin_only && !CanManageSite(session->user)) return message(403, &*session, kAdminsOnly);
  return Post{std::move(*session), std::move(*form)};
}

void AddSiteRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  AddSectionRoutes(r, pages);
  AddTagRoutes(r, pages);
  AddSettingsRoutes(r, pages);
  AddUserRoutes(r, pages);
}

void Newsroom::AddSiteAdminRoutes(http::Router& r) {
  auto pages = std::make_shared<AdminPages>();
  pages->store = store_;
  pages->clock = clock_;
  pages->session_of = [this](const Request& q) { return SessionOf(q); };
  pages->page = [this](int status, const store::LoginSession* s, const std::string& title,
                       const std::string& name, View v) { return Page(status, s, title, name, std::move(v)); };
  pages->message = [this](int status, const store::LoginSession* s, const std::string& text) {
    return Message(status, s, text);
  };
  AddTokenRoutes(r, pages);
  AddSiteRoutes(r, pages);
  AddCommentModerationRoutes(r, pages);  // comments_admin.cc
  AddFeedRoutes(r, pages);  // feeds_admin.cc
}

}  // namespace wakala::newsroom
