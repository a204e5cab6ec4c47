#include "feeds/parser.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "feeds/encoding.h"
#include "feeds/feed_date.h"
#include "feeds/text.h"
#include "feeds/url.h"

namespace wakala::feeds {
namespace {

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool LooksLikeHtmlPage(std::string_view bytes) {
  std::string head = Lower(bytes.substr(0, 1024));
  size_t p = head.find('<');
  while (p != std::string::npos && (head.compare(p, 5, "<?xml") == 0 || head.compare(p, 4, "<!--") == 0)) {
    size_t end = head.find('>', p);
    if (end == std::string::npos) return false;
    p = head.find('<', end);
  }
  if (p == std::string::npos) return false;
  return head.compare(p, 14, "<!doctype html") == 0 || head.compare(p, 5, "<html") == 0;
}

// Named HTML entities (&nbsp;, &hellip;) are undefined in XML without the DTD we refuse to
// load, and feeds use them all the time; numeric references mean the same and always parse.
std::string NumberHtmlEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    size_t j = i + 1;
    while (j < s.size() && j - i <= 32 && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
    if (j < s.size() && s[j] == ';' && j > i + 1) {
      std::string name(s.substr(i + 1, j - i - 1));
      if (name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "apos") {
        if (const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
          out += "&#" + std::to_string(e->value) + ";";
          i = j + 1;
          continue;
        }
      }
    }
    out += s[i++];
  }
  return out;
}

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
std::string_view Ns(const xmlNode* n) {
  return n->ns && n->ns->href ? std::string_view(reinterpret_cast<const char*>(n->ns->href)) : std::string_view();
}
bool Is(const xmlNode* n, std::string_view name, std::string_view ns) {
  return n && n->type == XML_ELEMENT_NODE && Name(n) == name && Ns(n) == ns;
}

// The text of a node's subtree: text and CDATA only (entity references are never followed).
void AppendText(const xmlNode* n, std::string& out, size_t limit) {
  for (const xmlNode* c = n->children; c && out.size() < limit; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      out += reinterpret_cast<const char*>(c->content);
    else if (c->type == XML_ELEMENT_NODE)
      AppendText(c, out, limit);
  }
}

// Raw content as markup for xhtml content: child elements become tags again so that the
// cleaner sees block boundaries. Good enough: only the text survives cleaning anyway.
std::string Text(const xmlNode* n) {
  std::string out;
  if (n) AppendText(n, out, 1 << 20);
  return out;
}

std::string Attr(const xmlNode* n, const char* name) {
  if (!n) return {};
  xmlChar* v = xmlGetNoNsProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string NsAttr(const xmlNode* n, const char* name, std::string_view ns) {
  std::string nss(ns);
  xmlChar* v = xmlGetNsProp(n, reinterpret_cast<const xmlChar*>(name), reinterpret_cast<const xmlChar*>(nss.c_str()));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

const xmlNode* Child(const xmlNode* n, std::string_view name, std::string_view ns) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (Is(c, name, ns)) return c;
  return nullptr;
}

// The base URL in effect at `n`: the feed's URL, changed by xml:base on the way down.
std::string BaseFor(const xmlNode* n, const std::string& feed_url) {
  std::vector<std::string> bases;
  for (const xmlNode* p = n; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
    std::string b = NsAttr(p, "base", kXmlNs);
    if (!b.empty()) bases.push_back(std::move(b));
  }
  std::string base = feed_url;
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    std::string next = ResolveUrl(base, *it);
    if (!next.empty()) base = std::move(next);
  }
  return base;
}

std::string Title(std::string_view raw, bool is_html) {
  return CleanText(raw, is_html || LooksLikeHtml(raw), kMaxTitleChars);
}

std::optional<UnixSeconds> Date(const xmlNode* n) {
  if (!n) return std::nullopt;
  return ParseFeedDate(Text(n));
}

// Fills id and id_source, and a title from the summary when the feed gave none. false when
// the item has nothing to show (it is then skipped).
bool Finish(ParsedItem& item, size_t index, std::vector<std::string>& warnings) {
  std::string where = "item " + std::to_string(index + 1);
  if (item.title.empty()) {
    if (item.summary.empty()) {
      warnings.push_back(where + " has neither title nor text; skipped");
      return false;
    }
    item.title = CleanText(item.summary, false, 120);
    warnings.push_back(where + " has no title; its text's opening is used");
  }
  item.id = std::string(TrimView(item.id));
  if (!item.id.empty()) {
    item.id_source = "guid";
  } else if (!item.link.empty()) {
    item.id = item.link;
    item.id_source = "link";
  } else {
    item.id = "hash:" + HashHex(item.title + "\n" + item.summary);
    item.id_source = "hash";
  }
  if (item.id.size() > 1000) item.id = "hash:" + HashHex(item.id);
  return true;
}

void AddItem(ParsedFeed& feed, ParsedItem item) {
  size_t index = feed.items.size();
  if (index >= kMaxItems) return;
  if (Finish(item, index, feed.warnings)) feed.items.push_back(std::move(item));
}

void ParseRssItem(const xmlNode* n, const std::string& feed_url, ParsedFeed& feed) {
  ParsedItem item;
  std::string base = BaseFor(n, feed_url);
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = Name(c), ns = Ns(c);
    bool plain = ns.empty() || ns == kRss10Ns;
    if (plain && name == "title") {
      item.title = Title(Text(c), false);
    } else if (plain && name == "link") {
      item.link = ResolveUrl(base, Text(c));
    } else if (plain && name == "description") {
      item.summary = CleanText(Text(c), true, kMaxSummaryChars);
    } else if (ns == kContentNs && name == "encoded" && item.summary.empty()) {
      item.summary = CleanText(Text(c), true, kMaxSummaryChars);
    } else if (plain && name == "guid") {
      item.id = std::string(TrimView(Text(c)));
      std::string perma = Lower(Attr(c, "isPermaLink"));
      if (item.link.empty() && perma != "false") item.link = ResolveUrl(base, item.id);
    } else if (plain && name == "pubDate") {
      item.published = Date(c);
    } else if (ns == kDcNs && name == "date") {
      if (!item.published) item.published = Date(c);
    } else if (ns == kDcNs && name == "identifier") {
      if (item.id.empty()) item.id = std::string(TrimView(Text(c)));
    } else if ((ns == kDcNs && name == "creator") || (plain && name == "author")) {
      item.author = CleanText(Text(c), false, 200);
    } else if (ns == kAtomNs && name == "link" && item.link.empty()) {
      std::string rel = Attr(c, "rel");
      if (rel.empty() || rel == "alternate") item.link = ResolveUrl(base, Attr(c, "href"));
    }
  }
  if (item.id.empty()) item.id = NsAttr(n, "about", kRdfNs);  // RSS 1.0
  if (!item.published) {
    if (const xmlNode* upd = Child(n, "updated", kAtomNs)) item.published = Date(upd);
  }
  AddItem(feed, std::move(item));
}

