// XmlWriter: well-formed XML 1.0 from program data (feeds, sitemaps), whatever the text holds.
// Text and attribute values are escaped, and characters XML 1.0 forbids (C0 controls other
// than tab, LF and CR; U+FFFE, U+FFFF; invalid UTF-8) are dropped rather than written: a feed
// reader rejects the whole document for one of them. Element and attribute names are the
// program's constants, never input. Not thread-safe; one writer per document.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wakala::render {

// `text` escaped for element content (& < >) or, when `attribute`, for a double-quoted
// attribute value (also " and tab/LF/CR as character references), with forbidden characters
// dropped.
std::string XmlEscape(std::string_view text, bool attribute = false);

class XmlWriter {
 public:
  using Attrs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  XmlWriter();  // starts with the XML declaration (UTF-8)

  XmlWriter& Open(std::string_view name, Attrs attrs = {});
  XmlWriter& Close();
  // <name attrs>text</name>
  XmlWriter& Element(std::string_view name, std::string_view text, Attrs attrs = {});
  // <name attrs/>
  XmlWriter& Empty(std::string_view name, Attrs attrs = {});
  XmlWriter& Text(std::string_view text);

  // Closes what is still open and returns the document.
  std::string Finish();

 private:
  void StartTag(std::string_view name, Attrs attrs);
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace wakala::render
