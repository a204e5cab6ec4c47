#include "newsroom/article_form.h"

#include <charconv>

#include "arabic/slug.h"
#include "base/utf8.h"
#include "newsroom/permissions.h"

namespace wakala::newsroom {

using store::ArticleStatus;

namespace {
constexpr size_t kMaxBodyBytes = 512 * 1024;
constexpr size_t kMaxTitleBytes = 1024;
constexpr size_t kMaxSummaryBytes = 4096;
}  // namespace

ArticleFields FieldsOfArticle(const store::Article& a, std::string publish_at, std::string revision) {
  std::vector<std::string> tags;
  for (const auto& t : a.tags) tags.push_back(t.name);
  ArticleFields f;
  f.title = a.title;
  f.slug = a.slug;
  f.summary = a.summary;
  f.body = a.body_markdown;
  f.section = a.section.slug;
  f.tags = JoinTags(tags);
  f.byline = a.author.name;
  f.agency = a.agency;
  f.source_credit = a.source_credit;
  f.status = store::ArticleStatusName(a.status);
  f.publish_at = std::move(publish_at);
  f.revision = std::move(revision);
  return f;
}

CheckedCredit CheckCreditLine(CreditField field, std::string_view text) {
  const bool agency = field == CreditField::kAgency;
  const size_t max_chars = agency ? kMaxAgencyChars : kMaxSourceCreditChars;
  const std::string name = agency ? "اسم الوكالة" : "سطر المصدر";
  CheckedCredit out;
  if (!IsValidUtf8(text)) {
    out.error = name + " ليس نصاً صالحاً بترميز UTF-8.";
    return out;
  }
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++chars) {
    char32_t c = NextCodePoint(text, i);
    // Both are shown and syndicated as one line (an RSS element, a line under the body); a
    // break would be lost or break the layout. U+2028/U+2029 are line breaks too.
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
      out.error = name + " يجب أن يكون سطراً واحداً؛ احذف فواصل الأسطر.";
      return out;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      out.error = name + " فيه محارف تحكّم غير مسموحة (مثل الجدولة).";
      return out;
    }
  }
  if (chars > max_chars) {
    out.error = agency ? "اسم الوكالة أطول من المسموح: 120 حرفاً على الأكثر."
                       : "سطر المصدر أطول من المسموح: 300 حرف على الأكثر.";
    return out;
  }
  out.value = std::string(text);
  return out;
}

std::vector<std::string> SplitTags(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    size_t a = current.find_first_not_of(' '), b = current.find_last_not_of(' ');
    if (a != std::string::npos) out.push_back(current.substr(a, b - a + 1));
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') {
      flush();
    } else if (text.compare(i, 2, "\u060C") == 0) {
      flush();
      ++i;
    } else {
      current.push_back(text[i]);
    }
  }
  flush();
  return out;
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : "، ") + t;
  return out;
}

CheckedArticle CheckArticleFields(const ArticleFields& fields, const store::User& user,
                                  const store::Article* existing,
                                  const std::vector<store::Section>& sections,
                                  int utc_offset_seconds, UnixSeconds now) {
  CheckedArticle out;
  auto& in = out.input;
  auto& errors = out.errors;
  in.title = fields.title;
  if (fields.title.empty()) errors["title"] = "العنوان مطلوب.";
  else if (fields.title.size() > kMaxTitleBytes) errors["title"] = "العنوان أطول من المسموح.";
  in.slug = arabic::Slugify(fields.slug.empty() ? fields.title : fields.slug, 120);
  if (!fields.title.empty() && in.slug.empty())
    errors["slug"] = "لا يصلح هذا المعرّف؛ استخدم حروفاً أو أرقاماً.";
  in.summary = fields.summary;
  if (fields.summary.size() > kMaxSummaryBytes) errors["summary"] = "الملخص أطول من المسموح.";
  in.body_markdown = fields.body;
  if (fields.body.size() > kMaxBodyBytes) errors["body"] = "النص أطول من الحد المسموح (512 كيلوبايت).";
  bool section_known = false;
  for (const auto& s : sections) section_known |= s.slug == fields.section;
  if (!section_known) errors["section"] = "اختر قسماً موجوداً.";
  in.section = fields.section;
  in.byline = fields.byline.empty() ? user.name : fields.byline;
  CheckedCredit agency = CheckCreditLine(CreditField::kAgency, fields.agency);
  if (!agency.error.empty()) errors["agency"] = agency.error;
  in.agency = std::move(agency.value);
  CheckedCredit credit = CheckCreditLine(CreditField::kSourceCredit, fields.source_credit);
  if (!credit.error.empty()) errors["source_credit"] = credit.error;
  in.source_credit = std::move(credit.value);
  in.tags = SplitTags(fields.tags);
  std::optional<UnixSeconds> when =
      fields.publish_at.empty() ? std::optional<UnixSeconds>(now)
                                : ParseDateTime(fields.publish_at, utc_offset_seconds);
  if (!when) errors["publish_at"] = "تاريخ غير صالح؛ الصيغة YYYY-MM-DDTHH:MM.";
  in.published_at = when.value_or(now);
  auto status = store::ParseArticleStatus(fields.status.empty() ? "draft" : fields.status);
  if (!status) {
    errors["status"] = "اختر حالة: draft أو pending أو scheduled أو published أو unpublished.";
  } else if (!MaySetStatus(user, existing, *status)) {
    errors["status"] = "لا تملك صلاحية النشر؛ أرسل المقال للمراجعة.";
  } else {
    if (*status == ArticleStatus::kPublished && in.published_at > now) *status = ArticleStatus::kScheduled;
    if (*status == ArticleStatus::kScheduled && in.published_at <= now) *status = ArticleStatus::kPublished;
    in.status = *status;
  }
  if (existing && fields.revision.empty()) {
    errors["revision"] = "رقم النسخة التي عدّلتها مطلوب لكشف التعارض؛ أعد فتح المقال.";
  } else if (!fields.revision.empty()) {
    int64_t revision = 0;
    auto [p, ec] = std::from_chars(fields.revision.data(), fields.revision.data() + fields.revision.size(), revision);
    if (ec != std::errc() || p != fields.revision.data() + fields.revision.size() || revision < 1)
      errors["revision"] = "رقم النسخة غير صالح.";
    else
      in.expected_revision = revision;
  }
  in.editor_id = user.id;
  return out;
}

}  // namespace wakala::newsroom
