#include "render/html_to_markdown.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <set>

namespace wakala::render {
namespace {

const std::set<std::string, std::less<>> kDropped = {
    "script", "style", "iframe", "object", "embed", "form", "input", "button", "select",
    "textarea", "noscript", "template", "svg", "math", "head", "title", "meta", "link",
    "frame", "frameset", "applet", "canvas", "audio", "video", "source", "track", "base"};
const std::set<std::string, std::less<>> kBlocks = {
    "p", "div", "section", "article", "figure", "header", "footer", "main", "aside", "center",
    "nav", "address", "figcaption", "details", "summary", "dl", "dt", "dd", "body", "html"};

std::string Name(const xmlNode* n) {
  std::string s = n->name ? reinterpret_cast<const char*>(n->name) : "";
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string s = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return s;
}

bool IsHeading(const std::string& n) {
  return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6';
}

bool IsBlock(const std::string& n) {
  return kBlocks.count(n) || IsHeading(n) || n == "ul" || n == "ol" || n == "li" ||
         n == "blockquote" || n == "pre" || n == "hr" || n == "table";
}

// Escapes the characters Markdown gives meaning to anywhere in a line.
std::string EscapeInline(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::strchr("\\`*_[]<>|~&!#", c) && c != '\0') out += '\\';
    out += c;
  }
  return out;
}

std::string CollapseSpace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = true;
      continue;
    }
    // A leading space is kept: between two inline elements it separates words.
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (space && !out.empty()) out += ' ';
  return out;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\n");
  return s.substr(b, e - b + 1);
}

// A URL whose scheme is allowed (http, https, mailto) or that has none (relative); with the
// characters that would end a Markdown link destination percent-encoded. Empty when refused.
std::string SafeUrl(std::string url, bool image, HtmlConversionNotes* notes) {
  url = Trim(url);
  if (url.empty()) return "";
  size_t colon = url.find(':');
  size_t first_sep = url.find_first_of("/?#");
  if (colon != std::string::npos && (first_sep == std::string::npos || colon < first_sep)) {
    std::string scheme = url.substr(0, colon);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    bool ok = scheme == "http" || scheme == "https" || (!image && scheme == "mailto");
    if (!ok) {
      if (notes) notes->refused_urls.push_back(url);
      return "";
    }
  }
  std::string out;
  for (unsigned char c : url) {
    if (c <= 0x20 || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == 0x7f) {
      static const char* kHex = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string Fence(const std::string& text, char ch) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == ch ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), ch);
}

std::string TextContent(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return "";
  std::string s = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return s;
}

class Converter {
 public:
  explicit Converter(HtmlConversionNotes* notes) : notes_(notes) {}

