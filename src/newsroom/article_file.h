// newsroom/: what editors use to write and publish. For now: articles written as Markdown
// files with a front-matter block (the CLI's `wakala article add`), validated field by field
// before anything reaches the store. Depends on store/, arabic/ and base/; knows nothing of
// HTTP.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "store/store.h"

namespace wakala::newsroom {

struct ArticleFileLimits {
  size_t max_body_bytes = 512 * 1024;  // Markdown body; a longer one is refused
  size_t max_title_bytes = 1024;
  size_t max_summary_bytes = 4096;
};

// A parsed article file: the input for the store, and the line each field came from so that
// later checks (an unknown section) can still name the line.
struct ArticleFile {
  store::ArticleInput input;
  bool slug_given = false;
  int title_line = 0, section_line = 0, slug_line = 0;
};

// Parses
//   ---
//   title: …            (required)
//   section: …          (required; slug or name)
//   byline: …           (required)
//   agency: …           (optional: the news agency the story is from, one line, ≤ 120 characters)
//   source_credit: …    (optional: the credit line under the body, one line, ≤ 300 characters)
//   tags: [a, b]
//   date: 2019-05-09 12:00   (site time zone unless an offset is given; default: now)
//   status: published | draft | unpublished   (default: published)
//   summary: …
//   slug: …             (default: from the title)
//   ---
//   Markdown body
// Errors are kInvalidInput naming the field and the line: "line 4: date «2019-13-01» is not a
// date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)".
Result<ArticleFile> ParseArticleFile(std::string_view text, UnixSeconds now,
                                     int site_utc_offset_seconds,
                                     const ArticleFileLimits& limits = {});

// Parses `text` and checks it against the store (the section exists), then adds the article,
// or, when `update_slug` is set, replaces the article that has that slug. Nothing is written
// when any check fails.
Result<store::Article> SaveArticleFile(store::Store& store, std::string_view text,
                                       UnixSeconds now, int site_utc_offset_seconds,
                                       const std::string& update_slug = "",
                                       const ArticleFileLimits& limits = {});

}  // namespace wakala::newsroom