void ParseRssChannel(const xmlNode* channel, const std::string& feed_url, ParsedFeed& feed) {
  if (!channel) return;
  std::string base = BaseFor(channel, feed_url);
  for (const xmlNode* c = channel->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = Name(c), ns = Ns(c);
    bool plain = ns.empty() || ns == kRss10Ns;
    if (plain && name == "title" && feed.title.empty()) feed.title = Title(Text(c), false);
    else if (plain && name == "link" && feed.link.empty()) feed.link = ResolveUrl(base, Text(c));
    else if (plain && name == "item") ParseRssItem(c, feed_url, feed);
  }
}

std::string AtomText(const xmlNode* n) {
  if (!n) return {};
  std::string type = Lower(Attr(n, "type"));
  bool html = type == "html" || type == "text/html" || type == "xhtml" || type == "application/xhtml+xml";
  return CleanText(Text(n), html, kMaxSummaryChars);
}

std::string AtomLink(const xmlNode* n, const std::string& feed_url) {
  std::string fallback;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (!Is(c, "link", kAtomNs) && !(c->type == XML_ELEMENT_NODE && Name(c) == "link" && Ns(c).empty())) continue;
    std::string rel = Attr(c, "rel");
    std::string href = ResolveUrl(BaseFor(c, feed_url), Attr(c, "href"));
    if (href.empty()) continue;
    if (rel.empty() || rel == "alternate") return href;
    if (fallback.empty() && rel != "self" && rel != "edit" && rel != "enclosure") fallback = href;
  }
  return fallback;
}

