// Readers' comments on the public site (site/comments.h; doc/comments.md).
//
// The article page everyone gets is cached; its form carries a signed timestamp made when the
// page was rendered. A POST is checked in this order, and a refusal stores nothing: the form
// (honeypot, signature, fill time), closing, the fields, rate limits, duplicates; then bans
// (stored as spam, answered like a held comment) and the moderation policy decide the status.
// The comment is committed before the 303 that tells the reader it was received.
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <mutex>

#include "base/utf8.h"
#include "http/form.h"
#include "render/arabic_date.h"
#include "render/comment_text.h"
#include "render/xml_writer.h"
#include "site/site.h"
#include "site/syndication.h"

namespace wakala::site {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using render::View;
using store::Comment;
using store::CommentStatus;

constexpr const char* kHeldNotice = "تعليقك بانتظار المراجعة";
constexpr const char* kPublishedNotice = "نُشر تعليقك. شكراً لمشاركتك.";
constexpr int kMaxNameChars = 100;
constexpr int kMaxEmailChars = 200;
constexpr int kFeedComments = 50;

bool SodiumReady() {
  static std::once_flag once;
  static bool ready = false;
  std::call_once(once, [] { ready = sodium_init() >= 0; });
  return ready;
}

std::optional<int64_t> ParseId(std::string_view text) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

std::string ArticleHref(const std::string& slug) { return PercentEncodePath("/article/" + slug); }

// The number of code points of valid UTF-8 text.
int CodePoints(std::string_view text) {
  int n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool ContainsNoCase(std::string_view text, std::string_view word) {
  if (word.empty() || word.size() > text.size()) return false;
  auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    size_t j = 0;
    while (j < word.size() && lower(text[i + j]) == lower(word[j])) ++j;
    if (j == word.size()) return true;
  }
  return false;
}

std::string Trim(std::string_view s) {
  const char* ws = " \t\n\r";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

// ---- pure pieces (comments.h) --------------------------------------------------------------

Result<std::string> CleanCommentField(std::string_view text, int max_chars, bool multiline,
                                      bool required) {
  if (!IsValidUtf8(text)) return Status::InvalidInput("النص ليس بترميز UTF-8 صالح.");
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' || c == '\n') {
      if (!multiline) return Status::InvalidInput("لا يقبل هذا الحقل أسطراً متعددة.");
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += '\n';
      continue;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7f)
      return Status::InvalidInput("يحتوي النص على محارف تحكم غير مسموح بها.");
    // C1 controls (U+0080–U+009F) and the bidi overrides and isolates (U+202A–U+202E,
    // U+2066–U+2069), which can make a comment read as something else; dir="auto" and the
    // Unicode algorithm order mixed Arabic and Latin text without them.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0)
      return Status::InvalidInput("يحتوي النص على محارف تحكم غير مسموح بها.");
    if (c == 0xE2 && i + 2 < text.size()) {
      unsigned char c1 = static_cast<unsigned char>(text[i + 1]), c2 = static_cast<unsigned char>(text[i + 2]);
      if ((c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) || (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9))
        return Status::InvalidInput("يحتوي النص على محارف اتجاه مخفية غير مسموح بها.");
    }
    out += static_cast<char>(c);
  }
  out = Trim(out);
  if (required && out.empty()) return Status::InvalidInput("هذا الحقل مطلوب.");
  if (CodePoints(out) > max_chars)
    return Status::InvalidInput("النص أطول من المسموح (" + std::to_string(max_chars) + " حرف).");
  return out;
}

bool MatchesBlocklist(std::string_view text, std::string_view blocklist) {
  size_t pos = 0;
  while (pos <= blocklist.size()) {
    size_t end = blocklist.find_first_of(",\n", pos);
    if (end == std::string_view::npos) end = blocklist.size();
    std::string word = Trim(blocklist.substr(pos, end - pos));
    if (!word.empty() && ContainsNoCase(text, word)) return true;
    pos = end + 1;
  }
  return false;
}

