#include "newsroom/wxr_import.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "arabic/slug.h"
#include "base/utf8.h"
#include "render/html_to_markdown.h"

namespace wakala::newsroom {
namespace {

// Exports name the namespace with http or, since WordPress 6.x some themes' data, https.
constexpr std::string_view kWpNamespaces[] = {"http://wordpress.org/export/",
                                              "https://wordpress.org/export/"};
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";

std::string Local(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
std::string Ns(const xmlNode* n) {
  return n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : "";
}
bool IsWp(const xmlNode* n) {
  std::string ns = Ns(n);
  bool wp = false;
  for (std::string_view prefix : kWpNamespaces) wp = wp || ns.rfind(prefix, 0) == 0;
  return wp && ns.find("/excerpt/") == std::string::npos;
}
bool Is(const xmlNode* n, std::string_view local, bool wp) {
  return n->type == XML_ELEMENT_NODE && Local(n) == local && (wp ? IsWp(n) : Ns(n).empty());
}

std::string Text(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return "";
  std::string s = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return s;
}

std::string Trimmed(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The first child with that local name: WordPress namespace (any version) when `wp`, else
// the namespace `ns` ("" for none).
const xmlNode* Child(const xmlNode* parent, std::string_view local, bool wp,
                     std::string_view ns = "") {
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || Local(c) != local) continue;
    if (wp ? IsWp(c) : Ns(c).rfind(ns, 0) == 0 && (ns.empty() ? Ns(c).empty() : true)) return c;
  }
  return nullptr;
}

std::string ChildText(const xmlNode* parent, std::string_view local, bool wp,
                      std::string_view ns = "") {
  const xmlNode* c = Child(parent, local, wp, ns);
  return c ? Trimmed(Text(c)) : "";
}

std::string Where(const std::string& file, const xmlNode* n) {
  return file + ":" + std::to_string(xmlGetLineNo(n));
}

std::string Decoded(const std::string& s) {
  auto d = PercentDecode(s);
  return d && IsValidUtf8(*d) ? *d : s;
}

// A slug for wakala: the WordPress slug decoded and normalised; else from the fallback text.
std::string SlugFrom(const std::string& wp_slug, const std::string& fallback) {
  std::string slug = arabic::Slugify(Decoded(wp_slug));
  if (slug.empty()) slug = arabic::Slugify(fallback);
  return slug;
}

// "http://host/a/b/?p=1" -> "/a/b/?p=1" (decoded path, raw query); "" when not a URL.
std::string PathOf(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url.rfind('/', 0) == 0 ? url : "";
  size_t path = url.find_first_of("/?#", scheme + 3);
  if (path == std::string::npos) return "/";
  std::string rest = url.substr(path);
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest[0] == '?') rest = "/" + rest;
  size_t q = rest.find('?');
  std::string p = Decoded(rest.substr(0, q));
  return q == std::string::npos ? p : p + rest.substr(q);
}

std::optional<UnixSeconds> WpDate(const std::string& text) {
  if (text.empty() || text.rfind("0000-00-00", 0) == 0) return std::nullopt;
  return ParseDateTime(text, 0);
}

// RSS's "Thu, 04 Sep 2008 10:05:39 +0000" (any numeric offset, or GMT).
std::optional<UnixSeconds> RssDate(const std::string& text) {
  if (text.size() < 6) return std::nullopt;
  std::string zone = text.substr(text.size() - 5);
  if ((zone[0] == '+' || zone[0] == '-') && text[text.size() - 6] == ' ' &&
      zone.find_first_not_of("0123456789", 1) == std::string::npos) {
    auto t = ParseHttpDate(text.substr(0, text.size() - 6) + " GMT");
    if (!t) return std::nullopt;
    int offset = ((zone[1] - '0') * 10 + (zone[2] - '0')) * 3600 + ((zone[3] - '0') * 10 + (zone[4] - '0')) * 60;
    return *t - (zone[0] == '-' ? -offset : offset);
  }
  return ParseHttpDate(text);
}

struct Counter {
  std::map<std::string, int> by_reason;
  std::vector<std::string> order;
  void Add(const std::string& what_and_why, int n = 1) {
    if (!by_reason.count(what_and_why)) order.push_back(what_and_why);
    by_reason[what_and_why] += n;
  }
};

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

// The comments of an imported post (<wp:comment>), keyed "wxr:POST:COMMENT" so that a second
// import updates them: approval 1 → approved, 0 → held, spam → spam; trashed comments,
// pingbacks and trackbacks are skipped. Their text is HTML in WordPress; here it becomes the
// plain text wakala keeps. Parents come before their replies; a reply whose parent is not
// imported becomes a top-level comment.
namespace {

// A WordPress comment's text (raw text with line breaks, sometimes HTML) as plain text that
// keeps its line breaks: <br> and paragraph ends become new lines, each line loses its tags.
std::string CommentText(const std::string& html) {
  static const std::regex kBreak(R"(<br\s*/?>\r?\n?|</p\s*>)", std::regex::icase);
  std::string text = std::regex_replace(html, kBreak, "\n");
  std::string out;
  size_t pos = 0;
  int blank = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = render::HtmlToText(text.substr(pos, nl - pos));
    if (line.empty()) {
      ++blank;
    } else {
      if (!out.empty()) out += blank ? "\n\n" : "\n";
      out += line;
      blank = 0;
    }
    pos = nl + 1;
  }
  return out;
}

void AddWxrComments(const xmlNode* item, const std::string& post_id, const std::string& slug,
                    std::vector<store::CommentRecord>& out, Counter& skipped) {
  std::vector<store::CommentRecord> found;
  std::map<std::string, std::string> parent_of;  // key -> parent key
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (!Is(c, "comment", true)) continue;
    std::string type = ChildText(c, "comment_type", true);
    if (type == "pingback" || type == "trackback") {
      skipped.Add("pingbacks and trackbacks: not readers' comments");
      continue;
    }
    std::string approved = ChildText(c, "comment_approved", true);
    std::string status = approved == "1" ? "approved" : approved == "0" ? "held"
                         : approved == "spam" ? "spam" : "";
    if (status.empty()) {
      skipped.Add(approved == "trash" ? std::string("trashed comments")
                                      : "comments with approval «" + approved + "»");
      continue;
    }
    std::string id = ChildText(c, "comment_id", true);
    std::string body = CommentText(ChildText(c, "comment_content", true));
    std::string author = Trimmed(ChildText(c, "comment_author", true));
    auto date = WpDate(ChildText(c, "comment_date_gmt", true));
    if (!date || *date <= 0) date = WpDate(ChildText(c, "comment_date", true));
    if (id.empty() || body.empty() || !IsValidUtf8(body) || !IsValidUtf8(author) || !date || *date <= 0) {
      skipped.Add("comments without an id, a date or text");
      continue;
    }
    store::CommentRecord r;
    r.key = "wxr:" + post_id + ":" + id;
    r.article_slug = slug;
    r.author_name = author.empty() || !IsValidUtf8(author) ? "مجهول" : author;
    std::string email = Trimmed(ChildText(c, "comment_author_email", true));
    std::transform(email.begin(), email.end(), email.begin(),
                   [](char ch) { return static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch); });
    r.email = IsValidUtf8(email) ? email : "";
    std::string ip = Trimmed(ChildText(c, "comment_author_IP", true));
    r.ip = IsValidUtf8(ip) ? ip : "";
    r.body = body;
    r.status = status;
    r.created_at = *date;
    std::string parent = Trimmed(ChildText(c, "comment_parent", true));
    if (!parent.empty() && parent != "0") parent_of[r.key] = "wxr:" + post_id + ":" + parent;
    found.push_back(std::move(r));
  }
  std::set<std::string> keys;
  for (const auto& r : found) keys.insert(r.key);
  for (auto& r : found) {
    auto p = parent_of.find(r.key);
    if (p != parent_of.end() && keys.count(p->second) && p->second != r.key) r.parent_key = p->second;
  }
  // Parents first: repeat passes until every comment whose parent is placed is placed too
  // (a cycle, which WordPress cannot make, would leave the rest as top-level comments).
  std::set<std::string> placed;
  std::vector<bool> done(found.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t i = 0; i < found.size(); ++i) {
      if (done[i] || (!found[i].parent_key.empty() && !placed.count(found[i].parent_key))) continue;
      placed.insert(found[i].key);
      out.push_back(found[i]);
      done[i] = progress = true;
    }
  }
  for (size_t i = 0; i < found.size(); ++i) {
    if (done[i]) continue;
    found[i].parent_key.clear();
    out.push_back(found[i]);
  }
}

}  // namespace

