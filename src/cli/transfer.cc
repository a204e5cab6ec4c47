#include "cli/transfer.h"

#include <nlohmann/json.hpp>

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

}  // namespace

Status ExportJsonl(store::Store& store, std::ostream& out) {
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
                 {"tags", a.tags},
                 {"old_slugs", a.old_slugs}});
    for (const auto& r : dump->redirects)
      Line(out, {{"type", "redirect"}, {"old_path", r.old_path}, {"target_path", r.target_path}});
  } catch (const json::exception& e) {
    return Status::Corruption(std::string("the store holds text that is not UTF-8: ") + e.what());
  }
  out.flush();
  if (!out) return Status::Unavailable("could not write the export");
  return Status::Ok();
}

Result<store::ImportCounts> ImportJsonl(store::Store& store, std::string_view text,
                                        const std::string& file) {
  store::SiteDump dump;
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
        a.tags = j.at("tags").get<std::vector<std::string>>();
        a.old_slugs = j.at("old_slugs").get<std::vector<std::string>>();
        dump.articles.push_back(std::move(a));
      } else if (type == "redirect") {
        dump.redirects.push_back({j.at("old_path"), j.at("target_path")});
      } else {
        return Status::InvalidInput(where + "unknown record type «" + type + "»");
      }
    } catch (const json::exception& e) {
      return Status::InvalidInput(where + e.what());
    }
  }
  if (!header) return Status::InvalidInput(file + ": empty, not a wakala dump");
  auto counts = store.Import(dump, /*require_empty=*/true);
  if (!counts.ok())
    return Prefixed(counts.status(), file + ": nothing imported: ");
  return *counts;
}

}  // namespace wakala::cli
