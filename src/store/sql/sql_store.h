// SqlStore: the one implementation of Store, over a SqlConnection (SQLite or PostgreSQL).
//
// Concurrency: a single connection, guarded by mu_. Every public method takes the lock for its
// whole duration, including the transaction it runs, so calls from many threads are
// serialised; another process (the CLI next to `serve`) is kept apart by the database's own
// locking. Every write runs in one transaction that first bumps content_version; on any error
// it is rolled back, so a failed call writes nothing.
//
// Name resolution: a byline or tag name is matched to an existing author or tag by exact name,
// then by slug (arabic::Slugify of the name); only when neither matches is a new one created.
// So «رويترز» and «رويترز » are one author, shown with the name first stored.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/sql/sql_connection.h"
#include "store/store.h"

namespace wakala::store {

class SqlStore final : public Store {
 public:
  // Applies pending migrations. kCorruption when the database's schema is newer than this
  // build knows; the connection's errors otherwise.
  static Result<std::unique_ptr<Store>> Open(std::unique_ptr<SqlConnection> connection);

  Result<Section> AddSection(const std::string& name, const std::string& slug) override;
  Result<std::vector<Section>> ListSections() override;
  Result<std::optional<Section>> FindSection(const std::string& slug_or_name) override;

  Result<Article> AddArticle(const ArticleInput& input) override;
  Result<Article> UpdateArticle(int64_t id, const ArticleInput& input) override;
  Status SetArticleStatus(int64_t id, ArticleStatus status) override;
  Result<SlugLookup> FindArticle(const std::string& slug) override;

  Result<ArticlePage> ListArticles(const ArticleQuery& query) override;
  Result<std::optional<Article>> OlderArticle(const Article& article, UnixSeconds now) override;
  Result<std::optional<Article>> NewerArticle(const Article& article, UnixSeconds now) override;
  Result<std::optional<UnixSeconds>> NextPublication(UnixSeconds now) override;

  Result<std::optional<Tag>> FindTag(const std::string& slug) override;
  Result<std::optional<Author>> FindAuthor(const std::string& slug) override;

  Result<std::map<std::string, std::string>> Settings() override;
  Status PutSetting(const std::string& key, const std::string& value) override;

  // NewsroomStore (sql_store_newsroom.cc)
  Result<User> AddUser(const std::string& name, Role role,
                       const std::string& password_hash) override;
  Result<std::optional<User>> FindUser(int64_t id) override;
  Result<std::optional<User>> FindUserByName(const std::string& name) override;
  Result<std::vector<User>> ListUsers() override;
  Status SetUserPassword(int64_t id, const std::string& password_hash) override;
  Status SetUserDisabled(int64_t id, bool disabled) override;
  Status SetUserRole(int64_t id, Role role) override;
  Status AddSession(const std::string& token_hash, int64_t user_id, const std::string& csrf_token,
                    UnixSeconds now, UnixSeconds expires_at) override;
  Result<std::optional<LoginSession>> FindSession(const std::string& token_hash,
                                                  UnixSeconds now) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteUserSessions(int64_t user_id, const std::string& keep_token_hash) override;
  Status RecordLoginFailure(const std::string& account, const std::string& address,
                            UnixSeconds at) override;
  Result<FailureCounts> CountLoginFailures(const std::string& account, const std::string& address,
                                           UnixSeconds since) override;
  Status ClearLoginFailures(const std::string& account) override;
  Status Audit(int64_t user_id, const std::string& action, const std::string& detail,
               UnixSeconds at) override;
  Result<std::vector<AuditEntry>> ListAudit(int limit, int offset) override;
  Result<std::optional<Article>> FindArticleById(int64_t id) override;
  Result<std::vector<Revision>> ListRevisions(int64_t article_id) override;
  Result<std::optional<Revision>> FindRevision(int64_t article_id, int64_t revision) override;
  Result<std::vector<Article>> PublishDue(UnixSeconds now) override;

  // TransferStore (sql_store_transfer.cc)
  Result<SiteDump> Dump() override;
  Result<ImportCounts> Import(const SiteDump& dump, bool require_empty) override;
  Result<std::optional<std::string>> FindLegacyRedirect(const std::string& old_path) override;

  // AdminStore (sql_store_admin.cc)
  Result<ApiToken> AddToken(int64_t user_id, const std::string& name, TokenScope scope,
                            const std::string& token_hash, UnixSeconds now) override;
  Result<std::optional<TokenOwner>> UseToken(const std::string& token_hash, UnixSeconds now) override;
  Result<std::vector<ApiToken>> ListTokens(int64_t user_id) override;
  Status RevokeToken(int64_t token_id, int64_t user_id, UnixSeconds now) override;
  Result<Section> RenameSection(int64_t id, const std::string& name) override;
  Status ReorderSections(const std::vector<int64_t>& ids) override;
  Result<std::vector<TagUsage>> ListTags() override;
  Status RenameTag(int64_t id, const std::string& name) override;
  Status PutSettings(const std::map<std::string, std::string>& values) override;

