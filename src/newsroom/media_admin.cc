// The newsroom's media pages (/admin/media: the uploads and the upload form) and the featured
// image of the editor. Members of Newsroom, declared in admin.h.
#include <charconv>

#include "base/utf8.h"
#include "http/form.h"
#include "http/multipart.h"
#include "media/library.h"
#include "newsroom/admin.h"
#include "newsroom/auth.h"

namespace wakala::newsroom {
namespace {

using http::Request;
using http::Response;
using render::View;

constexpr size_t kMaxAltBytes = 500;
constexpr size_t kMaxCaptionBytes = 1000;
constexpr int kChoices = 24;  // recent uploads offered in the editor

std::optional<int64_t> ParseMediaId(const std::string& text) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

const char* TypeLabel(const std::string& type) {
  if (type == "jpeg") return "JPEG";
  if (type == "png") return "PNG";
  if (type == "webp") return "WebP";
  if (type == "gif") return "GIF";
  return "";
}

View MediaItemView(const store::Media& m) {
  View v;
  v.SetNumber("id", m.id);
  v.Set("name", m.original_name.empty() ? "صورة " + std::to_string(m.id) : m.original_name)
      .Set("thumb_url", media::MediaPath(m, m.widths.front()))
      .Set("url", media::MediaPath(m, m.widths.back()))
      .Set("type", TypeLabel(m.type))
      .Set("size", std::to_string(m.width) + "×" + std::to_string(m.height))
      .Set("alt", m.alt)
      .Set("caption", m.caption);
  return v;
}

}  // namespace

Response Newsroom::MediaPage(const Request& request) const {
  auto session = SessionOf(request);
  if (!session) return Response::Redirect(303, "/admin/login");
  return MediaPageWith(*session, 200, request.QueryParam("uploaded").value_or(""), "");
}

Response Newsroom::MediaPageWith(const store::LoginSession& session, int status,
                                 const std::string& uploaded_id, const std::string& error) const {
  if (!options_.media) return Message(404, &session, "مكتبة الصور غير مفعّلة على هذا الخادم.");
  auto items = store_->ListMedia(100, 0);
  if (!items.ok()) return Message(503, &session, "تعذّرت قراءة مكتبة الصور.");
  std::vector<View> rows;
  for (const auto& m : *items) {
    View row = MediaItemView(m);
    row.SetBool("just_uploaded", std::to_string(m.id) == uploaded_id);
    rows.push_back(std::move(row));
  }
  View v;
  v.SetBool("empty", rows.empty());
  v.SetList("items", std::move(rows));
  v.SetNumber("max_mb", static_cast<long long>(options_.media->limits().max_bytes / (1024 * 1024)));
  if (!uploaded_id.empty()) v.Set("notice", "رُفعت الصورة؛ يمكنك اختيارها صورةً بارزة في محرر المقال.");
  v.Set("error", error);
  return Page(status, &session, "الصور", "media", v);
}

Response Newsroom::UploadMedia(const Request& request) const {
  auto session = SessionOf(request);
  if (!session) return Response::Redirect(303, "/admin/login");
  if (!options_.media) return Message(404, &*session, "مكتبة الصور غير مفعّلة على هذا الخادم.");
  auto form = http::MultipartForm::Parse(request.Header("content-type").value_or(""), request.body);
  if (!form.ok())
    return MediaPageWith(*session, 400, "", "تعذّرت قراءة النموذج: " + form.status().message());
  if (!ConstantTimeEquals(form->Get("csrf"), session->csrf_token))
    return Message(403, &*session, "رمز الحماية غير صالح؛ أعد تحميل الصفحة.");
  const http::MultipartPart* file = form->Find("file");
  if (!file || !file->filename || file->data.empty())
    return MediaPageWith(*session, 422, "", "اختر ملف صورة لرفعه.");
  const auto& limits = options_.media->limits();
  if (file->data.size() > limits.max_bytes)
    return MediaPageWith(*session, 413, "",
                         "الملف أكبر من الحد المسموح (" + std::to_string(limits.max_bytes / (1024 * 1024)) +
                             " ميغابايت)؛ لم يُحفظ شيء. صغّر الصورة ثم أعد المحاولة.");
  std::string alt = form->Get("alt"), caption = form->Get("caption");
  if (alt.size() > kMaxAltBytes || caption.size() > kMaxCaptionBytes)
    return MediaPageWith(*session, 422, "", "النص البديل أو التعليق أطول من المسموح.");
  // Browsers send the bare name; old ones a whole path. Only the last component is kept.
  std::string name = *file->filename;
  if (size_t slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (name.size() > 200) name = name.substr(0, 200);
  while (!name.empty() && !IsValidUtf8(name)) name.pop_back();

  auto added = options_.media->Upload(file->data, name, alt, caption, session->user.id);
  if (!added.ok()) {
    if (added.status().code() == StatusCode::kInvalidInput)
      return MediaPageWith(*session, 415, "", "رُفض الملف «" + name + "»: " + added.status().message());
    return MediaPageWith(*session, 503, "", "تعذّر حفظ الصورة؛ لم يتغير شيء. أعد المحاولة.");
  }
  (void)store_->Audit(session->user.id, "media.upload", "#" + std::to_string(added->id) + " «" + name + "»",
                      clock_->Now());
  return Response::Redirect(303, "/admin/media?uploaded=" + std::to_string(added->id));
}

void Newsroom::AddFeaturedImageView(View& view, int64_t article_id, const http::Form* form) const {
  view.SetBool("media_enabled", options_.media != nullptr);
  if (!options_.media) return;
  std::string chosen, caption, alt;
  if (form) {
    chosen = form->Get("featured_media");
    caption = form->Get("featured_caption");
    alt = form->Get("featured_alt");
  } else if (article_id > 0) {
    auto featured = store_->FindFeaturedMedia(article_id);
    if (featured.ok() && featured->has_value()) {
      chosen = std::to_string((*featured)->media.id);
      caption = (*featured)->caption;
      alt = (*featured)->alt;
    }
  }
  auto recent = store_->ListMedia(kChoices, 0);
  std::vector<store::Media> choices = recent.ok() ? std::move(*recent) : std::vector<store::Media>();
  // The article's image stays offered even when it is older than the recent uploads.
  auto chosen_id = ParseMediaId(chosen);
  bool listed = false;
  for (const auto& m : choices) listed |= chosen_id && m.id == *chosen_id;
  if (chosen_id && !listed) {
    auto m = store_->FindMedia(*chosen_id);
    if (m.ok() && m->has_value()) choices.insert(choices.begin(), **m);
  }
  std::vector<View> rows;
  for (const auto& m : choices) {
    View row = MediaItemView(m);
    row.SetBool("selected", chosen_id && m.id == *chosen_id);
    rows.push_back(std::move(row));
  }
  view.SetBool("no_featured", !chosen_id);
  view.SetList("media_choices", std::move(rows));
  view.Set("featured_caption", caption).Set("featured_alt", alt);
}

std::map<std::string, std::string> Newsroom::CheckFeaturedImage(const http::Form& form) const {
  std::map<std::string, std::string> errors;
  std::string chosen = form.Get("featured_media");
  if (chosen.empty() || !options_.media) return errors;
  auto id = ParseMediaId(chosen);
  auto media = id ? store_->FindMedia(*id) : Result<std::optional<store::Media>>(std::nullopt);
  if (!media.ok()) {
    errors["featured_media"] = "تعذّرت قراءة مكتبة الصور.";
    return errors;
  }
  if (!media->has_value()) {
    errors["featured_media"] = "هذه الصورة غير موجودة في المكتبة.";
    return errors;
  }
  std::string alt = form.Get("featured_alt");
  if (alt.empty() && (*media)->alt.empty())
    errors["featured_alt"] = "اكتب نصاً بديلاً يصف الصورة لمن لا يراها.";
  if (alt.size() > kMaxAltBytes) errors["featured_alt"] = "النص البديل أطول من المسموح.";
  if (form.Get("featured_caption").size() > kMaxCaptionBytes)
    errors["featured_caption"] = "التعليق أطول من المسموح.";
  return errors;
}

Status Newsroom::SaveFeaturedImage(int64_t article_id, const http::Form& form) const {
  if (!options_.media || !form.Has("featured_media")) return Status::Ok();  // a form without the field
  auto id = ParseMediaId(form.Get("featured_media"));
  if (!id) return store_->SetFeaturedMedia(article_id, 0, "", "");
  std::string caption = form.Get("featured_caption"), alt = form.Get("featured_alt");
  // Empty fields take the texts given at upload.
  if (caption.empty() || alt.empty()) {
    auto media = store_->FindMedia(*id);
    if (!media.ok()) return media.status();
    if (media->has_value()) {
      if (caption.empty()) caption = (*media)->caption;
      if (alt.empty()) alt = (*media)->alt;
    }
  }
  auto current = store_->FindFeaturedMedia(article_id);
  if (current.ok() && current->has_value() && (*current)->media.id == *id && (*current)->caption == caption &&
      (*current)->alt == alt)
    return Status::Ok();  // unchanged: no write, no cache invalidation
  return store_->SetFeaturedMedia(article_id, *id, caption, alt);
}

}  // namespace wakala::newsroom
