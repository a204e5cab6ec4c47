#include "cli/transfer.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wakala::cli {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "wakala-dump";
constexpr int kVersion = 1;

void Line(std::ostream& out, const json& j) {
  out << j.dump(-1, ' ', false, json::error_handler_t::strict) << "\n";
}

// `st` with `prefix` in front of its message, same code.
Status Prefixed(const Status& st, const std::string& prefix) {
  std::string m = prefix + st.message();
  switch (st.code()) {
    case StatusCode::kNotFound: return Status::NotFound(m);
    case StatusCode::kInvalidInput: return Status::InvalidInput(m);
    case StatusCode::kConflict: return Status::Conflict(m);
    case StatusCode::kUnavailable: return Status::Unavailable(m);
    case StatusCode::kCorruption: return Status::Corruption(m);
    default: return Status::Internal(m);
  }
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> FromBase64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

store::Media AsMedia(const store::MediaRecord& m) {
  return {0, m.hash, m.original_name, m.type, m.width, m.height, m.widths, m.alt, m.caption, 0,
          m.created_at};
}

}  // namespace

Status ExportJsonl(store::Store& store, const media::MediaLibrary& library, std::ostream& out) {
  auto dump = store.Dump();
  if (!dump.ok()) return dump.status();
  try {
    Line(out, {{"type", "header"}, {"format", kFormat}, {"version", kVersion}});
    for (const auto& [k, v] : dump->settings) Line(out, {{"type", "setting"}, {"key", k}, {"value", v}});
    for (const auto& s : dump->sections)
      Line(out, {{"type", "section"}, {"name", s.name}, {"slug", s.slug}, {"position", s.position}});
    for (const auto& a : dump->authors) Line(out, {{"type", "author"}, {"name", a.name}, {"slug", a.slug}});
    for (const auto& t : dump->tags) Line(out, {{"type", "tag"}, {"name", t.name}, {"slug", t.slug}});
    for (const auto& a : dump->articles)
      Line(out, {{"type", "article"},
                 {"slug", a.slug},
                 {"title", a.title},
                 {"summary", a.summary},
                 {"body_markdown", a.body_markdown},
                 {"status", a.status},
                 {"published_at", a.published_at},
                 {"updated_at", a.updated_at},
                 {"section", a.section_slug},
                 {"author", a.author},
                 {"agency", a.agency},
                 {"source_credit", a.source_credit},
                 {"tags", a.tags},
                 {"old_slugs", a.old_slugs}});
    for (const auto& r : dump->redirects)
      Line(out, {{"type", "redirect"}, {"old_path", r.old_path}, {"target_path", r.target_path}});
    for (const auto& c : dump->comments)
      Line(out, {{"type", "comment"},
                 {"key", c.key},
                 {"article", c.article_slug},
                 {"parent", c.parent_key},
                 {"author", c.author_name},
                 {"email", c.email},
                 {"ip", c.ip},
                 {"body", c.body},
                 {"status", c.status},
                 {"created_at", c.created_at}});
    for (const auto& slug : dump->comments_closed)
      Line(out, {{"type", "comments_closed"}, {"article", slug}});
    for (const auto& m : dump->media) {
      json files = json::object();
      for (int w : m.widths) {
        auto bytes = library.ReadVariant(AsMedia(m), w);
        if (!bytes.ok()) return bytes.status();
        files[std::to_string(w)] = Base64(*bytes);
      }
      Line(out, {{"type", "media"},
                 {"hash", m.hash},
                 {"original_name", m.original_name},
                 {"media_type", m.type},
                 {"width", m.width},
                 {"height", m.height},
                 {"widths", m.widths},
                 {"alt", m.alt},
                 {"caption", m.caption},
                 {"created_at", m.created_at},
                 {"files", files}});
    }
    for (const auto& f : dump->featured)
      Line(out, {{"type", "featured"}, {"article", f.article_slug}, {"media", f.media_hash},
                 {"caption", f.caption}, {"alt", f.alt}});
  } catch (const json::exception& e) {
    return Status::Corruption(std::string("the store holds text that is not UTF-8: ") + e.what());
  }
  out.flush();
  if (!out) return Status::Unavailable("could not write the export");
  return Status::Ok();
}

