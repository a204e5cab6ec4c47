#include "newsroom/article_file.h"

#include <vector>

#include "arabic/slug.h"
#include "base/utf8.h"
#include "newsroom/article_form.h"

namespace wakala::newsroom {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Values may be quoted as in YAML: "…" or '…'.
std::string Unquote(std::string_view v) {
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\'')))
    v = v.substr(1, v.size() - 2);
  return std::string(v);
}

Status LineError(int line, const std::string& msg) {
  return Status::InvalidInput("line " + std::to_string(line) + ": " + msg);
}

// 1-based line of byte `offset`.
int LineOf(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

}  // namespace

Result<ArticleFile> ParseArticleFile(std::string_view text, UnixSeconds now,
                                     int site_utc_offset_seconds,
                                     const ArticleFileLimits& limits) {
  if (auto bad = FirstInvalidUtf8(text)) {
    return LineError(LineOf(text, *bad),
                     "invalid UTF-8 at byte " + std::to_string(*bad) + "; save the file as UTF-8");
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);  // a BOM from some editors

  // Split into lines, remembering where the body starts.
  size_t pos = 0;
  int line_no = 0;
  auto next_line = [&](std::string_view& out) {
    if (pos >= text.size()) return false;
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    return true;
  };

  std::string_view line;
  if (!next_line(line) || Trim(line) != "---") {
    return LineError(1, "the file must start with a front-matter block: a line «---», "
                        "then «key: value» lines (title, section, byline, ...), then «---»");
  }
  // Find the closing line first: without one, the body's first line would be reported as a
  // bad field, which hides the real mistake.
  bool has_closing = false;
  for (size_t at = pos; at < text.size();) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    if (Trim(text.substr(at, nl - at)) == "---") {
      has_closing = true;
      break;
    }
    at = nl + 1;
  }
  if (!has_closing) return LineError(1, "the front-matter block is not closed with «---»");

  ArticleFile file;
  auto& in = file.input;
  in.published_at = now;
  bool have_title = false, have_section = false, have_byline = false;
  while (next_line(line)) {
    std::string_view t = Trim(line);
    if (t == "---") break;
    if (t.empty() || t.front() == '#') continue;
    size_t colon = t.find(':');
    if (colon == std::string_view::npos) {
      return LineError(line_no, "expected «key: value», got «" + std::string(t) + "»");
    }
    std::string key(Trim(t.substr(0, colon)));
    std::string value = Unquote(Trim(t.substr(colon + 1)));
    if (key == "title") {
      if (value.empty()) return LineError(line_no, "title is empty");
      if (value.size() > limits.max_title_bytes)
        return LineError(line_no, "title is longer than " + std::to_string(limits.max_title_bytes) + " bytes");
      in.title = value;
      file.title_line = line_no;
      have_title = true;
    } else if (key == "section") {
      if (value.empty()) return LineError(line_no, "section is empty");
      in.section = value;
      file.section_line = line_no;
      have_section = true;
    } else if (key == "byline" || key == "author") {
      if (value.empty()) return LineError(line_no, "byline is empty");
      in.byline = value;
      have_byline = true;
    } else if (key == "agency" || key == "source_credit") {
      CheckedCredit credit = CheckCreditLine(
          key == "agency" ? CreditField::kAgency : CreditField::kSourceCredit, value);
      if (!credit.error.empty()) return LineError(line_no, key + ": " + credit.error);
      (key == "agency" ? in.agency : in.source_credit) = std::move(credit.value);
    } else if (key == "tags") {
      std::string_view v = value;
      if (v.size() < 2 || v.front() != '[' || v.back() != ']')
        return LineError(line_no, "tags must be a list like [مصر, ليبيا]");
      v = v.substr(1, v.size() - 2);
      // Items are separated by ',' or the Arabic comma «،».
      while (!v.empty()) {
        size_t comma = v.find(',');
        size_t arabic_comma = v.find("\u060C");
        size_t width = 1;
        if (arabic_comma < comma) {
          comma = arabic_comma;
          width = 2;
        }
        std::string tag = Unquote(Trim(v.substr(0, comma)));
        if (!tag.empty()) in.tags.push_back(tag);
        v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + width);
      }
    } else if (key == "date") {
      auto parsed = ParseDateTime(value, site_utc_offset_seconds);
      if (!parsed)
        return LineError(line_no, "date «" + value + "» is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)");
      in.published_at = *parsed;
    } else if (key == "status") {
      auto status = store::ParseArticleStatus(value);
      if (!status)
        return LineError(line_no, "status «" + value + "» is not one of published, draft, unpublished");
      in.status = *status;
    } else if (key == "summary") {
      if (value.size() > limits.max_summary_bytes)
        return LineError(line_no, "summary is longer than " + std::to_string(limits.max_summary_bytes) + " bytes");
      in.summary = value;
    } else if (key == "slug") {
      std::string slug = arabic::Slugify(value, 200);
      if (slug.empty()) return LineError(line_no, "slug «" + value + "» has no letters or digits");
      in.slug = slug;
      file.slug_given = true;
      file.slug_line = line_no;
    } else {
      return LineError(line_no, "unknown field «" + key +
                                    "» (known: title, section, byline, agency, source_credit, tags, "
                                    "date, status, summary, slug)");
    }
  }
  if (!have_title) return LineError(line_no, "title is missing from the front matter");
  if (!have_section) return LineError(line_no, "section is missing from the front matter");
  if (!have_byline) return LineError(line_no, "byline is missing from the front matter");

  std::string_view body = pos < text.size() ? text.substr(pos) : std::string_view();
  if (body.size() > limits.max_body_bytes) {
    return LineError(line_no + 1, "body is " + std::to_string(body.size()) +
                                      " bytes, over the limit of " +
                                      std::to_string(limits.max_body_bytes));
  }
  // Blank lines around the body carry no meaning; inside it, every byte is kept.
  size_t first = body.find_first_not_of(" \t\r\n");
  size_t last = body.find_last_not_of(" \t\r\n");
  in.body_markdown = first == std::string_view::npos ? std::string() : std::string(body.substr(first, last - first + 1));
  if (!file.slug_given) {
    in.slug = arabic::Slugify(in.title);
    if (in.slug.empty()) return LineError(file.title_line, "title has no letters or digits to make a slug from");
  }
  return file;
}

Result<store::Article> SaveArticleFile(store::Store& store, std::string_view text,
                                       UnixSeconds now, int site_utc_offset_seconds,
                                       const std::string& update_slug,
                                       const ArticleFileLimits& limits) {
  auto file = ParseArticleFile(text, now, site_utc_offset_seconds, limits);
  if (!file.ok()) return file.status();
  auto section = store.FindSection(file->input.section);
  if (!section.ok()) return section.status();
  if (!section->has_value()) {
    return LineError(file->section_line, "section «" + file->input.section +
                                             "» does not exist; create it with `wakala section add`");
  }
  file->input.section = (*section)->slug;
  if (update_slug.empty()) return store.AddArticle(file->input);

  auto existing = store.FindArticle(update_slug);
  if (!existing.ok()) return existing.status();
  if (!existing->article) return Status::NotFound("no article has the slug «" + update_slug + "»");
  // Without a slug line the article keeps its URL even when its title changes.
  if (!file->slug_given) file->input.slug = existing->article->slug;
  return store.UpdateArticle(existing->article->id, file->input);
}

}  // namespace wakala::newsroom