  // The Markdown of a block container's children.
  std::string Blocks(const xmlNode* parent) {
    std::vector<std::string> blocks;
    std::string para;
    auto flush = [&] {
      for (std::string& p : SplitParagraphs(para)) blocks.push_back(std::move(p));
      para.clear();
    };
    for (const xmlNode* c = parent->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        // A blank line in WordPress post_content is a paragraph break: keep it as a marker.
        std::string raw = reinterpret_cast<const char*>(c->content ? c->content : BAD_CAST "");
        std::string piece;
        size_t i = 0;
        while (i < raw.size()) {
          size_t nl = raw.find('\n', i);
          size_t next = nl == std::string::npos ? std::string::npos : raw.find_first_not_of(" \t\r", nl + 1);
          if (nl != std::string::npos && next != std::string::npos && raw[next] == '\n') {
            piece += EscapeInline(CollapseSpace(raw.substr(i, nl - i)));
            piece += kBreak;
            i = raw.find_first_not_of(" \t\r\n", next);
            if (i == std::string::npos) i = raw.size();
          } else {
            piece += EscapeInline(CollapseSpace(raw.substr(i)));
            i = raw.size();
          }
        }
        para += piece;
        continue;
      }
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string name = Name(c);
      if (kDropped.count(name)) {
        if (notes_) notes_->dropped.push_back(name);
        continue;
      }
      if (!IsBlock(name)) {
        para += Inline(c);
        continue;
      }
      flush();
      std::string block = Block(c, name);
      if (!Trim(block).empty()) blocks.push_back(std::move(block));
    }
    flush();
    std::string out;
    for (const auto& b : blocks) {
      if (!out.empty()) out += "\n\n";
      out += b;
    }
    return out;
  }

 private:
  static constexpr const char* kBreak = "\x01";  // paragraph break marker inside `para`

  // Inline text split at the paragraph markers, each piece trimmed and made safe at line
  // starts (a leading "-", "+", "=" or "1." would otherwise start a list or a heading).
  std::vector<std::string> SplitParagraphs(const std::string& para) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= para.size()) {
      size_t m = para.find(kBreak, i);
      std::string piece = Trim(para.substr(i, m == std::string::npos ? std::string::npos : m - i));
      if (!piece.empty()) out.push_back(ProtectLineStarts(piece));
      if (m == std::string::npos) break;
      i = m + 1;
    }
    return out;
  }

  static std::string ProtectLineStarts(const std::string& text) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      size_t nl = text.find('\n', i);
      std::string line = text.substr(i, nl == std::string::npos ? std::string::npos : nl - i + 1);
      size_t lead = line.find_first_not_of(' ');
      if (lead != std::string::npos) {
        char c = line[lead];
        bool numbered = false;
        if (std::isdigit(static_cast<unsigned char>(c))) {
          size_t d = line.find_first_not_of("0123456789", lead);
          numbered = d != std::string::npos && (line[d] == '.' || line[d] == ')');
          if (numbered) line.insert(d, "\\");
        } else if (c == '-' || c == '+' || c == '=') {
          line.insert(lead, "\\");
        }
        line = line.substr(lead);
      }
      out += line;
      if (nl == std::string::npos) break;
      i = nl + 1;
    }
    return out;
  }

  std::string InlineChildren(const xmlNode* n) {
    std::string out;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        out += EscapeInline(CollapseSpace(reinterpret_cast<const char*>(c->content ? c->content : BAD_CAST "")));
      } else if (c->type == XML_ELEMENT_NODE) {
        std::string name = Name(c);
        if (kDropped.count(name)) {
          if (notes_) notes_->dropped.push_back(name);
          continue;
        }
        out += Inline(c);
      }
    }
    return out;
  }

  // Wraps `inner` in a delimiter, keeping edge spaces outside (`** x**` would not parse).
  static std::string Wrap(const std::string& inner, const std::string& delim) {
    std::string t = Trim(inner);
    if (t.empty()) return inner.empty() ? "" : " ";
    std::string out;
    if (inner.front() == ' ') out += ' ';
    out += delim + t + delim;
    if (inner.back() == ' ') out += ' ';
    return out;
  }

  std::string Inline(const xmlNode* n) {
    std::string name = Name(n);
    if (name == "br") return "\\\n";
    if (name == "strong" || name == "b") return Wrap(InlineChildren(n), "**");
    if (name == "em" || name == "i") return Wrap(InlineChildren(n), "*");
    if (name == "del" || name == "s" || name == "strike") return Wrap(InlineChildren(n), "~~");
    if (name == "code" || name == "kbd" || name == "tt") {
      std::string text = CollapseSpace(TextContent(n));
      if (Trim(text).empty()) return text;
      std::string fence(1, '`');
      while (text.find(fence) != std::string::npos) fence += '`';
      return fence + " " + text + " " + fence;
    }
    if (name == "a") {
      std::string text = Trim(InlineChildren(n));
      std::string url = SafeUrl(Attr(n, "href"), false, notes_);
      if (url.empty() || text.empty()) return text;
      return "[" + text + "](" + url + ")";
    }
    if (name == "img") {
      std::string url = SafeUrl(Attr(n, "src"), true, notes_);
      if (url.empty()) return "";
      return "![" + EscapeInline(CollapseSpace(Attr(n, "alt"))) + "](" + url + ")";
    }
    if (name == "q") return "\"" + InlineChildren(n) + "\"";
    if (IsBlock(name)) return " " + InlineChildren(n) + " ";
    return InlineChildren(n);  // span, u, small, sub, sup, abbr, cite, mark, font, ...: unwrapped
  }

  static std::string Indent(const std::string& text, const std::string& first,
                            const std::string& rest) {
    std::string out = first;
    for (size_t i = 0; i < text.size(); ++i) {
      out += text[i];
      if (text[i] == '\n' && i + 1 < text.size()) out += text[i + 1] == '\n' ? "" : rest;
    }
    return out;
  }

  std::string Block(const xmlNode* n, const std::string& name) {
    if (IsHeading(name)) {
      std::string text = Trim(CollapseSpace(InlineChildren(n)));
      if (text.empty()) return "";
      return std::string(name[1] - '0', '#') + " " + text;
    }
    if (name == "hr") return "***";
    if (name == "pre") {
      std::string text = TextContent(n);
      while (!text.empty() && text.back() == '\n') text.pop_back();
      std::string fence = Fence(text, '`');
      return fence + "\n" + text + "\n" + fence;
    }
    if (name == "blockquote") {
      std::string inner = Blocks(n);
      if (inner.empty()) return "";
      std::string out = "> ";
      for (char c : inner) {
        out += c;
        if (c == '\n') out += "> ";
      }
      return out;
    }
    if (name == "ul" || name == "ol") {
      std::string out;
      int number = 1;
      for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        std::string item = Trim(Name(c) == "li" ? Blocks(c) : Inline(c));
        if (item.empty()) continue;
        std::string marker = name == "ol" ? std::to_string(number++) + ". " : "- ";
        if (!out.empty()) out += "\n";
        out += Indent(item, marker, std::string(marker.size(), ' '));
      }
      return out;
    }
    if (name == "table") return Table(n);
    return Blocks(n);  // p, div, li and the other containers
  }

  void CollectRows(const xmlNode* n, std::vector<std::vector<std::string>>& rows) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string name = Name(c);
      if (name == "tr") {
        std::vector<std::string> cells;
        for (const xmlNode* cell = c->children; cell; cell = cell->next) {
          if (cell->type != XML_ELEMENT_NODE) continue;
          std::string cn = Name(cell);
          if (cn != "td" && cn != "th") continue;
          std::string text = Trim(CollapseSpace(InlineChildren(cell)));
          std::string escaped;
          for (char ch : text) {
            if (ch == '\n') continue;
            escaped += ch;
          }
          cells.push_back(escaped);
        }
        if (!cells.empty()) rows.push_back(std::move(cells));
      } else if (name == "thead" || name == "tbody" || name == "tfoot") {
        CollectRows(c, rows);
      }
    }
  }

  std::string Table(const xmlNode* n) {
    std::vector<std::vector<std::string>> rows;
    CollectRows(n, rows);
    if (rows.empty()) return "";
    size_t cols = 0;
    for (const auto& r : rows) cols = std::max(cols, r.size());
    auto line = [&](const std::vector<std::string>& r) {
      std::string out = "|";
      for (size_t i = 0; i < cols; ++i) out += " " + (i < r.size() ? r[i] : "") + " |";
      return out;
    };
    std::string out = line(rows[0]) + "\n|";
    for (size_t i = 0; i < cols; ++i) out += " --- |";
    for (size_t i = 1; i < rows.size(); ++i) out += "\n" + line(rows[i]);
    return out;
  }

  HtmlConversionNotes* notes_;
};

}  // namespace

