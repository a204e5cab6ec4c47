// The character encoding of a feed document, and its conversion to UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace wakala::feeds {

struct Decoded {
  std::string utf8;      // the document in UTF-8, without a byte order mark
  std::string encoding;  // canonical name of what it was decoded from: "UTF-8", "windows-1256"
  std::string source;    // "bom", "http", "xml", "sniffed" or "default"
  std::string warning;   // set when the encoding had to be guessed; empty otherwise
};

// Decides the encoding of `bytes` and converts them to UTF-8. Candidates, in order: a byte
// order mark; the charset of `content_type` (the HTTP header, may be empty); the XML prolog's
// encoding="..." (or a JSON document, which is UTF-8); otherwise UTF-8 when the bytes are
// valid UTF-8, else windows-1256 sniffed (the usual legacy encoding of Arabic sites).
//
// When the HTTP header and the prolog disagree, the one the bytes are valid in wins (servers
// often send a default charset=utf-8 for a windows-1256 file with a correct prolog).
//
// kInvalidInput, with a reason an operator can act on, when: the declared encoding is UTF-8
// but the bytes are not (saying what they look like); a single-byte encoding is declared but
// the bytes are UTF-8 with non-ASCII text; the declared encoding is unknown; the bytes are not
// valid in the declared encoding.
Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view content_type);

// The charset parameter of a Content-Type value, lower-cased; empty when absent.
std::string CharsetOf(std::string_view content_type);

}  // namespace wakala::feeds