std::string SignCommentToken(std::string_view key, int64_t article_id, UnixSeconds issued) {
  std::string message = std::to_string(article_id) + "." + std::to_string(issued);
  unsigned char mac[crypto_auth_BYTES];
  if (!SodiumReady() || key.size() != crypto_auth_KEYBYTES) return "";
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              reinterpret_cast<const unsigned char*>(key.data()));
  char hex[crypto_auth_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return message + "." + hex;
}

std::optional<UnixSeconds> VerifyCommentToken(std::string_view key, int64_t article_id,
                                              std::string_view token) {
  if (!SodiumReady() || key.size() != crypto_auth_KEYBYTES || token.size() > 200) return std::nullopt;
  size_t first = token.find('.');
  size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::string_view message = token.substr(0, second);
  std::string_view hex = token.substr(second + 1);
  auto id = ParseId(token.substr(0, first));
  auto issued = ParseId(token.substr(first + 1, second - first - 1));
  if (!id || !issued || *id != article_id || hex.size() != crypto_auth_BYTES * 2) return std::nullopt;
  unsigned char mac[crypto_auth_BYTES];
  if (sodium_hex2bin(mac, sizeof mac, hex.data(), hex.size(), nullptr, nullptr, nullptr) != 0)
    return std::nullopt;
  if (crypto_auth_verify(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         reinterpret_cast<const unsigned char*>(key.data())) != 0)
    return std::nullopt;
  return *issued;
}

std::string NewCommentKeyHex() {
  unsigned char key[crypto_auth_KEYBYTES];
  if (!SodiumReady()) return "";
  crypto_auth_keygen(key);
  char hex[crypto_auth_KEYBYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, key, sizeof key);
  return hex;
}

std::optional<std::string> KeyFromHex(std::string_view hex) {
  std::string key(crypto_auth_KEYBYTES, '\0');
  size_t len = 0;
  if (hex.size() != crypto_auth_KEYBYTES * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(), hex.size(),
                     nullptr, &len, nullptr) != 0 ||
      len != key.size())
    return std::nullopt;
  return key;
}

// ---- the site ------------------------------------------------------------------------------

Result<std::string> Site::CommentKey() const {
  std::lock_guard lock(comment_key_mu_);
  if (!comment_key_.empty()) return comment_key_;
  std::string candidate = NewCommentKeyHex();
  if (candidate.empty()) return Status::Internal("libsodium could not be initialised");
  auto stored = store_->EnsureCommentSecret(candidate);
  if (!stored.ok()) return stored.status();
  auto key = KeyFromHex(*stored);
  if (!key) return Status::Corruption("the stored comment secret is not a key");
  comment_key_ = std::move(*key);
  return comment_key_;
}

void Site::AddCommentRoutes(http::Router& r) {
  using P = http::RouteParams;
  r.Add("POST", "/article/{slug}/comments", [this](const Request& q, const P& p) { return PostComment(q, p.Get("slug")); });
  r.Add("GET", "/article/{slug}/comments/feed.xml", [this](const Request&, const P& p) { return CommentFeed("rss", p.Get("slug")); });
  r.Add("GET", "/article/{slug}/comments/atom.xml", [this](const Request&, const P& p) { return CommentFeed("atom", p.Get("slug")); });
  r.Add("GET", "/api/articles/{slug}/comments", [this](const Request&, const P& p) { return CommentFeed("json", p.Get("slug")); });
}

std::optional<CommentForm> Site::CommentFormFor(const Request& request) const {
  if (request.query.empty()) return std::nullopt;
  std::optional<CommentForm> form;
  std::string state = request.QueryParam("comment").value_or("");
  if (state == "held") form.emplace().notice = kHeldNotice;
  else if (state == "published") form.emplace().notice = kPublishedNotice;
  if (auto reply = ParseId(request.QueryParam("reply").value_or(""))) {
    if (!form) form.emplace();
    form->reply_to = *reply;
  }
  return form;
}