Result<store::ImportCounts> ImportJsonl(store::Store& store, const media::MediaLibrary& library,
                                        std::string_view text, const std::string& file) {
  store::SiteDump dump;
  // Each image's files, by hash, decoded while parsing; written once the whole dump parsed.
  std::vector<std::pair<store::Media, std::map<int, std::string>>> files;
  size_t pos = 0;
  int line_no = 0;
  bool header = false;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = file + ":" + std::to_string(line_no) + ": ";
    try {
      json j = json::parse(line);
      std::string type = j.at("type").get<std::string>();
      if (!header) {
        if (type != "header" || j.value("format", "") != kFormat)
          return Status::InvalidInput(where + "not a wakala dump (the first line must be its header)");
        if (j.value("version", 0) != kVersion)
          return Status::InvalidInput(where + "dump version " + j.at("version").dump() + " is not supported");
        header = true;
      } else if (type == "setting") {
        dump.settings[j.at("key").get<std::string>()] = j.at("value").get<std::string>();
      } else if (type == "section") {
        dump.sections.push_back({j.at("name"), j.at("slug"), j.at("position").get<int>()});
      } else if (type == "author") {
        dump.authors.push_back({j.at("name"), j.at("slug")});
      } else if (type == "tag") {
        dump.tags.push_back({j.at("name"), j.at("slug")});
      } else if (type == "article") {
        store::ArticleRecord a;
        a.slug = j.at("slug");
        a.title = j.at("title");
        a.summary = j.at("summary");
        a.body_markdown = j.at("body_markdown");
        a.status = j.at("status");
        a.published_at = j.at("published_at").get<int64_t>();
        a.updated_at = j.at("updated_at").get<int64_t>();
        a.section_slug = j.at("section");
        a.author = j.at("author");
        // Dumps from before these fields were added carry neither.
        a.agency = j.value("agency", "");
        a.source_credit = j.value("source_credit", "");
        a.tags = j.at("tags").get<std::vector<std::string>>();
        a.old_slugs = j.at("old_slugs").get<std::vector<std::string>>();
        dump.articles.push_back(std::move(a));
      } else if (type == "redirect") {
        dump.redirects.push_back({j.at("old_path"), j.at("target_path")});
      } else if (type == "comment") {
        store::CommentRecord c;
        c.key = j.at("key");
        c.article_slug = j.at("article");
        c.parent_key = j.at("parent");
        c.author_name = j.at("author");
        c.email = j.at("email");
        c.ip = j.at("ip");
        c.body = j.at("body");
        c.status = j.at("status");
        c.created_at = j.at("created_at").get<int64_t>();
        dump.comments.push_back(std::move(c));
      } else if (type == "comments_closed") {
        dump.comments_closed.push_back(j.at("article"));
      } else if (type == "media") {
        store::MediaRecord m;
        m.hash = j.at("hash");
        m.original_name = j.at("original_name");
        m.type = j.at("media_type");
        m.width = j.at("width").get<int>();
        m.height = j.at("height").get<int>();
        m.widths = j.at("widths").get<std::vector<int>>();
        m.alt = j.at("alt");
        m.caption = j.at("caption");
        m.created_at = j.at("created_at").get<int64_t>();
        std::map<int, std::string> bytes;
        for (int w : m.widths) {
          auto decoded = FromBase64(j.at("files").at(std::to_string(w)).get<std::string>());
          if (!decoded)
            return Status::InvalidInput(where + "the " + std::to_string(w) + " px file of media " +
                                        m.hash + " is not base64");
          bytes[w] = std::move(*decoded);
        }
        files.emplace_back(AsMedia(m), std::move(bytes));
        dump.media.push_back(std::move(m));
      } else if (type == "featured") {
        dump.featured.push_back({j.at("article"), j.at("media"), j.at("caption"), j.at("alt")});
      } else {
        return Status::InvalidInput(where + "unknown record type «" + type + "»");
      }
    } catch (const json::exception& e) {
      return Status::InvalidInput(where + e.what());
    }
  }
  if (!header) return Status::InvalidInput(file + ": empty, not a wakala dump");
  if (!dump.media.empty()) {
    // Refuses up front what the store would refuse, so no file is written for a dump that
    // restores nothing; then the files, before the records that name them.
    auto empty = store.Dump();
    if (!empty.ok()) return empty.status();
    if (!empty->sections.empty() || !empty->articles.empty())
      return Status::Conflict(file + ": nothing imported: the site is not empty");
    for (const auto& [media, bytes] : files)
      for (const auto& [width, data] : bytes)
        if (Status st = media::MediaLibrary::CheckVariant(media, width, data); !st.ok())
          return Prefixed(st, file + ": nothing imported: ");
    for (const auto& [media, bytes] : files)
      for (const auto& [width, data] : bytes)
        if (Status st = library.RestoreVariant(media, width, data); !st.ok())
          return Prefixed(st, file + ": nothing imported: ");
  }
  auto counts = store.Import(dump, /*require_empty=*/true);
  if (!counts.ok())
    return Prefixed(counts.status(), file + ": nothing imported: ");
  return *counts;
}

}  // namespace wakala::cli
