#include "render/theme.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "base/utf8.h"

namespace wakala::render {

namespace {

constexpr std::string_view kHtmlSuffix = "_html";

bool EndsWithHtml(std::string_view key) {
  return key.size() >= kHtmlSuffix.size() &&
         key.substr(key.size() - kHtmlSuffix.size()) == kHtmlSuffix;
}

// ---- Template checking -------------------------------------------------------------------

enum class TagKind {
  kVariable,
  kUnescaped,
  kSectionOpen,
  kInvertedOpen,
  kSectionClose,
  kPartial,
  kComment,
};

struct Tag {
  TagKind kind;
  std::string name;
  size_t offset;  // of the opening "{{"
};

size_t LineOf(std::string_view text, size_t offset) {
  return 1 + std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(offset), '\n');
}

// mstch trims only spaces around names, not tabs or newlines.
std::string_view TrimSpaces(std::string_view s) {
  size_t first = s.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  size_t last = s.find_last_not_of(' ');
  return s.substr(first, last - first + 1);
}

TagKind KindOf(char sigil) {
  switch (sigil) {
    case '>': return TagKind::kPartial;
    case '^': return TagKind::kInvertedOpen;
    case '/': return TagKind::kSectionClose;
    case '&': return TagKind::kUnescaped;
    case '#': return TagKind::kSectionOpen;
    case '!': return TagKind::kComment;
    default: return TagKind::kVariable;
  }
}

// Splits `text` into tags exactly as mstch 1.0.2 does (template_type::tokenize and the token
// constructor, default delimiters), so that the checks below see the tags mstch will render
// and not a regex's approximation of them. Set-delimiter tags are refused before this runs.
Result<std::vector<Tag>> ScanTags(std::string_view text) {
  std::vector<Tag> tags;
  size_t cur = 0;
  while (cur < text.size()) {
    size_t open = text.find("{{", cur);
    if (open == std::string_view::npos) break;
    size_t close = text.find("}}", open + 1);
    if (close == std::string_view::npos) break;  // mstch keeps the rest as text
    if (text[open + 2] == '{' && close + 2 < text.size() && text[close + 2] == '}') ++close;
    std::string_view raw = text.substr(open, close + 2 - open);
    cur = close + 2;

    Tag tag{TagKind::kVariable, {}, open};
    std::string_view name;
    if (raw[2] == '{' && raw[raw.size() - 3] == '}') {
      tag.kind = TagKind::kUnescaped;
      name = TrimSpaces(raw.substr(3, raw.size() - 6));
    } else {
      std::string_view inner = TrimSpaces(raw.substr(2, raw.size() - 4));
      if (!inner.empty()) {
        tag.kind = KindOf(inner[0]);
        name = tag.kind == TagKind::kVariable ? inner : TrimSpaces(inner.substr(1));
      }
    }
    if (name.empty()) {
      // mstch builds the name from a reversed iterator range here and throws.
      return Status::InvalidInput("line " + std::to_string(LineOf(text, open)) + ": empty tag " +
                                  std::string(raw));
    }
    tag.name = std::string(name);
    tags.push_back(std::move(tag));
  }
  return tags;
}

// Checks one template on its own; returns the partials it names. Errors start with the line.
Result<std::vector<std::string>> CheckTemplate(std::string_view text) {
  if (size_t at = text.find("{{="); at != std::string_view::npos) {
    return Status::InvalidInput("line " + std::to_string(LineOf(text, at)) +
                                ": set-delimiter tags ({{=...=}}) are not allowed");
  }
  Result<std::vector<Tag>> tags = ScanTags(text);
  if (!tags.ok()) return tags.status();

  std::vector<std::string> partials;
  std::vector<const Tag*> open_sections;
  for (const Tag& tag : *tags) {
    std::string line = "line " + std::to_string(LineOf(text, tag.offset)) + ": ";
    switch (tag.kind) {
      case TagKind::kUnescaped:
        if (!EndsWithHtml(tag.name)) {
          return Status::InvalidInput(
              line + "unescaped output of \"" + tag.name +
              "\"; only names ending in _html (sanitised HTML) may be emitted with {{{ }}} or "
              "{{& }}, use {{" + tag.name + "}}");
        }
        break;
      case TagKind::kSectionOpen:
      case TagKind::kInvertedOpen:
        open_sections.push_back(&tag);
        break;
      case TagKind::kSectionClose:
        if (open_sections.empty()) {
          return Status::InvalidInput(line + "{{/" + tag.name + "}} closes no open section");
        }
        if (open_sections.back()->name != tag.name) {
          return Status::InvalidInput(
              line + "{{/" + tag.name + "}} closes {{#" + open_sections.back()->name +
              "}} opened on line " + std::to_string(LineOf(text, open_sections.back()->offset)));
        }
        open_sections.pop_back();
        break;
      case TagKind::kPartial:
        partials.push_back(tag.name);
        break;
      case TagKind::kVariable:
      case TagKind::kComment:
        break;
    }
  }
  if (!open_sections.empty()) {
    return Status::InvalidInput("line " +
                                std::to_string(LineOf(text, open_sections.back()->offset)) +
                                ": {{#" + open_sections.back()->name + "}} is never closed");
  }
  return partials;
}

// ---- Partial graph -----------------------------------------------------------------------

using PartialGraph = std::map<std::string, std::vector<std::string>>;

// Depth-first walk that refuses cycles; `state` is 0 unvisited, 1 on the current path, 2 done.
Status CheckNoCycle(const std::string& name, const PartialGraph& graph,
                    std::map<std::string, int>& state, std::vector<std::string>& path) {
  int& s = state[name];
  if (s == 2) return Status::Ok();
  if (s == 1) {
    std::string cycle;
    auto from = std::find(path.begin(), path.end(), name);
    for (auto it = from; it != path.end(); ++it) cycle += *it + " -> ";
    return Status::InvalidInput("partials include each other in a cycle: " + cycle + name);
  }
  s = 1;
  path.push_back(name);
  for (const std::string& next : graph.at(name)) {
    WAKALA_RETURN_IF_ERROR(CheckNoCycle(next, graph, state, path));
  }
  path.pop_back();
  state[name] = 2;
  return Status::Ok();
}

void CollectReachable(const std::string& name, const PartialGraph& graph,
                      std::set<std::string>& seen) {
  for (const std::string& next : graph.at(name)) {
    if (seen.insert(next).second) CollectReachable(next, graph, seen);
  }
}

}  // namespace