namespace {

// Comments are open unless a moderator closed them or the article is older than the site's
// limit.
bool CommentsOpen(bool closed_by_editor, const store::Article& a, const SiteSettings& s, UnixSeconds now) {
  if (closed_by_editor) return false;
  return s.comments_close_after_days <= 0 || now < a.published_at + int64_t{s.comments_close_after_days} * 86400;
}

View CommentView(const Comment& c, const render::DateStyle& style) {
  View v;
  v.SetNumber("id", c.id);
  v.Set("author", c.author_name)
      .Set("date", render::FormatArabicDateTime(c.created_at, style))
      .Set("date_iso", Iso8601Utc(c.created_at))
      .SetHtml("text_html", render::CommentTextToHtml(c.body));
  return v;
}

}  // namespace

Status Site::AddCommentsView(View& v, const store::Article& a, const CommentForm* form) const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  store::CommentQuery q;
  q.article_id = a.id;
  q.status = CommentStatus::kApproved;
  q.limit = 1000;
  auto comments = store_->ListComments(q);
  if (!comments.ok()) return comments.status();
  auto closed = store_->CommentsClosed(a.id);
  if (!closed.ok()) return closed.status();
  bool open = CommentsOpen(*closed, a, *s, now);

  // Top-level comments in order, each with its replies in order.
  std::vector<View> top;
  std::map<int64_t, size_t> index;
  std::map<int64_t, std::vector<View>> replies;
  std::string reply_name;
  for (const Comment& c : *comments) {
    if (c.parent_id == 0) {
      index[c.id] = top.size();
      View cv = CommentView(c, s->date_style);
      cv.Set("reply_url", ArticleHref(a.slug) + "?reply=" + std::to_string(c.id) + "#comment-form");
      top.push_back(std::move(cv));
      if (form && form->reply_to == c.id) reply_name = c.author_name;
    } else {
      replies[c.parent_id].push_back(CommentView(c, s->date_style));
    }
  }
  for (auto& [parent, list] : replies) {
    auto it = index.find(parent);
    if (it == index.end()) continue;  // its comment is not approved (any more)
    top[it->second].SetBool("has_replies", true);
    top[it->second].SetList("replies", std::move(list));
  }
  v.Set("comments_count", render::LocalizeDigits(std::to_string(comments->size()), s->date_style.digits));
  v.SetBool("has_comments", !top.empty());
  v.SetList("comments", std::move(top));
  v.SetBool("comments_open", open);
  v.Set("comments_disclaimer", s->comments_disclaimer);
  std::string base = "/article/" + a.slug;
  v.Set("comment_action", PercentEncodePath(base + "/comments"));
  v.Set("comments_rss_url", PercentEncodePath(base + "/comments/feed.xml"));
  v.Set("comments_atom_url", PercentEncodePath(base + "/comments/atom.xml"));
  v.Set("comments_json_url", PercentEncodePath("/api/articles/" + a.slug + "/comments"));
  if (open) {
    auto key = CommentKey();
    if (!key.ok()) return key.status();
    v.Set("comment_token", SignCommentToken(*key, a.id, now));
    // Told before typing, not only in the refusal. No maxlength: a browser counts UTF-16
    // units, the server characters, and an emoji is two of the first.
    v.Set("comment_max_chars",
          render::LocalizeDigits(std::to_string(s->comments_max_chars), s->date_style.digits));
  }
  if (form) {
    v.Set("comment_notice", form->notice).Set("comment_error", form->error);
    v.Set("comment_name", form->name).Set("comment_email", form->email).Set("comment_body", form->body);
    for (const auto& [field, message] : form->field_errors) v.Set("comment_" + field + "_error", message);
    if (!reply_name.empty()) {
      v.SetNumber("comment_parent", form->reply_to);
      v.Set("comment_reply_name", reply_name);
      v.Set("comment_cancel_reply_url", ArticleHref(a.slug) + "#comment-form");
    }
  }
  return Status::Ok();
}

