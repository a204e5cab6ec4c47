// The moderation of readers' comments (issue 4), for editors and administrators: the queue by
// status (held first), approve / reject / spam / delete, editing a comment's text, bans by
// e-mail or address, and closing (or reopening) the comments of one article. Every form
// carries the session's CSRF token; every action is written to the audit log. The public
// page of an article changes at once: the store notes its "comments:ID" scope.
#include <charconv>

#include "base/utf8.h"
#include "newsroom/admin_pages.h"
#include "newsroom/permissions.h"
#include "newsroom/site_zone.h"
#include "render/arabic_date.h"
#include "render/comment_text.h"

namespace wakala::newsroom {
namespace {

using http::Request;
using http::Response;
using render::View;
using store::Comment;
using store::CommentStatus;
using P = http::RouteParams;

constexpr const char* kModeratorsOnly = "مراجعة التعليقات للمحررين والمديرين فقط.";
constexpr int kPageSize = 50;

std::optional<int64_t> ParseId(const std::string& text) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

const char* StatusLabel(CommentStatus s) {
  switch (s) {
    case CommentStatus::kHeld: return "بانتظار المراجعة";
    case CommentStatus::kApproved: return "منشور";
    case CommentStatus::kRejected: return "مرفوض";
    case CommentStatus::kSpam: return "مزعج";
  }
  return "";
}

constexpr CommentStatus kStatuses[] = {CommentStatus::kHeld, CommentStatus::kApproved,
                                       CommentStatus::kRejected, CommentStatus::kSpam};

// The checks every page here shares: logged in, and allowed to moderate.
std::variant<store::LoginSession, Response> Moderator(const AdminPages& p, const Request& q) {
  auto checked = p.CheckGet(q, false);
  if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
  auto& session = std::get<store::LoginSession>(checked);
  if (!CanModerateComments(session.user)) return p.message(403, &session, kModeratorsOnly);
  return std::move(session);
}

std::variant<AdminPages::Post, Response> ModeratorPost(const AdminPages& p, const Request& q) {
  auto checked = p.CheckPost(q, false);
  if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
  auto& post = std::get<AdminPages::Post>(checked);
  if (!CanModerateComments(post.session.user)) return p.message(403, &post.session, kModeratorsOnly);
  return std::move(post);
}

// The comment a moderation URL (/admin/comments/{id}/...) names, or the page to answer with.
std::variant<Comment, Response> CommentOf(const AdminPages& p, const store::LoginSession& session,
                                          const P& params) {
  auto id = ParseId(params.Get("id"));
  auto comment = id ? p.store->FindComment(*id) : Result<std::optional<Comment>>(std::nullopt);
  if (!comment.ok()) return p.message(503, &session, "تعذّرت قراءة التعليق.");
  if (!comment->has_value()) return p.message(404, &session, "لا يوجد تعليق بهذا الرقم.");
  return std::move(**comment);
}

std::string Excerpt(const std::string& text) {
  std::string out;
  int chars = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++chars > 60) return out + "…";
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

Response QueuePage(const AdminPages& p, const store::LoginSession& s, const Request& q) {
  std::string status_text = q.QueryParam("status").value_or("held");
  auto article_id = ParseId(q.QueryParam("article").value_or(""));
  // «إدارة تعليقات مقال»: an article named by its slug or its public URL.
  if (std::string named = q.QueryParam("find").value_or(""); !named.empty()) {
    if (size_t at = named.find("/article/"); at != std::string::npos) named = named.substr(at + 9);
    named = named.substr(0, named.find_first_of("?#"));
    if (auto decoded = PercentDecode(named)) named = *decoded;
    while (!named.empty() && named.back() == '/') named.pop_back();
    auto found = p.store->FindArticle(named);
    if (!found.ok()) return p.message(503, &s, "تعذّرت قراءة المقال.");
    if (found->moved_to) found = p.store->FindArticle(*found->moved_to);
    if (!found.ok() || !found->article) return p.message(404, &s, "لا يوجد مقال بهذا المعرّف أو الرابط.");
    article_id = found->article->id;
  }
  int page = static_cast<int>(ParseId(q.QueryParam("page").value_or("1")).value_or(1));
  store::CommentQuery query;
  query.newest_first = true;
  query.limit = kPageSize + 1;
  query.offset = (page - 1) * kPageSize;
  query.article_id = article_id;
  if (status_text != "all") query.status = store::ParseCommentStatus(status_text).value_or(CommentStatus::kHeld);
  auto comments = p.store->ListComments(query);
  if (!comments.ok()) return p.message(503, &s, "تعذّرت قراءة التعليقات.");
  auto counts = p.store->CountComments(article_id);
  if (!counts.ok()) return p.message(503, &s, "تعذّرت قراءة التعليقات.");
  render::DateStyle style = SiteDateStyle(*p.store);
  std::vector<View> rows;
  for (size_t i = 0; i < comments->size() && i < static_cast<size_t>(kPageSize); ++i) {
    const Comment& c = (*comments)[i];
    View row;
    std::string base = "/admin/comments/" + std::to_string(c.id);
    row.SetNumber("id", c.id);
    row.Set("author", c.author_name).Set("email", c.email).Set("ip", c.ip)
        .Set("date", render::FormatArabicDateTime(c.created_at, style))
        .Set("status", StatusLabel(c.status)).Set("status_name", store::CommentStatusName(c.status))
        .Set("article_title", c.article_title)
        .Set("article_url", PercentEncodePath("/article/" + c.article_slug))
        .Set("article_comments_url", "/admin/comments?status=all&article=" + std::to_string(c.article_id))
        .Set("moderate_url", base + "/moderate").Set("edit_url", base + "/edit")
        .SetHtml("text_html", render::CommentTextToHtml(c.body));
    row.SetBool("is_reply", c.parent_id != 0);
    row.SetBool("can_approve", c.status != CommentStatus::kApproved);
    row.SetBool("can_reject", c.status != CommentStatus::kRejected);
    row.SetBool("can_spam", c.status != CommentStatus::kSpam);
    row.SetBool("has_email", !c.email.empty());
    rows.push_back(std::move(row));
  }
  std::vector<View> filters;
  auto count_of = [&](CommentStatus st) {
    switch (st) {
      case CommentStatus::kHeld: return counts->held;
      case CommentStatus::kApproved: return counts->approved;
      case CommentStatus::kRejected: return counts->rejected;
      case CommentStatus::kSpam: return counts->spam;
    }
    return int64_t{0};
  };
  std::string article_param = article_id ? "&article=" + std::to_string(*article_id) : "";
  for (CommentStatus st : kStatuses) {
    View f;
    f.Set("url", std::string("/admin/comments?status=") + store::CommentStatusName(st) + article_param)
        .Set("label", StatusLabel(st)).Set("name", store::CommentStatusName(st));
    f.SetNumber("count", count_of(st));
    f.SetBool("current", query.status == st);
    filters.push_back(std::move(f));
  }
  View v;
  v.SetList("comments", std::move(rows)).SetList("filters", std::move(filters));
  v.SetBool("empty", comments->empty());
  v.Set("all_url", "/admin/comments?status=all" + article_param);
  v.SetBool("all_current", status_text == "all");
  std::string here = "/admin/comments?status=" + status_text + article_param;
  v.Set("back", here + (page > 1 ? "&page=" + std::to_string(page) : ""));
  v.SetBool("has_next", comments->size() > static_cast<size_t>(kPageSize));
  v.Set("next_url", here + "&page=" + std::to_string(page + 1));
  v.SetBool("has_prev", page > 1);
  v.Set("prev_url", here + "&page=" + std::to_string(page - 1));
  if (article_id) {
    auto article = p.store->FindArticleById(*article_id);
    auto closed = p.store->CommentsClosed(*article_id);
    if (!article.ok() || !closed.ok()) return p.message(503, &s, "تعذّرت قراءة المقال.");
    if (!article->has_value()) return p.message(404, &s, "لا يوجد مقال بهذا الرقم.");
    View a;
    a.Set("title", (*article)->title)
        .Set("url", PercentEncodePath("/article/" + (*article)->slug))
        .Set("close_url", "/admin/comments/articles/" + std::to_string(*article_id) + "/closed");
    a.SetBool("closed", *closed);
    v.SetObject("article", std::move(a));
    v.SetBool("has_article", true);
  }
  if (auto notice = q.QueryParam("done")) {
    static const std::map<std::string, std::string> kNotices = {
        {"approve", "نُشر التعليق."}, {"reject", "رُفض التعليق."}, {"spam", "عُلّم التعليق مزعجاً."},
        {"delete", "حُذف التعليق."}, {"ban_email", "حُظر البريد الإلكتروني، وعُلّم التعليق مزعجاً."},
        {"ban_ip", "حُظر العنوان، وعُلّم التعليق مزعجاً."}, {"edit", "حُفظ نص التعليق."},
        {"closed", "أُغلقت التعليقات على المقال."}, {"opened", "فُتحت التعليقات على المقال."}};
    if (auto it = kNotices.find(*notice); it != kNotices.end()) v.Set("notice", it->second);
  }
  return p.page(200, &s, "التعليقات", "comments", std::move(v));
}

// A local URL to return to after an action (the queue as it was), or the queue.
std::string BackTo(const std::string& back) {
  return back.rfind("/admin/comments", 0) == 0 && back.find_first_of("\r\n") == std::string::npos
             ? back
             : "/admin/comments";
}

std::string WithDone(const std::string& url, const std::string& done) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "done=" + done;
}

}  // namespace