Result<store::SiteDump> ParseWxr(std::string_view xml, const std::string& file,
                                 WxrImportResult* result) {
  WxrImportResult local;
  WxrImportResult& out = result ? *result : local;
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(xmlNewParserCtxt(),
                                                                     &xmlFreeParserCtxt);
  if (!ctxt) return Status::Internal("libxml2: cannot allocate a parser");
  // No network, no external entities, no DTD loading: an export is data, never a fetch.
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), file.c_str(),
                        nullptr, XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOWARNING |
                                     XML_PARSE_NOERROR),
      &xmlFreeDoc);
  if (!doc || !ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string message = e && e->message ? Trimmed(e->message) : "unreadable";
    int line = e ? e->line : 0, col = e ? e->int2 : 0;
    return Status::InvalidInput(file + ":" + std::to_string(line) + ":" + std::to_string(col) +
                                ": not well-formed XML, nothing imported: " + message);
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || Local(root) != "rss")
    return Status::InvalidInput(file + ": not a WXR file (the root element is not <rss>)");
  const xmlNode* channel = Child(root, "channel", false);
  if (!channel) return Status::InvalidInput(Where(file, root) + ": not a WXR file (no <channel>)");
  const xmlNode* version = Child(channel, "wxr_version", true);
  out.wxr_version = version ? Trimmed(Text(version)) : "";
  static const std::regex kVersion(R"(\d+\.\d+)");
  if (!std::regex_match(out.wxr_version, kVersion))
    return Status::InvalidInput(
        (version ? Where(file, version) : Where(file, channel)) +
        ": this does not appear to be a WXR file: missing or invalid WXR version number" +
        (version ? " «" + out.wxr_version + "»" : ""));

  store::SiteDump dump;
  std::map<std::string, std::string> author_names;  // login -> display name
  std::map<std::string, std::string> category_names;  // nicename -> name
  std::map<std::string, std::string> tag_slugs;       // WP tag slug -> name
  std::map<std::string, std::string> attachment_urls;  // post id -> URL
  for (const xmlNode* c = channel->children; c; c = c->next) {
    if (Is(c, "author", true)) {
      std::string login = ChildText(c, "author_login", true);
      std::string name = ChildText(c, "author_display_name", true);
      if (arabic::Slugify(name).empty()) name = login;
      if (!login.empty()) author_names[login] = name;
    } else if (Is(c, "category", true)) {
      std::string nicename = ChildText(c, "category_nicename", true);
      std::string name = ChildText(c, "cat_name", true);
      if (!nicename.empty()) category_names[nicename] = name.empty() ? Decoded(nicename) : name;
    } else if (Is(c, "tag", true)) {
      std::string slug = ChildText(c, "tag_slug", true);
      std::string name = ChildText(c, "tag_name", true);
      if (!slug.empty()) tag_slugs[slug] = name.empty() ? Decoded(slug) : name;
    } else if (Is(c, "item", false) && ChildText(c, "post_type", true) == "attachment") {
      std::string url = ChildText(c, "attachment_url", true);
      if (url.empty()) url = ChildText(c, "guid", false);
      attachment_urls[ChildText(c, "post_id", true)] = url;
    }
  }

  Counter skipped;
  std::set<std::string> used_slugs;
  std::map<std::string, std::string> section_by_nicename;  // nicename -> section slug
  std::set<std::string> section_names;
  int item_number = 0;
  for (const xmlNode* item = channel->children; item; item = item->next) {
    if (!Is(item, "item", false)) continue;
    ++item_number;
    const std::string where = Where(file, item) + ": item " + std::to_string(item_number);
    std::string type = ChildText(item, "post_type", true);
    std::string status = ChildText(item, "status", true);
    int item_comments = 0;
    for (const xmlNode* c = item->children; c; c = c->next) item_comments += Is(c, "comment", true);
    // Counted here; a post that is imported takes them back below (AddWxrComments).
    if (item_comments) skipped.Add("comments on items that are not imported", item_comments);
    if (type == "attachment") {
      skipped.Add("attachments: media stay where they are; featured images link to them");
      continue;
    }
    if (type == "page") {
      skipped.Add("pages: pages are not articles");
      continue;
    }
    if (type != "post") {
      skipped.Add("items of type «" + (type.empty() ? "(none)" : type) + "»: not posts");
      continue;
    }
    if (status == "trash" || status == "auto-draft" || status == "inherit") {
      skipped.Add("posts with status «" + status + "»");
      continue;
    }
    std::string post_id = ChildText(item, "post_id", true);
    std::string title = ChildText(item, "title", false);
    if (!IsValidUtf8(title)) return Status::InvalidInput(where + ": the title is not valid UTF-8");
    if (title.empty()) {
      title = "بدون عنوان " + post_id;
      out.notes.push_back(where + ": untitled post " + post_id + " titled «" + title + "»");
    }

    store::ArticleRecord rec;
    rec.title = title;
    rec.status = status == "publish" || status == "future" ? "published" : "draft";
    auto published = WpDate(ChildText(item, "post_date_gmt", true));
    if (!published) published = WpDate(ChildText(item, "post_date", true));
    if (!published) published = RssDate(ChildText(item, "pubDate", false));
    if (!published) {
      // Nothing to date it by: it cannot take its place in listings, archives and feeds.
      skipped.Add("posts without any date (post_date_gmt, post_date, pubDate)");
      continue;
    }
    rec.published_at = *published;
    auto modified = WpDate(ChildText(item, "post_modified_gmt", true));
    rec.updated_at = modified && *modified > rec.published_at ? *modified : rec.published_at;

    std::string slug = SlugFrom(ChildText(item, "post_name", true), title);
    if (slug.empty()) slug = "post-" + post_id;
    if (used_slugs.count(slug)) slug += "-" + post_id;
    if (used_slugs.count(slug))
      return Status::InvalidInput(where + ": post " + post_id + " repeats the post id of another item");
    used_slugs.insert(slug);
    rec.slug = slug;

    std::string login = ChildText(item, "creator", false, kDcNs);
    auto named = author_names.find(login);
    rec.author = named != author_names.end() ? named->second : login;
    if (arabic::Slugify(rec.author).empty()) rec.author = "WordPress";

    std::vector<std::pair<std::string, std::string>> categories;  // nicename, name
    std::vector<std::string> tags;
    for (const xmlNode* c = item->children; c; c = c->next) {
      if (!Is(c, "category", false)) continue;
      xmlChar* domain = xmlGetProp(c, BAD_CAST "domain");
      xmlChar* nicename = xmlGetProp(c, BAD_CAST "nicename");
      std::string d = domain ? reinterpret_cast<const char*>(domain) : "";
      std::string n = nicename ? reinterpret_cast<const char*>(nicename) : "";
      xmlFree(domain);
      xmlFree(nicename);
      std::string name = Trimmed(Text(c));
      if (d == "category") categories.emplace_back(n, name);
      else if (d == "post_tag" || d == "tag") tags.push_back(name);
      // custom taxonomies (post_format, ...) are WordPress presentation, not news metadata
    }
    if (categories.empty()) categories.emplace_back("uncategorized", "غير مصنف");
    {
      auto [nicename, name] = categories.front();
      if (name.empty()) name = category_names.count(nicename) ? category_names[nicename] : nicename;
      std::string section_slug = SlugFrom(nicename, name);
      if (section_slug.empty()) section_slug = "section-" + std::to_string(dump.sections.size() + 1);
      if (!section_by_nicename.count(nicename)) {
        // Two categories with one name (children of different parents) stay two sections.
        std::string section_name = name;
        if (section_names.count(section_name)) section_name += " (" + section_slug + ")";
        section_names.insert(section_name);
        dump.sections.push_back({section_name, section_slug, static_cast<int>(dump.sections.size() + 1)});
        section_by_nicename[nicename] = section_slug;
        dump.redirects.push_back({"/category/" + Decoded(nicename) + "/", "/section/" + section_slug});
      }
      rec.section_slug = section_by_nicename[nicename];
    }
    for (size_t i = 1; i < categories.size(); ++i) tags.push_back(categories[i].second);
    for (const std::string& t : tags) {
      if (arabic::Slugify(t).empty() || !IsValidUtf8(t)) {
        skipped.Add("tags without letters or digits");
        continue;
      }
      if (std::find(rec.tags.begin(), rec.tags.end(), t) == rec.tags.end()) rec.tags.push_back(t);
    }

    render::HtmlConversionNotes conversion;
    std::string content = ChildText(item, "encoded", false, kContentNs);
    if (!IsValidUtf8(content)) return Status::InvalidInput(where + ": the content is not valid UTF-8");
    rec.body_markdown = render::HtmlToMarkdown(content, &conversion);
    for (const auto& dropped : conversion.dropped) skipped.Add("<" + dropped + "> elements in bodies: not allowed");
    if (!conversion.refused_urls.empty())
      skipped.Add("links or images with a scheme other than http, https or mailto",
                  static_cast<int>(conversion.refused_urls.size()));
    for (const xmlNode* c = item->children; c; c = c->next) {
      if (!Is(c, "postmeta", true)) continue;
      if (ChildText(c, "meta_key", true) != "_thumbnail_id") continue;
      auto url = attachment_urls.find(ChildText(c, "meta_value", true));
      if (url == attachment_urls.end() || url->second.empty()) {
        skipped.Add("featured images whose attachment is not in the file");
        continue;
      }
      std::string md = render::HtmlToMarkdown("<img src=\"" + url->second + "\" alt=\"\">");
      if (!md.empty()) rec.body_markdown = md + (rec.body_markdown.empty() ? "" : "\n\n" + rec.body_markdown);
    }
    std::string excerpt;
    for (const xmlNode* c = item->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && Local(c) == "encoded" && Ns(c).find("/excerpt/") != std::string::npos)
        excerpt = Text(c);
    rec.summary = render::HtmlToText(excerpt);

    std::string link = ChildText(item, "link", false);
    std::string old_path = PathOf(link);
    const std::string target = "/article/" + rec.slug;
    if (!old_path.empty() && old_path != target && old_path != "/") dump.redirects.push_back({old_path, target});
    if (!post_id.empty()) dump.redirects.push_back({"/?p=" + post_id, target});
    if (item_comments) skipped.Add("comments on items that are not imported", -item_comments);
    AddWxrComments(item, post_id, rec.slug, dump.comments, skipped);
    dump.articles.push_back(std::move(rec));
    ++out.posts;
  }
  for (const auto& [slug, name] : tag_slugs) {
    std::string s = arabic::Slugify(name);
    if (!s.empty() && Decoded(slug) != s) dump.redirects.push_back({"/tag/" + Decoded(slug) + "/", "/tag/" + s});
  }
  // One target per old path: the first wins (a later duplicate would only overwrite it).
  std::set<std::string> seen;
  std::vector<store::RedirectRecord> unique;
  for (auto& r : dump.redirects)
    if (seen.insert(r.old_path).second && IsValidUtf8(r.old_path)) unique.push_back(std::move(r));
  dump.redirects = std::move(unique);
  for (const std::string& reason : skipped.order)
    if (skipped.by_reason[reason] > 0)
      out.skipped.push_back(std::to_string(skipped.by_reason[reason]) + " " + reason);
  return dump;
}