  // SearchStore (sql_store_search.cc)
  Result<SearchResults> SearchArticles(const SearchQuery& query) override;
  Status RebuildSearchIndex() override;

  // MediaStore (sql_store_media.cc)
  Result<Media> AddMedia(const Media& media) override;
  Result<std::optional<Media>> FindMedia(int64_t id) override;
  Result<std::vector<Media>> ListMedia(int limit, int offset) override;
  Status SetFeaturedMedia(int64_t article_id, int64_t media_id, const std::string& caption,
                          const std::string& alt) override;
  Result<std::optional<FeaturedMedia>> FindFeaturedMedia(int64_t article_id) override;

  // FeedStore (sql_store_feeds.cc)
  Result<PartnerFeed> AddPartnerFeed(const PartnerFeedInput& input) override;
  Result<std::vector<PartnerFeed>> ListPartnerFeeds() override;
  Result<std::optional<PartnerFeed>> FindPartnerFeed(const std::string& key) override;
  Status SetPartnerFeedMuted(int64_t feed_id, bool muted) override;
  Status SetPartnerFeedEnabled(int64_t feed_id, bool enabled) override;
  Status UpdatePartnerFeed(int64_t feed_id, const std::string& name, int poll_seconds) override;
  Status RecordFetch(int64_t feed_id, const FetchRecord& record) override;
  Result<FeedItemCounts> StoreFeedItems(int64_t feed_id, const std::vector<FeedItemInput>& items,
                                        UnixSeconds now) override;
  Result<std::vector<FeedItem>> ListFeedItems(const FeedItemQuery& query) override;
  Status SetFeedItemHidden(int64_t item_id, bool hidden) override;

  // CommentStore (sql_store_comments.cc)
  Result<Comment> AddComment(const CommentInput& input) override;
  Result<std::optional<Comment>> FindComment(int64_t id) override;
  Result<std::vector<Comment>> ListComments(const CommentQuery& query) override;
  Result<CommentCounts> CountComments(std::optional<int64_t> article_id) override;
  Status SetCommentStatus(int64_t id, CommentStatus status) override;
  Status EditComment(int64_t id, const std::string& body) override;
  Status DeleteComment(int64_t id) override;
  Result<int64_t> CountRecentComments(const std::optional<std::string>& ip,
                                      std::optional<int64_t> article_id, UnixSeconds since) override;
  Result<bool> HasDuplicateComment(int64_t article_id, const std::string& body,
                                   const std::string& ip, UnixSeconds since) override;
  Result<bool> HasApprovedComment(const std::string& author_name, const std::string& email) override;
  Status AddCommentBan(const std::string& kind, const std::string& value, UnixSeconds at) override;
  Status RemoveCommentBan(int64_t id) override;
  Result<std::vector<CommentBan>> ListCommentBans() override;
  Result<bool> IsCommentBanned(const std::string& email, const std::string& ip) override;
  Status SetCommentsClosed(int64_t article_id, bool closed) override;
  Result<bool> CommentsClosed(int64_t article_id) override;
  Result<std::string> EnsureCommentSecret(const std::string& candidate) override;

  Result<int64_t> ContentVersion() override;
  Result<ContentChanges> ChangesSince(int64_t version) override;
  Result<int> SchemaVersion() override;

 private:
  struct ResolvedInput;  // an ArticleInput's section, author and tags, as ids
  enum class TxnKind {
    kRead,    // a consistent snapshot for several reads
    kWrite,   // bumps content_version
    kSchema,  // migrations: writes, but content_version may not exist yet
    kQuiet,   // writes no page shows (the feed poller's bookkeeping): no version bump
  };

  explicit SqlStore(std::unique_ptr<SqlConnection> connection);

