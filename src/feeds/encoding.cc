#include "feeds/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <memory>
#include <optional>
#include <vector>

#include "base/utf8.h"

namespace wakala::feeds {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool IsUtf8Name(std::string_view lowered) { return lowered == "utf-8" || lowered == "utf8"; }

// The encoding named in `<?xml ... encoding="..."?>`, lower-cased; empty when none.
std::string XmlDeclaredEncoding(std::string_view s) {
  size_t start = 0;
  while (start < s.size() && (s[start] == ' ' || s[start] == '\n' || s[start] == '\r' || s[start] == '\t')) ++start;
  if (s.compare(start, 5, "<?xml") != 0) return {};
  size_t end = s.find("?>", start);
  if (end == std::string_view::npos || end - start > 300) return {};
  std::string_view decl = s.substr(start, end - start);
  size_t e = decl.find("encoding");
  if (e == std::string_view::npos) return {};
  size_t q = decl.find_first_of("\"'", e);
  if (q == std::string_view::npos) return {};
  size_t q2 = decl.find(decl[q], q + 1);
  if (q2 == std::string_view::npos) return {};
  return Lower(decl.substr(q + 1, q2 - q - 1));
}

bool HasNonAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

// Converts with ICU, failing on any byte the encoding does not define.
Result<std::string> Convert(std::string_view bytes, const std::string& name) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(name.c_str(), &err), ucnv_close);
  if (U_FAILURE(err) || !conv)
    return Status::InvalidInput("the feed declares the encoding «" + name + "», which wakala does not know");
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::u16string wide(bytes.size() * 2 + 16, u'\0');
  err = U_ZERO_ERROR;
  int32_t n = ucnv_toUChars(conv.get(), reinterpret_cast<UChar*>(wide.data()),
                            static_cast<int32_t>(wide.size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err))
    return Status::InvalidInput("the feed's bytes are not valid " + name +
                                " (a byte that encoding does not define)");
  wide.resize(n);
  std::unique_ptr<UConverter, void (*)(UConverter*)> utf8(ucnv_open("UTF-8", &err), ucnv_close);
  std::string out(static_cast<size_t>(n) * 3 + 16, '\0');
  err = U_ZERO_ERROR;
  int32_t m = ucnv_fromUChars(utf8.get(), out.data(), static_cast<int32_t>(out.size()),
                              reinterpret_cast<const UChar*>(wide.data()), n, &err);
  if (U_FAILURE(err)) return Status::Internal("converting to UTF-8 failed");
  out.resize(m);
  return out;
}

// ICU's canonical name for display ("windows-1256", "ISO-8859-6"); the input when unknown.
std::string CanonicalName(const std::string& name) {
  if (IsUtf8Name(name)) return "UTF-8";
  for (const char* standard : {"MIME", "IANA"}) {
    UErrorCode err = U_ZERO_ERROR;
    const char* n = ucnv_getStandardName(name.c_str(), standard, &err);
    if (U_SUCCESS(err) && n) return n;
  }
  return name;
}

// What non-UTF-8 Arabic bytes most likely are, for an error message.
std::string GuessLegacy(std::string_view bytes) {
  // Bytes ISO-8859-6 leaves undefined but windows-1256 uses for letters (e.g. 0xE1 ل, 0xF0 ً).
  size_t only_1256 = 0;
  for (unsigned char c : bytes)
    if (c >= 0x80 && (c < 0xA0 || c >= 0xF3)) ++only_1256;
  return only_1256 > 0 ? "windows-1256" : "ISO-8859-6 or windows-1256";
}

Result<Decoded> Finish(std::string_view bytes, const std::string& name, const std::string& source) {
  Decoded d;
  d.encoding = CanonicalName(name);
  d.source = source;
  if (IsUtf8Name(name)) {
    if (auto bad = FirstInvalidUtf8(bytes)) {
      return Status::InvalidInput("the feed says it is UTF-8 (" + source + ") but byte " +
                                  std::to_string(*bad) + " is not valid UTF-8; the text looks like " +
                                  GuessLegacy(bytes));
    }
    d.utf8 = std::string(bytes);
    return d;
  }
  bool wide = Lower(d.encoding).rfind("utf-16", 0) == 0 || Lower(d.encoding).rfind("utf-32", 0) == 0;
  if (!wide && HasNonAscii(bytes) && IsValidUtf8(bytes)) {
    return Status::InvalidInput("the feed says it is " + d.encoding + " (" + source +
                                ") but its text is UTF-8; the partner must fix the declaration");
  }
  auto converted = Convert(bytes, name);
  if (!converted.ok()) return converted.status();
  d.utf8 = std::move(*converted);
  return d;
}

}  // namespace

std::string CharsetOf(std::string_view content_type) {
  std::string lowered = Lower(content_type);
  size_t p = lowered.find("charset=");
  if (p == std::string::npos) return {};
  std::string v = lowered.substr(p + 8);
  size_t end = v.find_first_of("; \t");
  if (end != std::string::npos) v.resize(end);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
  return v;
}

Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view content_type) {
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0)
    return Finish(bytes.substr(3), "utf-8", "bom");
  if (bytes.size() >= 2 && (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0))
    return Finish(bytes, "UTF-16", "bom");  // ICU reads the BOM itself
  // Control characters other than tab, CR and LF never appear in a feed in an 8-bit
  // encoding or UTF-8: this is an image, an archive or noise.
  size_t controls = 0, nuls = 0;
  for (unsigned char c : bytes.substr(0, 4096)) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ++controls;
    if (c == 0) ++nuls;
  }
  if (nuls > 0 || controls > 8)
    return Status::InvalidInput("the response is binary data, not a feed");
  std::string http = CharsetOf(content_type);
  // Servers often send a default charset=iso-8859-1 for any XML; an Arabic feed that declares
  // its own encoding knows better.
  if ((http == "iso-8859-1" || http == "us-ascii") && !XmlDeclaredEncoding(bytes).empty()) http.clear();
  std::string xml = XmlDeclaredEncoding(bytes);
  if (!http.empty() && !xml.empty() && http != xml && !(IsUtf8Name(http) && IsUtf8Name(xml))) {
    // Disagreement: the declaration the bytes are valid in wins; UTF-8 is checked strictly,
    // so try it first when either says so.
    if (IsUtf8Name(http) || IsUtf8Name(xml)) {
      bool valid = IsValidUtf8(bytes);
      const std::string& other = IsUtf8Name(http) ? xml : http;
      if (valid && HasNonAscii(bytes)) return Finish(bytes, "utf-8", IsUtf8Name(http) ? "http" : "xml");
      return Finish(bytes, other, IsUtf8Name(http) ? "xml" : "http");
    }
    return Finish(bytes, http, "http");
  }
  if (!http.empty()) return Finish(bytes, http, "http");
  if (!xml.empty()) return Finish(bytes, xml, "xml");
  if (IsValidUtf8(bytes)) return Finish(bytes, "utf-8", "default");
  auto d = Finish(bytes, "windows-1256", "sniffed");
  if (d.ok())
    d->warning = "no encoding declared and the bytes are not UTF-8: read as windows-1256";
  return d;
}

}  // namespace wakala::feeds