Response Site::PostComment(const Request& request, const std::string& slug) const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  auto found = store_->FindArticle(slug);
  if (!found.ok()) return ServerError(found.status());
  std::string current_slug = found->moved_to ? *found->moved_to : slug;
  if (found->moved_to) {
    found = store_->FindArticle(current_slug);
    if (!found.ok()) return ServerError(found.status());
  }
  if (auto refused = NotPublic(found->article, now)) return std::move(*refused);
  const store::Article& a = *found->article;

  // A refusal: the article page again, uncached, with the message and what the reader typed.
  CommentForm form;
  auto refuse = [&](int status, std::string message) {
    form.status = status;
    form.error = std::move(message);
    Response r = ArticlePage(current_slug, &form);
    if (status == 429) r.headers.emplace_back("Retry-After", std::to_string(s->comments_rate_window));
    return r;
  };
  auto parsed = http::Form::Parse(request.body);
  if (!parsed.ok()) return refuse(400, "تعذّرت قراءة التعليق: يحتوي على نص غير صالح. لم يُحفظ شيء.");
  const http::Form& f = *parsed;
  // What the reader typed comes back only when it is printable text; a field that is not
  // is named in the message instead.
  // (cut at a character boundary when it is far too long to show again).
  auto keep = [](const std::string& text, size_t max_bytes) {
    if (!IsValidUtf8(text)) return std::string();
    size_t n = std::min(text.size(), max_bytes);
    while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return text.substr(0, n);
  };
  form.name = keep(f.Get("name"), 4 * kMaxNameChars);
  form.email = keep(f.Get("email"), 4 * kMaxEmailChars);
  form.body = keep(f.Get("body"), 4 * static_cast<size_t>(s->comments_max_chars) + 4);
  form.reply_to = ParseId(f.Get("parent")).value_or(0);

  if (!f.Get("website").empty())  // the honeypot: people never see this field
    return refuse(422, "لم يُقبل التعليق. إن كنت قد ملأت حقلاً مخفياً دون قصد فأفرغه وأعد الإرسال.");
  auto key = CommentKey();
  if (!key.ok()) return ServerError(key.status());
  auto issued = VerifyCommentToken(*key, a.id, f.Get("token"));
  if (!issued || now - *issued > int64_t{s->comments_form_hours} * 3600 || *issued > now + 60)
    return refuse(422, "انتهت صلاحية نموذج التعليق. راجع تعليقك ثم أرسله مرة أخرى.");
  if (now - *issued < s->comments_min_seconds)
    return refuse(422, "أُرسل التعليق أسرع مما يكتب الناس عادة. راجعه ثم أرسله مرة أخرى.");

  auto closed = store_->CommentsClosed(a.id);
  if (!closed.ok()) return ServerError(closed.status());
  if (!CommentsOpen(*closed, a, *s, now)) return refuse(403, "التعليقات مغلقة على هذا المقال.");

  auto name = CleanCommentField(f.Get("name"), kMaxNameChars, false, true);
  auto email = CleanCommentField(f.Get("email"), kMaxEmailChars, false, false);
  auto body = CleanCommentField(f.Get("body"), s->comments_max_chars, true, true);
  if (!name.ok()) form.field_errors["name"] = name.status().message();
  if (!email.ok()) form.field_errors["email"] = email.status().message();
  if (email.ok() && !email->empty() &&
      (email->find('@') == std::string::npos || email->find_first_of(" \t") != std::string::npos ||
       email->front() == '@' || email->back() == '@'))
    form.field_errors["email"] = "هذا ليس عنوان بريد إلكتروني.";
  if (!body.ok()) form.field_errors["body"] = body.status().message();
  if (!form.field_errors.empty()) return refuse(422, "لم يُنشر التعليق؛ صحّح الحقول المشار إليها.");
  std::string email_key = *email;
  std::transform(email_key.begin(), email_key.end(), email_key.begin(),
                 [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });

  if (form.reply_to > 0) {
    auto parent = store_->FindComment(form.reply_to);
    if (!parent.ok()) return ServerError(parent.status());
    if (!parent->has_value() || (*parent)->article_id != a.id || (*parent)->status != CommentStatus::kApproved)
      return refuse(422, "التعليق الذي ترد عليه غير موجود.");
  }

  const std::string& ip = request.remote_address;
  UnixSeconds window_start = now - s->comments_rate_window;
  auto from_ip = store_->CountRecentComments(ip, std::nullopt, window_start);
  if (!from_ip.ok()) return ServerError(from_ip.status());
  if (*from_ip >= s->comments_per_ip)
    return refuse(429, "أرسلت تعليقات كثيرة في وقت قصير. انتظر بضع دقائق ثم أعد المحاولة.");
  auto on_article = store_->CountRecentComments(std::nullopt, a.id, window_start);
  if (!on_article.ok()) return ServerError(on_article.status());
  if (*on_article >= s->comments_per_article)
    return refuse(429, "يتلقى هذا المقال تعليقات كثيرة الآن. انتظر بضع دقائق ثم أعد المحاولة.");
  auto duplicate = store_->HasDuplicateComment(a.id, *body, ip, now - 86400);
  if (!duplicate.ok()) return ServerError(duplicate.status());
  if (*duplicate) return refuse(409, "وصلنا هذا التعليق من قبل؛ لا حاجة لإرساله مرة أخرى.");

  // The status: a banned address or e-mail is kept as spam (and told, like everyone held,
  // that the comment awaits review); the policy decides for everyone else.
  auto banned = store_->IsCommentBanned(email_key, ip);
  if (!banned.ok()) return ServerError(banned.status());
  CommentStatus status = CommentStatus::kHeld;
  if (*banned) {
    status = CommentStatus::kSpam;
  } else if (s->comments_moderation == "first_time" &&
             render::CountCommentLinks(*body) <= s->comments_max_links &&
             !MatchesBlocklist(*body, s->comments_blocklist) &&
             !MatchesBlocklist(*name, s->comments_blocklist)) {
    auto returning = store_->HasApprovedComment(*name, email_key);
    if (!returning.ok()) return ServerError(returning.status());
    if (*returning) status = CommentStatus::kApproved;
  }

  store::CommentInput in;
  in.article_id = a.id;
  in.parent_id = form.reply_to;
  in.author_name = *name;
  in.email = email_key;
  in.ip = ip;
  in.body = *body;
  in.status = status;
  in.created_at = now;
  auto added = store_->AddComment(in);
  if (!added.ok()) {
    if (added.status().code() == StatusCode::kNotFound) return refuse(422, "التعليق الذي ترد عليه غير موجود.");
    std::cerr << "wakala: comment: " << added.status().ToString() << "\n";
    return refuse(503, "تعذّر حفظ تعليقك الآن؛ لم يُحفظ شيء. أعد المحاولة بعد قليل.");
  }
  // Committed: only now is the reader told it was received.
  std::string location = ArticleHref(a.slug) +
                         (status == CommentStatus::kApproved
                              ? "?comment=published#comment-" + std::to_string(added->id)
                              : "?comment=held#comments");
  Response r = Response::Redirect(303, location);
  r.cache_control = "no-store";
  return r;
}