// ---- View ----------------------------------------------------------------------------------

void View::Put(const std::string& key, mstch::node value, bool is_html) {
  if (EndsWithHtml(key) != is_html) {
    throw std::logic_error(
        is_html ? "View::SetHtml: key \"" + key + "\" must end in _html"
                : "View: key \"" + key + "\" ends in _html, which is reserved for SafeHtml");
  }
  context_.insert_or_assign(key, std::move(value));
}

View& View::Set(const std::string& key, std::string_view text) {
  Put(key, std::string(text), false);
  return *this;
}

View& View::SetHtml(const std::string& key, const SafeHtml& html) {
  Put(key, html.html(), true);
  return *this;
}

View& View::SetBool(const std::string& key, bool value) {
  Put(key, value, false);
  return *this;
}

View& View::SetNumber(const std::string& key, long long value) {
  // mstch has only int; larger values go as text, which is equally truthy in a section.
  if (value >= std::numeric_limits<int>::min() && value <= std::numeric_limits<int>::max()) {
    Put(key, static_cast<int>(value), false);
  } else {
    Put(key, std::to_string(value), false);
  }
  return *this;
}

View& View::SetList(const std::string& key, std::vector<View> items) {
  mstch::array array;
  array.reserve(items.size());
  for (View& item : items) array.emplace_back(std::move(item.context_));
  Put(key, std::move(array), false);
  return *this;
}

View& View::SetObject(const std::string& key, View object) {
  Put(key, std::move(object.context_), false);
  return *this;
}

// ---- Theme -------------------------------------------------------------------------------

Result<Theme> Theme::Load(const std::string& folder) {
  // mstch's own escaper also turns '/' into "&#x2F;", which makes every href unreadable;
  // ours escapes the five characters that matter in text and quoted attributes. The escaper
  // is a process-wide setting of mstch, so it is set once, here, where mstch is owned.
  static std::once_flag escape_once;
  std::call_once(escape_once, [] { mstch::config::escape = [](const std::string& s) { return EscapeHtml(s); }; });
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return Status::InvalidInput("theme folder " + folder + " does not exist or is not a folder");
  }

  std::vector<fs::path> files;
  fs::directory_iterator it(folder, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".mustache" && !p.stem().empty() && it->is_regular_file(ec)) {
      files.push_back(p);
    }
  }
  if (ec) return Status::InvalidInput("theme folder " + folder + ": " + ec.message());
  std::sort(files.begin(), files.end());  // so that the first error reported is stable

  Theme theme;
  PartialGraph graph;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in) return Status::InvalidInput(path.string() + ": cannot be read");
    std::string text = std::move(buf).str();
    if (std::optional<size_t> bad = FirstInvalidUtf8(text)) {
      return Status::InvalidInput(path.string() + ": not valid UTF-8 (line " +
                                  std::to_string(LineOf(text, *bad)) + ", byte " +
                                  std::to_string(*bad) + ")");
    }
    Result<std::vector<std::string>> partials = CheckTemplate(text);
    if (!partials.ok()) {
      return Status::InvalidInput(path.string() + ": " + partials.status().message());
    }
    std::string name = path.stem().string();
    graph[name] = std::move(*partials);
    theme.templates_[name].text = std::move(text);
  }
  if (!theme.templates_.count("layout")) {
    return Status::InvalidInput("theme folder " + folder + " has no layout.mustache");
  }

  for (const auto& [name, partials] : graph) {
    for (const std::string& partial : partials) {
      if (!graph.count(partial)) {
        return Status::InvalidInput((fs::path(folder) / (name + ".mustache")).string() +
                                    ": {{> " + partial + "}} names no template in the theme (no " +
                                    partial + ".mustache)");
      }
    }
  }
  std::map<std::string, int> state;
  for (const auto& [name, unused] : graph) {
    std::vector<std::string> path;
    Status st = CheckNoCycle(name, graph, state, path);
    if (!st.ok()) return Status::InvalidInput("theme folder " + folder + ": " + st.message());
  }
  for (auto& [name, tmpl] : theme.templates_) {
    std::set<std::string> reachable;
    CollectReachable(name, graph, reachable);
    for (const std::string& partial : reachable) {
      tmpl.partials.emplace(partial, theme.templates_.at(partial).text);
    }
  }
  return theme;
}

Result<std::string> Theme::Render(const std::string& template_name, const View& view) const {
  auto it = templates_.find(template_name);
  if (it == templates_.end()) {
    return Status::NotFound("theme has no template \"" + template_name + "\"");
  }
  try {
    return mstch::render(it->second.text, view.context(), it->second.partials);
  } catch (const std::exception& e) {
    return Status::Internal("rendering template " + template_name + ": " + e.what());
  } catch (...) {
    return Status::Internal("rendering template " + template_name + ": unknown exception");
  }
}

}  // namespace wakala::render
