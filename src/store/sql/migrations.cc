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
  };
  return kMigrations;
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