void ParseAtom(const xmlNode* root, const std::string& feed_url, ParsedFeed& feed) {
  feed.format = "atom1.0";
  std::string_view ns = Ns(root);
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || Ns(c) != ns) continue;
    std::string_view name = Name(c);
    if (name == "title" && feed.title.empty()) {
      feed.title = CleanText(Text(c), true, kMaxTitleChars);
    } else if (name == "entry") {
      ParsedItem item;
      for (const xmlNode* e = c->children; e; e = e->next) {
        if (e->type != XML_ELEMENT_NODE || Ns(e) != ns) continue;
        std::string_view en = Name(e);
        if (en == "id") item.id = std::string(TrimView(Text(e)));
        else if (en == "title") item.title = CleanText(Text(e), Lower(Attr(e, "type")) != "text" && !Attr(e, "type").empty(), kMaxTitleChars);
        else if (en == "summary") item.summary = AtomText(e);
        else if (en == "content" && item.summary.empty()) item.summary = AtomText(e);
        else if (en == "published") item.published = Date(e);
        else if (en == "updated") item.updated = Date(e);
        else if (en == "author" && item.author.empty()) {
          for (const xmlNode* a = e->children; a; a = a->next)
            if (a->type == XML_ELEMENT_NODE && Name(a) == "name") item.author = CleanText(Text(a), false, 200);
        }
      }
      if (item.title.empty() == false && LooksLikeHtml(item.title)) item.title = Title(item.title, true);
      item.link = AtomLink(c, feed_url);
      if (!item.published) item.published = item.updated;
      AddItem(feed, std::move(item));
    }
  }
  feed.link = AtomLink(root, feed_url);
}

Result<ParsedFeed> ParseJsonFeed(const std::string& text, const std::string& feed_url, ParsedFeed feed) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidInput("the response looks like JSON but is not valid JSON");
  if (!doc.is_object() || !doc.contains("version") || !doc["version"].is_string() ||
      doc["version"].get<std::string>().rfind("https://jsonfeed.org/version/1", 0) != 0)
    return Status::InvalidInput("the response is JSON but not a JSON Feed (its \"version\" is not https://jsonfeed.org/version/1.x)");
  feed.format = "jsonfeed1";
  auto str = [](const nlohmann::json& o, const char* key) -> std::string {
    auto it = o.find(key);
    if (it == o.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
    return {};
  };
  feed.title = CleanText(str(doc, "title"), false, kMaxTitleChars);
  feed.link = ResolveUrl(feed_url, str(doc, "home_page_url"));
  auto items = doc.find("items");
  if (items == doc.end() || !items->is_array()) {
    feed.warnings.push_back("the JSON Feed has no \"items\" array");
    return feed;
  }
  for (const auto& it : *items) {
    if (!it.is_object()) continue;
    ParsedItem item;
    item.id = str(it, "id");
    item.link = ResolveUrl(feed_url, str(it, "url"));
    if (item.link.empty()) item.link = ResolveUrl(feed_url, str(it, "external_url"));
    std::string title = str(it, "title");
    item.title = Title(title, false);
    std::string summary = str(it, "summary");
    if (!summary.empty()) item.summary = CleanText(summary, false, kMaxSummaryChars);
    else if (std::string t = str(it, "content_text"); !t.empty()) item.summary = CleanText(t, false, kMaxSummaryChars);
    else item.summary = CleanText(str(it, "content_html"), true, kMaxSummaryChars);
    item.published = ParseFeedDate(str(it, "date_published"));
    item.updated = ParseFeedDate(str(it, "date_modified"));
    if (!item.published) item.published = item.updated;
    const nlohmann::json* author = nullptr;
    if (auto a = it.find("authors"); a != it.end() && a->is_array() && !a->empty()) author = &(*a)[0];
    else if (auto a1 = it.find("author"); a1 != it.end()) author = &*a1;
    if (author && author->is_object()) item.author = CleanText(str(*author, "name"), false, 200);
    AddItem(feed, std::move(item));
    if (feed.items.size() >= kMaxItems) break;
  }
  if (items->size() > kMaxItems) feed.warnings.push_back("only the first " + std::to_string(kMaxItems) + " items were read");
  return feed;
}

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtDeleter {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

}  // namespace

