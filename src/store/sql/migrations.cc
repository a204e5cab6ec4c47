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
               status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
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
