// Importing a WordPress site from its WXR export (WordPress eXtended RSS, versions 1.0-1.2).
// Posts become articles, each post's first category its section (further categories become
// tags, so nothing is lost), tags stay tags, authors become bylines (display name), dates
// are kept (GMT fields), slugs are kept (percent-decoded, normalised like wakala's own), and
// the old URLs (permalink, ?p=ID, category and tag archives) redirect to the new ones. Post
// bodies are HTML: they are sanitised through an allowlist and converted to Markdown
// (render/html_to_markdown.h), wakala's one body format. A featured image becomes the
// body's first line, an image reference to the original URL. Readers' comments come with
// their approval state (approved, held, spam) as plain text, keyed by post and comment id so a
// second import updates them; pingbacks, trackbacks and trashed comments are skipped, and so
// are pages, attachments, menu items and trashed posts.
//
// The whole file is parsed and checked before anything is written, and the writing is one
// transaction: a malformed export imports nothing and the error names the place.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace wakala::newsroom {

struct WxrImportResult {
  std::string wxr_version;
  int posts = 0;  // items of type post that became articles
  store::ImportCounts counts;
  std::vector<std::string> skipped;  // «2 pages: pages are not articles», one line per reason
  std::vector<std::string> notes;    // what was changed on the way in (untitled posts, ...)
};

// Parses `xml` (the file's bytes; `file_name` only names it in errors) into a dump for
// TransferStore::Import. kInvalidInput «FILE:LINE:COL: …» for XML that is not well-formed, a
// file that is not WXR, or an item that cannot be imported.
Result<store::SiteDump> ParseWxr(std::string_view xml, const std::string& file_name,
                                 WxrImportResult* result);

// ParseWxr, then Import in one transaction.
Result<WxrImportResult> ImportWxr(store::Store& store, std::string_view xml,
                                  const std::string& file_name);

// The report the CLI prints: what was imported, what was skipped and why.
std::string FormatWxrReport(const WxrImportResult& result, const std::string& file_name);

}  // namespace wakala::newsroom
