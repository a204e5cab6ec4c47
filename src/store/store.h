// store/: the agency's data. One Store interface; backends in sqlite/ and postgresql/, chosen
// by the database URL ("sqlite:PATH" or "postgresql://..."). Versioned schema migrations run
// when a store is opened. Knows nothing of HTTP, HTML or templates; depends only on base/ and
// arabic/ (for slugs).
//
// Thread-safety: every method may be called from any thread; a backend serialises access to
// its connection with its own mutex.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "store/admin_store.h"
#include "store/comment_store.h"
#include "store/feed_store.h"
#include "store/media_store.h"
#include "store/newsroom_store.h"
#include "store/search_store.h"
#include "store/transfer_store.h"

namespace wakala::store {

struct Section {
  int64_t id = 0;
  std::string name;  // «سياسة»
  std::string slug;  // «سياسة» or "politics"; unique
  int position = 0;  // order in the navigation, ascending
};

struct Tag {
  int64_t id = 0;
  std::string name;
  std::string slug;
};

// The byline's owner: an agency or a person. Articles link to it; it has its own page.
struct Author {
  int64_t id = 0;
  std::string name;
  std::string slug;
};

// The editorial workflow: draft → pending (review) → scheduled → published → unpublished.
enum class ArticleStatus {
  kDraft,        // being written; not visible to readers (404)
  kPending,      // submitted for review by a contributor; not visible (404)
  kScheduled,    // approved; the scheduler publishes it at published_at; not visible yet
  kPublished,    // visible once published_at <= now
  kUnpublished,  // was public, taken down: readers get 410 Gone
};
// "draft", "pending", "scheduled", "published", "unpublished"
const char* ArticleStatusName(ArticleStatus s);
std::optional<ArticleStatus> ParseArticleStatus(std::string_view name);

struct Article {
  int64_t id = 0;
  std::string slug;
  std::string title;
  std::string summary;
  std::string body_markdown;
  ArticleStatus status = ArticleStatus::kDraft;
  UnixSeconds published_at = 0;
  UnixSeconds updated_at = 0;  // last change; on creation the earlier of now and published_at
  Section section;
  Author author;  // from the byline
  std::string agency;         // the news agency the story is from («رويترز»); may be empty
  std::string source_credit;  // the credit line shown under the body; may be empty
  std::vector<Tag> tags;  // in the order the editor gave them
  int64_t owner_id = 0;   // the account that created it; 0 when filed from the CLI
  int64_t revision = 1;   // bumped by every change; an editor's save names the one it edited
};

// What a writer supplies; the store derives ids, resolves the section by slug or name, creates
// the author and tags it has not seen, and fills updated_at.
struct ArticleInput {
  std::string slug;     // required; the caller derives it from the title when not given
  std::string title;
  std::string summary;
  std::string body_markdown;
  ArticleStatus status = ArticleStatus::kPublished;
  UnixSeconds published_at = 0;
  std::string section;  // slug or name of an existing section
  std::string byline;   // author name; created when new
  // Plain text kept as given; the newsroom (newsroom/article_form.h) checks length and lines.
  std::string agency;
  std::string source_credit;
  std::vector<std::string> tags;  // tag names; created when new
  int64_t editor_id = 0;  // the account saving (owner on creation; recorded in the revision)
  // UpdateArticle only: the revision the editor started from. When the article has moved on
  // since, the update is refused with kConflict and nothing is written.
  std::optional<int64_t> expected_revision;
};

// Which published articles to list. All filters combine with AND; only articles with
// status published and published_at <= now are listed, newest first.
struct ArticleQuery {
  std::optional<int64_t> section_id;
  std::optional<int64_t> tag_id;
  std::optional<int64_t> author_id;
  std::optional<UnixSeconds> from;   // inclusive
  std::optional<UnixSeconds> until;  // exclusive
  std::optional<int64_t> exclude_id;
  std::optional<int64_t> owner_id;
  // Readers' listings (the default) see only published articles whose time has come; the
  // newsroom lists every status, or one.
  bool newsroom = false;
  std::optional<ArticleStatus> status;  // newsroom only
  UnixSeconds now = 0;
  int limit = 10;
  int offset = 0;
};

struct ArticlePage {
  std::vector<Article> articles;  // body_markdown may be left empty in listings
  int64_t total = 0;              // matches before limit/offset
};

// Result of looking an article slug up: the article itself, or the slug it moved to.
struct SlugLookup {
  std::optional<Article> article;
  std::optional<std::string> moved_to;  // set when `slug` is an old slug of a live article
};

struct ContentChanges {
  int64_t version = 0;  // the current content version
  bool everything = false;
  std::vector<std::string> scopes;  // "article:12", "section:3", "tag:5", "author:2", "home", "archive"
};

class Store : public NewsroomStore, public TransferStore, public SearchStore,
              public AdminStore, public MediaStore, public FeedStore,
              public CommentStore {
 public:
  virtual ~Store() = default;

  // Sections. AddSection fails with kConflict when the slug or name is taken.
  virtual Result<Section> AddSection(const std::string& name, const std::string& slug) = 0;
  virtual Result<std::vector<Section>> ListSections() = 0;
  virtual Result<std::optional<Section>> FindSection(const std::string& slug_or_name) = 0;

  // Creates an article. kConflict when the slug is taken (also as an old slug of another
  // article); kInvalidInput when the section does not exist. All or nothing.
  virtual Result<Article> AddArticle(const ArticleInput& input) = 0;
  // Replaces the article's fields. When the slug changes, the old slug keeps redirecting to
  // the article (FindArticle returns moved_to). All or nothing.
  virtual Result<Article> UpdateArticle(int64_t id, const ArticleInput& input) = 0;
  virtual Status SetArticleStatus(int64_t id, ArticleStatus status) = 0;
  // By current slug (any status), or by an old slug (moved_to).
  virtual Result<SlugLookup> FindArticle(const std::string& slug) = 0;

  virtual Result<ArticlePage> ListArticles(const ArticleQuery& query) = 0;
  // The published neighbours of `article` by published_at (then id): older and newer.
  virtual Result<std::optional<Article>> OlderArticle(const Article& article, UnixSeconds now) = 0;
  virtual Result<std::optional<Article>> NewerArticle(const Article& article, UnixSeconds now) = 0;

  // The earliest published_at after `now` among published articles: when a scheduled article
  // goes live, the pages that list it change with no write happening.
  virtual Result<std::optional<UnixSeconds>> NextPublication(UnixSeconds now) = 0;

  virtual Result<std::optional<Tag>> FindTag(const std::string& slug) = 0;
  virtual Result<std::optional<Author>> FindAuthor(const std::string& slug) = 0;

  // Site settings as key/value text (site_name, republish_policy, copyright_from, ...).
  virtual Result<std::map<std::string, std::string>> Settings() = 0;
  virtual Status PutSetting(const std::string& key, const std::string& value) = 0;

  // A number that changes whenever any write commits, from this process or another one
  // (the CLI writes while `serve` runs). The server polls it to drop stale cached pages.
  virtual Result<int64_t> ContentVersion() = 0;
  // What changed after `version`: the cache scopes noted by the writes, or `everything` when a
  // write noted none (or the log no longer reaches back that far).
  virtual Result<ContentChanges> ChangesSince(int64_t version) = 0;

  // The schema version after migrations (for diagnostics and tests).
  virtual Result<int> SchemaVersion() = 0;
};

// Opens "sqlite:PATH" (creating the file) or "postgresql://..." / "postgres://...", and runs
// pending migrations. kInvalidInput for an unknown scheme; kUnavailable when the database
// cannot be reached.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

}  // namespace wakala::store
