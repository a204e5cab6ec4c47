// SearchStore: full-text search over articles, inside the database: SQLite FTS5 or
// PostgreSQL tsvector columns with a GIN index. The text is analysed in C++ (arabic/), so
// both backends index and look up identical terms: for the title and for summary + body,
// the folded words ("exact") and their stems, in text order (stop words dropped; a body
// is indexed up to its first kMaxIndexedBodyTerms words, PostgreSQL's position limit).
//
// The index is written in the same transaction as the article (AddArticle, UpdateArticle).
// Opening a store indexes every article the index lacks or indexed with an older analyser
// (arabic::kAnalyzerVersion), so a migration needs no SQL for the backfill.
//
// Matching: every required word must occur in the title or body as written or by stem;
// every phrase must occur as written (folded), its words adjacent, in the title or body;
// no excluded word may occur in any form (by stem). Only published articles with
// published_at <= now are found (every article for the newsroom); section, owner and date
// filters combine with AND.
//
// Ranking, identical on both backends (integer arithmetic over per-word facts each database
// computes exactly, rather than FTS5's bm25() and ts_rank_cd(), which disagree): for each
// positive word w with idf weight W = 10 + round(10 * ln((N + 1) / (df + 0.5))) (N articles
// indexed, df of them containing w's stem), score += W * (8 [w as written in the title]
// + 4 [stem in the title] + 2 [as written in the body] + 1 [stem in the body]); then a
// recency bonus: 10 for the last day, 6 for the week, 3 for the month, 1 for the year. Ties
// go to the newer article, then the higher id. doc/search.md explains the choice, and how
// each backend computes the score inside the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arabic/query.h"
#include "base/status.h"
#include "base/time.h"

namespace wakala::store {

struct Article;  // defined in store.h, which includes this header for Store's base class

inline constexpr size_t kMaxIndexedBodyTerms = 16000;

struct SearchQuery {
  arabic::ParsedQuery terms;  // must not be Empty()
  std::optional<int64_t> section_id;
  std::optional<UnixSeconds> from;   // inclusive
  std::optional<UnixSeconds> until;  // exclusive
  UnixSeconds now = 0;
  // The newsroom's search: articles in every status and at any time, not only what readers
  // see; `owner_id` keeps one account's articles (authors and contributors see their own).
  bool newsroom = false;
  std::optional<int64_t> owner_id;
  int limit = 10;
  int offset = 0;
};

struct SearchResults {
  std::vector<Article> articles;  // best first, with body_markdown (for snippets)
  std::vector<int64_t> scores;    // one per article
  int64_t total = 0;              // matches before limit/offset
};

class SearchStore {
 public:
  virtual ~SearchStore() = default;

  // kInvalidInput when the query has no required word or phrase.
  virtual Result<SearchResults> SearchArticles(const SearchQuery& query) = 0;
  // Re-analyses every article (after an analyser change; the benchmark times it).
  virtual Status RebuildSearchIndex() = 0;
};

}  // namespace wakala::store