Response Site::CommentFeed(const std::string& format, const std::string& slug) const {
  auto s = settings();
  UnixSeconds now = clock_->Now();
  auto found = store_->FindArticle(slug);
  if (!found.ok()) return ServerError(found.status());
  if (found->moved_to) {
    std::string rest = format == "rss" ? "/comments/feed.xml" : format == "atom" ? "/comments/atom.xml" : "";
    Response r = Response::Redirect(301, format == "json" ? PercentEncodePath("/api/articles/" + *found->moved_to + "/comments")
                                                          : PercentEncodePath("/article/" + *found->moved_to + rest));
    r.cacheable = true;
    return r;
  }
  if (auto refused = NotPublic(found->article, now)) return std::move(*refused);
  const store::Article& a = *found->article;
  store::CommentQuery q;
  q.article_id = a.id;
  q.status = CommentStatus::kApproved;
  q.newest_first = true;
  q.limit = format == "json" ? 1000 : kFeedComments;
  auto comments = store_->ListComments(q);
  if (!comments.ok()) return ServerError(comments.status());
  auto closed = store_->CommentsClosed(a.id);
  if (!closed.ok()) return ServerError(closed.status());

  const std::string& base = options_.base_url;
  const std::string article_url = ArticleUrl(base, a.slug);
  const std::string title = "التعليقات على: " + a.title;
  UnixSeconds updated = a.published_at;
  for (const Comment& c : *comments) updated = std::max(updated, c.created_at);
  auto comment_url = [&](const Comment& c) { return article_url + "#comment-" + std::to_string(c.id); };

  Response r;
  r.cacheable = true;
  r.last_modified = updated;
  r.cache_control = "public, max-age=60";
  r.cache_scopes = {"comments:" + std::to_string(a.id), "article:" + std::to_string(a.id)};
  if (format == "json") {
    json items = json::array();
    for (auto it = comments->rbegin(); it != comments->rend(); ++it) {  // oldest first
      items.push_back({{"id", it->id},
                       {"url", comment_url(*it)},
                       {"author", it->author_name},
                       {"text", it->body},
                       {"html", render::CommentTextToHtml(it->body).html()},
                       {"date", Iso8601Utc(it->created_at)},
                       {"in_reply_to", it->parent_id ? json(it->parent_id) : json(nullptr)}});
    }
    json out = {{"article", {{"slug", a.slug}, {"title", a.title}, {"url", article_url}}},
                {"count", comments->size()},
                {"open", CommentsOpen(*closed, a, *s, now)},
                {"disclaimer", s->comments_disclaimer},
                {"comments", std::move(items)}};
    r.content_type = "application/json; charset=utf-8";
    r.body = out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    return r;
  }
  render::XmlWriter w;
  if (format == "rss") {
    const std::string self = AbsoluteUrl(base, "/article/" + a.slug + "/comments/feed.xml");
    r.content_type = "application/rss+xml; charset=utf-8";
    w.Open("rss", {{"version", "2.0"}, {"xmlns:atom", "http://www.w3.org/2005/Atom"},
                   {"xmlns:dc", "http://purl.org/dc/elements/1.1/"}});
    w.Open("channel");
    w.Element("title", title);
    w.Element("link", article_url);
    w.Element("description", s->comments_disclaimer);
    w.Element("language", "ar");
    w.Element("lastBuildDate", HttpDate(updated));
    w.Empty("atom:link", {{"href", self}, {"rel", "self"}, {"type", "application/rss+xml"}});
    for (const Comment& c : *comments) {
      w.Open("item");
      w.Element("title", c.author_name);
      w.Element("link", comment_url(c));
      w.Element("guid", comment_url(c), {{"isPermaLink", "true"}});
      w.Element("dc:creator", c.author_name);
      w.Element("pubDate", HttpDate(c.created_at));
      w.Element("description", render::CommentTextToHtml(c.body).html());
      w.Close();
    }
  } else {
    const std::string self = AbsoluteUrl(base, "/article/" + a.slug + "/comments/atom.xml");
    r.content_type = "application/atom+xml; charset=utf-8";
    w.Open("feed", {{"xmlns", "http://www.w3.org/2005/Atom"}, {"xml:lang", "ar"}});
    w.Element("title", title);
    w.Element("id", self);
    w.Element("updated", Iso8601Utc(updated));
    w.Element("subtitle", s->comments_disclaimer);
    w.Empty("link", {{"rel", "self"}, {"type", "application/atom+xml"}, {"href", self}});
    w.Empty("link", {{"rel", "alternate"}, {"type", "text/html"}, {"href", article_url}});
    w.Open("author");
    w.Element("name", s->site_name);
    w.Close();
    for (const Comment& c : *comments) {
      w.Open("entry");
      w.Element("title", c.author_name);
      w.Element("id", comment_url(c));
      w.Empty("link", {{"rel", "alternate"}, {"type", "text/html"}, {"href", comment_url(c)}});
      w.Element("published", Iso8601Utc(c.created_at));
      w.Element("updated", Iso8601Utc(c.created_at));
      w.Open("author");
      w.Element("name", c.author_name);
      w.Close();
      w.Element("content", render::CommentTextToHtml(c.body).html(), {{"type", "html"}});
      w.Close();
    }
  }
  r.body = w.Finish();
  return r;
}

}  // namespace wakala::site
