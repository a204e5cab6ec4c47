#include "store/sql/migrations.h"

namespace wakala::store {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      // 1: the initial schema.
      {{
          R"(CREATE TABLE sections (
               id {{ID}},
               name TEXT NOT NULL UNIQUE,
               slug TEXT NOT NULL UNIQUE,
               position INTEGER NOT NULL))",
          R"(CREATE TABLE authors (
               id {{ID}},
               name TEXT NOT NULL UNIQUE,
               slug TEXT NOT NULL UNIQUE))",
          R"(CREATE TABLE tags (
               id {{ID}},
               name TEXT NOT NULL UNIQUE,
               slug TEXT NOT NULL UNIQUE))",
          R"(CREATE TABLE articles (
               id {{ID}},
               slug TEXT NOT NULL UNIQUE,
               title TEXT NOT NULL,
               summary TEXT NOT NULL,
               body_markdown TEXT NOT NULL,
               status TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'unpublished')),
               published_at BIGINT NOT NULL,
               updated_at BIGINT NOT NULL,
               section_id BIGINT NOT NULL REFERENCES sections (id),
               author_id BIGINT NOT NULL REFERENCES authors (id)))",
          // Listings filter on status and walk published_at backwards; section and author
          // pages add their own column in front.
          "CREATE INDEX articles_by_status_date ON articles (status, published_at DESC, id DESC)",
          "CREATE INDEX articles_by_section_date ON articles (section_id, published_at)",
          "CREATE INDEX articles_by_author_date ON articles (author_id, published_at)",
          R"(CREATE TABLE article_tags (
               article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
               tag_id BIGINT NOT NULL REFERENCES tags (id),
               position INTEGER NOT NULL,
               PRIMARY KEY (article_id, tag_id)))",
          "CREATE INDEX article_tags_by_tag ON article_tags (tag_id)",
          // An article's former slugs, so that old links keep working (301 to the new one).
          R"(CREATE TABLE slug_redirects (
               old_slug TEXT NOT NULL PRIMARY KEY,
               article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE))",
          "CREATE INDEX slug_redirects_by_article ON slug_redirects (article_id)",
          R"(CREATE TABLE settings (
               key TEXT NOT NULL PRIMARY KEY,
               value TEXT NOT NULL))",
          // One row, bumped by every write transaction: a change counter that other processes
          // see as soon as the write commits (the server polls it to drop cached pages).
          R"(CREATE TABLE content_version (
               id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
               n BIGINT NOT NULL))",
          "INSERT INTO content_version (id, n) VALUES (1, 1)",
      }},
      // 2: the newsroom: accounts, sessions, login throttling, the audit log, article owners
      // and revisions.
      {{
          R"(CREATE TABLE users (
               id {{ID}},
               name TEXT NOT NULL UNIQUE,
               role TEXT NOT NULL CHECK (role IN ('administrator', 'editor', 'author', 'contributor')),
               password_hash TEXT NOT NULL,
               disabled INTEGER NOT NULL DEFAULT 0,
               created_at BIGINT NOT NULL))",
          // Only a hash of the cookie's token is stored: a copy of the database does not
          // let anyone log in.
          R"(CREATE TABLE sessions (
               token_hash TEXT NOT NULL PRIMARY KEY,
               user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
               csrf_token TEXT NOT NULL,
               created_at BIGINT NOT NULL,
               expires_at BIGINT NOT NULL))",
          "CREATE INDEX sessions_by_user ON sessions (user_id)",
          R"(CREATE TABLE login_failures (
               id {{ID}},
               account TEXT NOT NULL,
               address TEXT NOT NULL,
               at BIGINT NOT NULL))",
          "CREATE INDEX login_failures_by_account ON login_failures (account, at)",
          "CREATE INDEX login_failures_by_address ON login_failures (address, at)",
          R"(CREATE TABLE audit_log (
               id {{ID}},
               user_id BIGINT REFERENCES users (id),
               action TEXT NOT NULL,
               detail TEXT NOT NULL,
               at BIGINT NOT NULL))",
          "CREATE INDEX audit_log_by_time ON audit_log (at)",
          "ALTER TABLE articles ADD COLUMN owner_id BIGINT REFERENCES users (id)",
          "ALTER TABLE articles ADD COLUMN revision BIGINT NOT NULL DEFAULT 1",
          // A full copy of the article at each save: who, when, and every field, so that any
          // two can be compared and any one restored.
          R"(CREATE TABLE article_revisions (
               id {{ID}},
               article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
               revision BIGINT NOT NULL,
               editor_id BIGINT REFERENCES users (id),
               at BIGINT NOT NULL,
               slug TEXT NOT NULL,
               title TEXT NOT NULL,
               summary TEXT NOT NULL,
               body_markdown TEXT NOT NULL,
               status TEXT NOT NULL,
               published_at BIGINT NOT NULL,
               section_slug TEXT NOT NULL,
               byline TEXT NOT NULL,
               tags TEXT NOT NULL,
               UNIQUE (article_id, revision)))",
      }},
      // 3: imports: old URLs of an imported site (WordPress permalinks, ?p=N, category and
      // tag archives) and where they lead now.
      {{
          R"(CREATE TABLE legacy_redirects (
               old_path TEXT NOT NULL PRIMARY KEY,
               target_path TEXT NOT NULL))",
      }},
      // 4: full-text search (store/search_store.h). The terms come from the C++ analyser;
      // articles are indexed when the store opens (SqlStore::CatchUpSearchIndex).
      {{
          // Which articles are indexed, and by which analyser version.
          R"(CREATE TABLE search_index_state (
               article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
               analyzer_version INTEGER NOT NULL))",
          // rowid = articles.id. The 'ascii' tokenizer splits only at ASCII non-alphanumerics:
          // the analysed terms are already folded and space-separated, so it keeps them whole.
          R"({{SQLITE}}CREATE VIRTUAL TABLE article_fts USING fts5 (
               title_exact, title_stem, body_exact, body_stem, tokenize = 'ascii'))",
          // Positions and the four columns as in FTS5; `stems` (title and body stems) carries
          // the GIN index that finds candidates, the others are checked on those rows.
          R"({{POSTGRESQL}}CREATE TABLE article_search (
               article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
               title_exact TSVECTOR NOT NULL,
               title_stem TSVECTOR NOT NULL,
               body_exact TSVECTOR NOT NULL,
               body_stem TSVECTOR NOT NULL,
               stems TSVECTOR NOT NULL))",
          "{{POSTGRESQL}}CREATE INDEX article_search_stems ON article_search USING GIN (stems)",
      }},
      // What each write changed, as cache scopes ("article:12", "section:3", "home", ...), so
      // that every node drops exactly the cached pages that show it. A content_version with no
      // rows here means "anything may have changed".
      {{
          R"(CREATE TABLE content_changes (
               version BIGINT NOT NULL,
               scope TEXT NOT NULL))",
          "CREATE INDEX content_changes_by_version ON content_changes (version)",
      }},
      // Personal access tokens for the agency's own tools (store/admin_store.h): only a hash
      // of the token is kept; revoked tokens stay listed.
      {{
          R"(CREATE TABLE api_tokens (
               id {{ID}},
               user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
               name TEXT NOT NULL,
               scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
               token_hash TEXT NOT NULL UNIQUE,
               created_at BIGINT NOT NULL,
               last_used_at BIGINT,
               revoked_at BIGINT))",
          "CREATE INDEX api_tokens_by_user ON api_tokens (user_id)",
      }},
      // The media library (store/media_store.h): one row per uploaded image, named on disk by
      // its hash; an article's featured image with the caption and alt text it shows there.
      {{
          R"(CREATE TABLE media (
               id {{ID}},
               hash TEXT NOT NULL UNIQUE,
               original_name TEXT NOT NULL,
               type TEXT NOT NULL CHECK (type IN ('jpeg', 'png', 'webp', 'gif')),
               width INTEGER NOT NULL,
               height INTEGER NOT NULL,
               widths TEXT NOT NULL,
               alt TEXT NOT NULL,
               caption TEXT NOT NULL,
               uploader_id BIGINT REFERENCES users (id),
               created_at BIGINT NOT NULL))",
          R"(CREATE TABLE article_media (
               article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
               media_id BIGINT NOT NULL REFERENCES media (id),
               caption TEXT NOT NULL,
               alt TEXT NOT NULL))",
      }},
      // Partner feeds and their items, for the latest-news ticker (store/feed_store.h).
      {{
          R"(CREATE TABLE partner_feeds (
               id {{ID}},
               url TEXT NOT NULL UNIQUE,
               name TEXT NOT NULL,
               poll_seconds INTEGER NOT NULL,
               enabled INTEGER NOT NULL DEFAULT 1,
               muted INTEGER NOT NULL DEFAULT 0,
               etag TEXT NOT NULL DEFAULT '',
               last_modified TEXT NOT NULL DEFAULT '',
               last_attempt BIGINT,
               last_success BIGINT,
               last_error TEXT NOT NULL DEFAULT '',
               next_try BIGINT NOT NULL DEFAULT 0,
               failures INTEGER NOT NULL DEFAULT 0))",
          // Deduplication looks items up by id, by link and by title within their feed.
          R"(CREATE TABLE feed_items (
               id {{ID}},
               feed_id BIGINT NOT NULL REFERENCES partner_feeds (id) ON DELETE CASCADE,
               guid TEXT NOT NULL,
               link TEXT NOT NULL,
               title TEXT NOT NULL,
               summary TEXT NOT NULL,
               published BIGINT NOT NULL,
               first_seen BIGINT NOT NULL,
               hidden INTEGER NOT NULL DEFAULT 0,
               UNIQUE (feed_id, guid)))",
          "CREATE INDEX feed_items_by_link ON feed_items (feed_id, link)",
          "CREATE INDEX feed_items_by_title ON feed_items (feed_id, title)",
          "CREATE INDEX feed_items_by_date ON feed_items (published DESC, id DESC)",
      }},
      // Readers' comments (store/comment_store.h): the comments, with their stable key for
      // export/import; bans by e-mail or address; articles whose comments are closed; the
      // secret that signs the comment form.
      {{
          R"(CREATE TABLE comments (
               id {{ID}},
               comment_key TEXT NOT NULL UNIQUE,
               article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
               parent_id BIGINT REFERENCES comments (id) ON DELETE CASCADE,
               author_name TEXT NOT NULL,
               email TEXT NOT NULL,
               ip TEXT NOT NULL,
               body TEXT NOT NULL,
               status TEXT NOT NULL CHECK (status IN ('held', 'approved', 'rejected', 'spam')),
               created_at BIGINT NOT NULL))",
          "CREATE INDEX comments_by_article ON comments (article_id, status, created_at)",
          "CREATE INDEX comments_by_status ON comments (status, created_at)",
          "CREATE INDEX comments_by_ip ON comments (ip, created_at)",
          "CREATE INDEX comments_by_email ON comments (email, status)",
          "CREATE INDEX comments_by_parent ON comments (parent_id)",
          R"(CREATE TABLE comment_bans (
               id {{ID}},
               kind TEXT NOT NULL CHECK (kind IN ('email', 'ip')),
               value TEXT NOT NULL,
               created_at BIGINT NOT NULL,
               UNIQUE (kind, value)))",
          R"(CREATE TABLE comments_closed (
               article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE))",
          R"(CREATE TABLE comment_secrets (
               name TEXT NOT NULL PRIMARY KEY,
               value TEXT NOT NULL))",
      }},
      // Search joins every match to its article for the filters and the recency bonus. In
      // SQLite a row lookup walks past the body to reach status and published_at (ten
      // times slower on 100k articles); this index answers from its own pages.
      {{
          "{{SQLITE}}CREATE INDEX articles_search_facts ON articles"
          " (id, status, published_at, section_id, owner_id)",
      }},
      // An article's agency and source credit line (store/store.h Article), in the article and
      // in each revision so that a restore brings them back. Empty for older articles.
      {{
          "ALTER TABLE articles ADD COLUMN agency TEXT NOT NULL DEFAULT ''",
          "ALTER TABLE articles ADD COLUMN source_credit TEXT NOT NULL DEFAULT ''",
          "ALTER TABLE article_revisions ADD COLUMN agency TEXT NOT NULL DEFAULT ''",
          "ALTER TABLE article_revisions ADD COLUMN source_credit TEXT NOT NULL DEFAULT ''",
      }},
      // PostgreSQL's search table, narrow (sql_store_search.cc): the vectors go to TOAST at
      // once (toast_tuple_target) so that a bitmap scan reads a few bytes a row, and the
      // article's status, date, section and owner sit beside them, kept by a trigger, so
      // that filtering 30k matches needs no join. Two GIN indexes over the five vectors
      // answer every question a query asks: `stems` (title and body) finds the candidates
      // in one scan, the others say in which fields a word is. Only the exact vectors keep
      // positions, for phrases; lz4 reads them back faster than the default compression.
      // Emptying search_index_state has the store re-index every article when it next opens.
      {{
          "{{POSTGRESQL}}DROP TABLE article_search",
          R"({{POSTGRESQL}}CREATE TABLE article_search (
               article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
               status TEXT NOT NULL,
               published_at BIGINT NOT NULL,
               section_id BIGINT NOT NULL,
               owner_id BIGINT,
               title_exact TSVECTOR COMPRESSION lz4 NOT NULL,
               body_exact TSVECTOR COMPRESSION lz4 NOT NULL,
               title_stems TSVECTOR COMPRESSION lz4 NOT NULL,
               stems TSVECTOR COMPRESSION lz4 NOT NULL,
               shared_stems TSVECTOR COMPRESSION lz4 NOT NULL) WITH (toast_tuple_target = 128))",
          R"({{POSTGRESQL}}CREATE INDEX article_search_terms ON article_search
               USING GIN (stems, title_exact, title_stems, shared_stems))",
          "{{POSTGRESQL}}CREATE INDEX article_search_body ON article_search USING GIN (body_exact)",
          R"({{POSTGRESQL}}CREATE FUNCTION article_search_facts() RETURNS trigger
               LANGUAGE plpgsql AS $$
             BEGIN
               UPDATE article_search SET status = NEW.status, published_at = NEW.published_at,
                 section_id = NEW.section_id, owner_id = NEW.owner_id
               WHERE article_id = NEW.id;
               RETURN NULL;
             END $$)",
          R"({{POSTGRESQL}}CREATE TRIGGER article_search_facts
               AFTER UPDATE OF status, published_at, section_id, owner_id ON articles
               FOR EACH ROW EXECUTE FUNCTION article_search_facts())",
          "{{POSTGRESQL}}DELETE FROM search_index_state",
      }},
  };
  return kMigrations;
}

bool TakeDialectStatement(std::string_view& statement, SqlDialect dialect) {
  static constexpr std::string_view kSqlite = "{{SQLITE}}", kPostgresql = "{{POSTGRESQL}}";
  for (auto [marker, d] : {std::pair{kSqlite, SqlDialect::kSqlite},
                           std::pair{kPostgresql, SqlDialect::kPostgresql}}) {
    if (statement.starts_with(marker)) {
      if (d != dialect) return false;
      statement.remove_prefix(marker.size());
    }
  }
  return true;
}

std::string ExpandMigrationStatement(std::string_view statement,
                                     std::string_view id_column_type) {
  static constexpr std::string_view kId = "{{ID}}";
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = statement.find(kId, pos)) != std::string_view::npos;
       pos = hit + kId.size()) {
    out.append(statement.substr(pos, hit - pos));
    out.append(id_column_type);
  }
  out.append(statement.substr(pos));
  return out;
}

}  // namespace wakala::store