namespace {

using DocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

DocPtr ParseFragment(std::string_view html) {
  // A wrapper element, so that a fragment's top-level text and elements share one parent.
  std::string doc = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div>";
  doc.append(html);
  doc += "</div></body></html>";
  return DocPtr(htmlReadMemory(doc.data(), static_cast<int>(doc.size()), nullptr, "utf-8",
                               HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
                &xmlFreeDoc);
}

const xmlNode* Body(const DocPtr& doc) {
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  for (xmlNode* c = root ? root->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && Name(c) == "body") return c;
  return nullptr;
}

void AppendText(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out += reinterpret_cast<const char*>(c->content ? c->content : BAD_CAST "");
    } else if (c->type == XML_ELEMENT_NODE && !kDropped.count(Name(c))) {
      if (IsBlock(Name(c)) || Name(c) == "br") out += ' ';
      AppendText(c, out);
    }
  }
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  DocPtr doc = ParseFragment(html);
  const xmlNode* body = Body(doc);
  if (!body) return "";
  std::string text;
  AppendText(body, text);
  return Trim(CollapseSpace(text));
}

std::string HtmlToMarkdown(std::string_view html, HtmlConversionNotes* notes) {
  if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) return "";
  DocPtr parsed = ParseFragment(html);
  if (!parsed) return EscapeInline(std::string(html));
  const xmlNode* body = Body(parsed);
  if (!body) return "";
  Converter converter(notes);
  return converter.Blocks(body);
}

}  // namespace wakala::render