  // All below run with mu_ held.
  Status Migrate();
  Result<int> SchemaVersionLocked();
  // Runs `body` in a transaction of `kind`. Commits when `body` succeeds, rolls back
  // otherwise.
  template <typename Body>
  auto InTransaction(TxnKind kind, Body&& body) -> decltype(body());
  Result<std::optional<Section>> FindSectionLocked(const std::string& slug_or_name);
  Result<ResolvedInput> Resolve(const ArticleInput& input);
  Result<int64_t> EnsureNamed(const char* table, const std::string& name, const std::string& slug);
  Status CheckSlugFree(const std::string& slug, std::optional<int64_t> article_id);
  Status WriteTags(int64_t article_id, const std::vector<int64_t>& tag_ids);
  // Keeps a full copy of `article` as it now is (its current revision number).
  Status WriteRevision(const Article& article, int64_t editor_id);
  // Cache scopes of the write in progress (see content_changes in migrations.cc). A write
  // that notes none invalidates everything, which is always correct, merely slower.
  void NoteChange(std::string scope) { change_scopes_.push_back(std::move(scope)); }
  // The scopes an article write touches: its own pages, and, when readers could see it
  // before or after, the listings and neighbours that show it.
  Status NoteArticleChange(const std::optional<Article>& before, const Article& after);
  Status WriteChangeScopes();
  std::vector<std::string> change_scopes_;  // guarded by mu_
  // The idf statistics of the search index (search_store.h) as of one content version: N
  // and each stem's df. Searches reuse them until a write moves the version on: counting
  // them cost PostgreSQL ~30 ms a query for a common word.
  struct SearchStats {
    int64_t version = -1;
    int64_t articles = 0;
    std::unordered_map<std::string, int64_t> articles_with_stem;
  };
  SearchStats search_stats_;  // guarded by mu_
  Result<bool> ImportArticle(const ArticleRecord& record, ImportCounts& counts);  // transfer
  // Comments of a dump (sql_store_comments.cc), after its articles; upserted by key.
  Status DumpComments(SiteDump& dump);
  Status ImportComments(const SiteDump& dump, ImportCounts& counts);
  // The media library's records and featured images (sql_store_media.cc), after the articles;
  // media matched by hash, so importing twice never duplicates.
  Status DumpMedia(SiteDump& dump);
  Status ImportMedia(const SiteDump& dump, ImportCounts& counts);
  // Articles joined with section and author, tags filled. `tail` is the WHERE/ORDER/LIMIT
  // part; listings leave body_markdown empty.
  Result<std::vector<Article>> SelectArticles(bool with_body, std::string_view tail,
                                              const std::vector<SqlParam>& params);
  Result<Article> LoadArticle(int64_t id);
  Result<std::optional<Article>> Neighbour(const Article& article, UnixSeconds now, bool older);
  Status FillTags(std::vector<Article>& articles);
  // Search index (sql_store_search.cc): writes `id`'s index rows from its stored text; called
  // inside the transaction that wrote the article.
  Status IndexArticle(int64_t id);
  // The steps of indexing, apart so that CatchUpSearchIndex can analyse one batch while it
  // writes another: read the texts, analyse them (no database: any thread), write the
  // entries. Analysed outside the writing transaction, an entry is dropped if its article
  // was edited since its text was read (that edit indexed it).
  struct ArticleText {
    int64_t id = 0, revision = 0;
    std::string title, summary, body;
  };
  struct IndexEntry {
    int64_t id = 0, revision = 0;
    std::vector<std::string> fields;  // the index columns' values, in the dialect's form
  };
  Result<std::vector<ArticleText>> ArticleTexts(const std::vector<int64_t>& ids);
  static std::vector<IndexEntry> AnalyseArticles(const std::vector<ArticleText>& texts,
                                                 SqlDialect dialect);
  Status DropEditedSince(std::vector<IndexEntry>& entries);
  Status WriteIndexEntries(std::vector<IndexEntry> entries);
  // Indexes the articles the index lacks or has from an older analyser (at open; with
  // `rebuild`, every article after RebuildSearchIndex emptied the index).
  Status CatchUpSearchIndex(bool rebuild = false);

  std::mutex mu_;
  std::unique_ptr<SqlConnection> conn_;  // guarded by mu_
};

// Defined here so that every SqlStore source file can use it.
// Shared by the SqlStore source files (sql_store.cc, sql_store_transfer.cc).
struct SqlStore::ResolvedInput {
  Section section;
  int64_t author_id = 0;
  std::vector<int64_t> tag_ids;  // in the editor's order, without repeats
};

template <typename Body>
auto SqlStore::InTransaction(TxnKind kind, Body&& body) -> decltype(body()) {
  WAKALA_RETURN_IF_ERROR(conn_->Begin(kind != TxnKind::kRead));
  if (kind == TxnKind::kWrite) {
    // First statement on purpose: in PostgreSQL the row lock it takes queues concurrent
    // writers, so each one's existence checks see the previous one's commit.
    auto bumped = conn_->Exec("UPDATE content_version SET n = n + 1 WHERE id = 1");
    Status st = !bumped.ok()             ? bumped.status()
                : bumped->affected != 1 ? Status::Corruption("content_version has no row")
                                         : Status::Ok();
    if (!st.ok()) {
      conn_->Rollback();
      return st;
    }
  }
  change_scopes_.clear();
  auto result = body();
  if (!result.ok()) {
    conn_->Rollback();
    return result;
  }
  if (kind == TxnKind::kWrite && !change_scopes_.empty()) {
    if (Status st = WriteChangeScopes(); !st.ok()) {
      conn_->Rollback();
      return st;
    }
  }
  if (Status st = conn_->Commit(); !st.ok()) {
    conn_->Rollback();
    return st;
  }
  return result;
}

}  // namespace wakala::store