void AddCommentModerationRoutes(http::Router& r, std::shared_ptr<const AdminPages> pages) {
  r.Add("GET", "/admin/comments", [pages](const Request& q, const P&) {
    auto checked = Moderator(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    return QueuePage(*pages, std::get<store::LoginSession>(checked), q);
  });

  r.Add("POST", "/admin/comments/{id}/moderate", [pages](const Request& q, const P& params) {
    auto checked = ModeratorPost(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto found = CommentOf(*pages, session, params);
    if (auto* answer = std::get_if<Response>(&found)) return std::move(*answer);
    const Comment& c = std::get<Comment>(found);
    std::string action = form.Get("action");
    UnixSeconds now = pages->clock->Now();
    Status done = Status::Ok();
    std::string detail = "#" + std::to_string(c.id) + " «" + c.author_name + "» on «" + c.article_title +
                         "»: «" + Excerpt(c.body) + "»";
    if (action == "approve") done = pages->store->SetCommentStatus(c.id, CommentStatus::kApproved);
    else if (action == "reject") done = pages->store->SetCommentStatus(c.id, CommentStatus::kRejected);
    else if (action == "spam") done = pages->store->SetCommentStatus(c.id, CommentStatus::kSpam);
    else if (action == "delete") done = pages->store->DeleteComment(c.id);
    else if (action == "ban_email" || action == "ban_ip") {
      std::string kind = action == "ban_email" ? "email" : "ip";
      std::string value = kind == "email" ? c.email : c.ip;
      if (value.empty()) return pages->message(422, &session, "لا بريد إلكتروني لهذا التعليق لحظره.");
      done = pages->store->AddCommentBan(kind, value, now);
      if (done.ok()) done = pages->store->SetCommentStatus(c.id, CommentStatus::kSpam);
      detail += " " + kind + " " + value;
    } else {
      return pages->message(400, &session, "إجراء غير معروف.");
    }
    if (!done.ok()) return pages->message(503, &session, "تعذّر تنفيذ الإجراء؛ لم يتغير شيء.");
    (void)pages->store->Audit(session.user.id, "comment." + action, detail, now);
    return Response::Redirect(303, WithDone(BackTo(form.Get("back")), action));
  });

  r.Add("GET", "/admin/comments/{id}/edit", [pages](const Request& q, const P& params) {
    auto checked = Moderator(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& session = std::get<store::LoginSession>(checked);
    auto found = CommentOf(*pages, session, params);
    if (auto* answer = std::get_if<Response>(&found)) return std::move(*answer);
    const Comment& comment = std::get<Comment>(found);
    View v;
    v.SetNumber("id", comment.id);
    v.Set("author", comment.author_name).Set("body", comment.body)
        .Set("article_title", comment.article_title)
        .Set("action_url", "/admin/comments/" + std::to_string(comment.id) + "/edit");
    return pages->page(200, &session, "تعديل تعليق", "comment_edit", std::move(v));
  });

  r.Add("POST", "/admin/comments/{id}/edit", [pages](const Request& q, const P& params) {
    auto checked = ModeratorPost(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto found = CommentOf(*pages, session, params);
    if (auto* answer = std::get_if<Response>(&found)) return std::move(*answer);
    const Comment& comment = std::get<Comment>(found);
    std::string body = form.Get("body");
    // The editor's text goes through the same rules as a reader's: plain text, no controls.
    std::string clean;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\r') continue;
      clean += body[i];
    }
    while (!clean.empty() && (clean.back() == '\n' || clean.back() == ' ')) clean.pop_back();
    bool bad = clean.empty();
    for (char c : clean)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f) bad = true;
    if (bad) {
      View v;
      v.SetNumber("id", comment.id);
      v.Set("author", comment.author_name).Set("body", body)
          .Set("article_title", comment.article_title)
          .Set("action_url", "/admin/comments/" + std::to_string(comment.id) + "/edit")
          .Set("error", "النص فارغ أو فيه محارف تحكم؛ لم يُحفظ.");
      return pages->page(422, &session, "تعديل تعليق", "comment_edit", std::move(v));
    }
    Status st = pages->store->EditComment(comment.id, clean);
    if (!st.ok()) return pages->message(503, &session, "تعذّر حفظ التعليق؛ لم يتغير شيء.");
    (void)pages->store->Audit(session.user.id, "comment.edit", "#" + std::to_string(comment.id),
                              pages->clock->Now());
    return Response::Redirect(303, WithDone("/admin/comments?status=" +
                                                std::string(store::CommentStatusName(comment.status)),
                                            "edit"));
  });

  r.Add("POST", "/admin/comments/articles/{id}/closed", [pages](const Request& q, const P& params) {
    auto checked = ModeratorPost(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& [session, form] = std::get<AdminPages::Post>(checked);
    auto id = ParseId(params.Get("id"));
    if (!id) return pages->message(404, &session, "لا يوجد مقال بهذا الرقم.");
    bool closed = form.Get("closed") == "1";
    Status st = pages->store->SetCommentsClosed(*id, closed);
    if (st.code() == StatusCode::kNotFound) return pages->message(404, &session, "لا يوجد مقال بهذا الرقم.");
    if (!st.ok()) return pages->message(503, &session, "تعذّر الحفظ؛ لم يتغير شيء.");
    (void)pages->store->Audit(session.user.id, closed ? "comments.close" : "comments.open",
                              "article #" + std::to_string(*id), pages->clock->Now());
    return Response::Redirect(303, WithDone("/admin/comments?status=all&article=" + std::to_string(*id),
                                            closed ? "closed" : "opened"));
  });

  r.Add("GET", "/admin/comments/bans", [pages](const Request& q, const P&) {
    auto checked = Moderator(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& session = std::get<store::LoginSession>(checked);
    auto bans = pages->store->ListCommentBans();
    if (!bans.ok()) return pages->message(503, &session, "تعذّرت قراءة قائمة الحظر.");
    render::DateStyle style = SiteDateStyle(*pages->store);
    std::vector<View> rows;
    for (const auto& b : *bans) {
      View row;
      row.Set("kind", b.kind == "email" ? "بريد إلكتروني" : "عنوان IP").Set("value", b.value)
          .Set("date", render::FormatArabicDateTime(b.created_at, style))
          .Set("remove_url", "/admin/comments/bans/" + std::to_string(b.id) + "/remove");
      rows.push_back(std::move(row));
    }
    View v;
    v.SetList("bans", std::move(rows));
    v.SetBool("empty", bans->empty());
    if (q.QueryParam("removed")) v.Set("notice", "رُفع الحظر.");
    return pages->page(200, &session, "الحظر", "comment_bans", std::move(v));
  });

  r.Add("POST", "/admin/comments/bans/{id}/remove", [pages](const Request& q, const P& params) {
    auto checked = ModeratorPost(*pages, q);
    if (auto* answer = std::get_if<Response>(&checked)) return std::move(*answer);
    auto& session = std::get<AdminPages::Post>(checked).session;
    auto id = ParseId(params.Get("id"));
    Status st = id ? pages->store->RemoveCommentBan(*id) : Status::NotFound("no ban");
    if (st.code() == StatusCode::kNotFound) return pages->message(404, &session, "لا يوجد حظر بهذا الرقم.");
    if (!st.ok()) return pages->message(503, &session, "تعذّر رفع الحظر.");
    (void)pages->store->Audit(session.user.id, "comment.unban", "#" + params.Get("id"), pages->clock->Now());
    return Response::Redirect(303, "/admin/comments/bans?removed=1");
  });
}

}  // namespace wakala::newsroom