Result<WxrImportResult> ImportWxr(store::Store& store, std::string_view xml,
                                  const std::string& file_name) {
  WxrImportResult result;
  Result<store::SiteDump> dump = ParseWxr(xml, file_name, &result);
  if (!dump.ok()) return dump.status();
  Result<store::ImportCounts> counts = store.Import(*dump, /*require_empty=*/false);
  if (!counts.ok())
    return Prefixed(counts.status(), file_name + ": nothing imported: ");
  result.counts = *counts;
  return result;
}

std::string FormatWxrReport(const WxrImportResult& r, const std::string& file_name) {
  std::string out = "imported " + file_name + " (WXR " + r.wxr_version + ")\n";
  out += "  articles: " + std::to_string(r.counts.articles_created) + " created, " +
         std::to_string(r.counts.articles_updated) + " updated, " +
         std::to_string(r.counts.articles_unchanged) + " unchanged\n";
  out += "  sections: " + std::to_string(r.counts.sections_created) + " created\n";
  out += "  redirects from old URLs: " + std::to_string(r.counts.redirects) + "\n";
  out += "  comments: " + std::to_string(r.counts.comments_created) + " created, " +
         std::to_string(r.counts.comments_updated) + " updated\n";
  if (r.skipped.empty()) out += "  skipped: nothing\n";
  for (const auto& s : r.skipped) out += "  skipped: " + s + "\n";
  for (const auto& n : r.notes) out += "  note: " + n + "\n";
  return out;
}

}  // namespace wakala::newsroom