Result<ParsedFeed> ParseFeed(std::string_view bytes, std::string_view feed_url_view,
                             std::string_view content_type) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  std::string feed_url(feed_url_view);
  if (TrimView(bytes).empty()) return Status::InvalidInput("the response is empty");
  if (bytes.size() > (64u << 20)) return Status::InvalidInput("the document is too large");

  auto decoded = DecodeToUtf8(bytes, content_type);
  if (!decoded.ok()) return decoded.status();
  ParsedFeed feed;
  feed.encoding = decoded->encoding;
  feed.encoding_source = decoded->source;
  if (!decoded->warning.empty()) feed.warnings.push_back(decoded->warning);
  std::string_view text = TrimView(decoded->utf8);

  if (!text.empty() && (text.front() == '{' || text.front() == '['))
    return ParseJsonFeed(std::string(text), feed_url, std::move(feed));
  if (LooksLikeHtmlPage(text))
    return Status::InvalidInput("the address serves an HTML page, not a feed");
  if (text.find("<!ENTITY") != std::string_view::npos)
    return Status::InvalidInput("the document declares its own XML entities (<!ENTITY>); wakala refuses them, since they can expand without bound");
  if (text.front() != '<') return Status::InvalidInput("the response is neither XML nor JSON");

  std::string xml = NumberHtmlEntities(text);
  std::unique_ptr<xmlParserCtxt, CtxtDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) return Status::Internal("cannot allocate an XML parser");
  // No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR, no HUGE (libxml2's own limits
  // on text and depth stay on), no network; CDATA becomes plain text.
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
#if LIBXML_VERSION >= 21300
  options |= XML_PARSE_NO_XXE;
#endif
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), feed_url.c_str(), "UTF-8", options));
  if (!doc || !ctxt->wellFormed) {
    const xmlError* err = xmlCtxtGetLastError(ctxt.get());
    std::string why = err && err->message ? std::string(TrimView(err->message)) : "unknown error";
    std::string line = err ? " at line " + std::to_string(err->line) : "";
    bool truncated = why.find("Premature end") != std::string::npos ||
                     why.find("EndTag") != std::string::npos || why.find("not properly terminated") != std::string::npos;
    return Status::InvalidInput("the feed is not well-formed XML" + line + ": " + why +
                                (truncated ? " (the response looks truncated)" : ""));
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return Status::InvalidInput("the XML document has no root element");
  std::string root_name(Name(root));
  if (Lower(root_name) == "html") return Status::InvalidInput("the address serves an HTML page, not a feed");
  if (root_name == "rss") {
    std::string version = Attr(root, "version");
    feed.format = version.rfind("0.9", 0) == 0 ? "rss0.9x" : "rss2.0";
    ParseRssChannel(Child(root, "channel", Ns(root)), feed_url, feed);
  } else if (root_name == "RDF" && Ns(root) == kRdfNs) {
    feed.format = "rss1.0";
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (Name(c) == "channel") {
        std::string base = BaseFor(c, feed_url);
        if (const xmlNode* t = Child(c, "title", Ns(c))) feed.title = Title(Text(t), false);
        if (const xmlNode* l = Child(c, "link", Ns(c))) feed.link = ResolveUrl(base, Text(l));
      } else if (Name(c) == "item") {
        ParseRssItem(c, feed_url, feed);
      }
    }
  } else if (root_name == "feed" && (Ns(root) == kAtomNs || Ns(root).empty())) {
    ParseAtom(root, feed_url, feed);
  } else {
    return Status::InvalidInput("the document is XML but not a feed (its root element is <" + root_name + ">)");
  }
  return feed;
}

std::string FeedToJson(const ParsedFeed& feed) {
  nlohmann::ordered_json out;
  out["format"] = feed.format;
  out["encoding"] = feed.encoding;
  out["encoding_source"] = feed.encoding_source;
  out["title"] = feed.title;
  out["link"] = feed.link;
  out["items"] = nlohmann::ordered_json::array();
  for (const auto& it : feed.items) {
    nlohmann::ordered_json j;
    j["id"] = it.id;
    j["id_source"] = it.id_source;
    j["link"] = it.link;
    j["title"] = it.title;
    j["summary"] = it.summary;
    j["published"] = it.published ? nlohmann::ordered_json(Iso8601Utc(*it.published)) : nlohmann::ordered_json(nullptr);
    j["updated"] = it.updated ? nlohmann::ordered_json(Iso8601Utc(*it.updated)) : nlohmann::ordered_json(nullptr);
    j["author"] = it.author;
    out["items"].push_back(std::move(j));
  }
  out["warnings"] = feed.warnings;
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace wakala::feeds
