// Moving a whole site in and out: `wakala export` (a complete dump), `wakala import jsonl`
// (restoring it) and `wakala import wxr` (WordPress). Records name things by slug and name,
// never by database id, so a dump restores into any empty site on either backend and a second
// export is identical to the first. Also the legacy redirects an import leaves behind (old
// WordPress URLs to the new ones).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace wakala::store {

enum class ArticleStatus;  // store.h

struct SectionRecord {
  std::string name;
  std::string slug;
  int position = 0;  // restore keeps the order, not the numbers
};

struct NamedRecord {  // an author or a tag
  std::string name;
  std::string slug;
};

struct ArticleRecord {
  std::string slug;
  std::string title;
  std::string summary;
  std::string body_markdown;
  std::string status;  // "draft", "published", ... (ArticleStatusName)
  UnixSeconds published_at = 0;
  UnixSeconds updated_at = 0;  // kept as given (an import does not touch it)
  std::string section_slug;    // a section of the dump, or one already in the site
  std::string author;          // byline name; created when new
  std::string agency;          // empty in dumps written before the field existed
  std::string source_credit;   // likewise
  std::vector<std::string> tags;       // tag names, in order; created when new
  std::vector<std::string> old_slugs;  // former slugs that keep redirecting to it
};

struct RedirectRecord {
  std::string old_path;     // decoded path as it arrives ("/2019/05/old-post/", "/?p=12")
  std::string target_path;  // decoded path on this site ("/article/slug")
};

// A reader's comment (store/comment_store.h), named by its stable key; a reply names its
// parent's key. Imported comments are matched by key: importing twice never duplicates.
struct CommentRecord {
  std::string key;           // "c…" (made here) or "wxr:POST:COMMENT" (from WordPress)
  std::string article_slug;  // an article of the dump or of the site (current or old slug)
  std::string parent_key;    // empty: top-level
  std::string author_name;
  std::string email;
  std::string ip;
  std::string body;
  std::string status;        // "held", "approved", "rejected", "spam"
  UnixSeconds created_at = 0;
};

// An image of the media library (store/media_store.h), named by its hash; its files travel
// beside the record (cli/transfer.cc puts them in the dump). Uploaders are not kept: accounts
// are not part of a dump.
struct MediaRecord {
  std::string hash;
  std::string original_name;
  std::string type;  // "jpeg", "png", "webp", "gif"
  int width = 0;
  int height = 0;
  std::vector<int> widths;  // ascending
  std::string alt;
  std::string caption;
  UnixSeconds created_at = 0;
};

// An article's featured image, with the caption and alt text it shows there.
struct FeaturedRecord {
  std::string article_slug;
  std::string media_hash;
  std::string caption;
  std::string alt;
};

struct SiteDump {
  std::map<std::string, std::string> settings;
  std::vector<SectionRecord> sections;  // navigation order
  std::vector<NamedRecord> authors;     // by name
  std::vector<NamedRecord> tags;        // by name
  std::vector<ArticleRecord> articles;  // in creation order
  std::vector<RedirectRecord> redirects;  // by old_path
  std::vector<CommentRecord> comments;    // oldest first, parents before their replies
  std::vector<std::string> comments_closed;  // slugs of articles whose comments are closed
  std::vector<MediaRecord> media;            // oldest first
  std::vector<FeaturedRecord> featured;      // by article slug
};

struct ImportCounts {
  int sections_created = 0;
  int articles_created = 0;
  int articles_updated = 0;
  int articles_unchanged = 0;
  int redirects = 0;
  int settings = 0;
  int comments_created = 0;
  int comments_updated = 0;
  int media_created = 0;
  int featured = 0;
};

class TransferStore {
 public:
  virtual ~TransferStore() = default;

  // Everything readers and the newsroom's content depend on (not accounts, sessions, audit
  // or revisions), in a stable order.
  virtual Result<SiteDump> Dump() = 0;

  // Writes `dump` in one transaction; nothing when any part fails. Sections are matched by
  // slug, then by name (created when new; an existing one is left as it is, and records
  // naming it by that slug resolve to it by name); authors and tags by name or
  // slug; an article by its slug, current or former: it is replaced when a field differs and
  // left alone (counted unchanged) otherwise, so importing twice never duplicates. Settings
  // and redirects are upserted. With `require_empty`, kConflict unless the site has no
  // section and no article (restoring a dump). kInvalidInput naming the article for a bad
  // record (unknown section or status, invalid slug).
  virtual Result<ImportCounts> Import(const SiteDump& dump, bool require_empty) = 0;

  // The target of an old URL left by an import, or nullopt.
  virtual Result<std::optional<std::string>> FindLegacyRedirect(const std::string& old_path) = 0;
};

}  // namespace wakala::store
