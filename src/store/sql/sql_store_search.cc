// SqlStore's SearchStore methods and the index writes (store/search_store.h). The only SQL in
// the store that differs between dialects: SQLite's FTS5 table article_fts against
// PostgreSQL's tsvector table article_search. Both receive the same analysed terms and answer
// the same boolean questions, so results and their order agree.
#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <iterator>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "arabic/analyzer.h"
#include "store/sql/rows.h"
#include "store/sql/sql_store.h"

namespace wakala::store {
namespace {

// One indexed field: folded words and stems, in text order.
struct FieldTerms {
  std::vector<std::string> exact, stems;
};

// Analysed terms contain only letters and digits, never quotes, backslashes or spaces; a term
// that somehow did would be dropped here rather than change a statement's meaning.
bool SafeTerm(const std::string& t) {
  return !t.empty() && t.find_first_of("'\"\\ :*^(){}") == std::string::npos;
}

FieldTerms AnalyzeField(std::string_view text, size_t max_terms) {
  FieldTerms f;
  for (arabic::Term& t : arabic::Analyze(text)) {
    if (f.exact.size() >= max_terms) break;
    if (!SafeTerm(t.surface) || !SafeTerm(t.stem)) continue;
    f.exact.push_back(std::move(t.surface));
    f.stems.push_back(std::move(t.stem));
  }
  return f;
}

std::string Joined(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& t : terms) {
    if (!out.empty()) out.push_back(' ');
    out += t;
  }
  return out;
}

// PostgreSQL's tsvector input form with positions: 'a':1 'b':2 'a':3 (repeats are merged by
// the cast). Built here so PostgreSQL's parser and dictionaries never see the text.
std::string TsVector(const std::vector<std::string>& terms) {
  std::string out;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += "'" + terms[i] + "':" + std::to_string(i + 1);
  }
  return out;
}

// A tsvector of distinct terms without positions: what a term-set column holds.
std::string TsTerms(const std::set<std::string>& terms) {
  std::string out;
  for (const std::string& t : terms) out += (out.empty() ? "'" : " '") + t + "'";
  return out;
}

std::string FtsPhrase(const std::vector<std::string>& terms) { return "\"" + Joined(terms) + "\""; }

std::string TsPhrase(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& t : terms) out += (out.empty() ? "'" : " <-> '") + t + "'";
  return out;
}

// Weight of a word by how rare its stem is (search_store.h).
int64_t IdfWeight(int64_t n, int64_t df) {
  double idf = std::log((static_cast<double>(n) + 1.0) / (static_cast<double>(df) + 0.5));
  return 10 + std::max<int64_t>(0, std::llround(10.0 * idf));
}

constexpr int64_t kDay = 86400;

// From this many articles to index, PostgreSQL's catch-up drops the GIN indexes and builds
// them again at the end.
constexpr size_t kBulkIndexing = 5000;

// PostgreSQL's GIN indexes on article_search (migrations.cc), as dropped and created again
// around a bulk catch-up. Two rather than one over the five columns: for 80k articles they
// build in 20 s one after the other and 10 s side by side, where the one took 26 s.
constexpr const char* kPgSearchIndexes[] = {"article_search_terms", "article_search_body"};
constexpr const char* kPgCreateSearchIndexes[] = {
    "CREATE INDEX IF NOT EXISTS article_search_terms ON article_search"
    " USING GIN (stems, title_exact, title_stems, shared_stems)",
    "CREATE INDEX IF NOT EXISTS article_search_body ON article_search USING GIN (body_exact)"};

// PostgreSQL's title tiers (SqlStore::SearchArticles), in the order of what every row of a
// one-word tier holds: the title stem, or that and the word as written in the title. Its
// score adds those sets without asking them.
constexpr int kNoTitleSet = 0, kTitleStem = 1, kTitleExact = 2, kNeverHeld = 3;

// Cached document frequencies past which the cache starts again (SqlStore::SearchStats).
constexpr size_t kMaxCachedStems = 10000;

}  // namespace

Status SqlStore::IndexArticle(int64_t id) {
  Result<std::vector<ArticleText>> texts = ArticleTexts({id});
  if (!texts.ok()) return texts.status();
  if (texts->empty()) return Status::NotFound("no article with id " + std::to_string(id));
  return WriteIndexEntries(AnalyseArticles(*texts, conn_->Dialect()));
}

Result<std::vector<SqlStore::ArticleText>> SqlStore::ArticleTexts(
    const std::vector<int64_t>& ids) {
  std::vector<ArticleText> texts;
  if (ids.empty()) return texts;
  Params p;
  std::string list;
  for (int64_t id : ids) list += (list.empty() ? "" : ", ") + p.Add(id);
  auto rows = conn_->Exec("SELECT id, revision, title, summary, body_markdown FROM articles"
                          " WHERE id IN (" + list + ")",
                          p.values());
  if (!rows.ok()) return rows.status();
  for (const auto& row : rows->rows) {
    RowReader r(row);
    texts.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4)});
    WAKALA_RETURN_IF_ERROR(r.status("articles"));
  }
  return texts;
}

std::vector<SqlStore::IndexEntry> SqlStore::AnalyseArticles(const std::vector<ArticleText>& texts,
                                                            SqlDialect dialect) {
  std::vector<IndexEntry> entries;
  entries.reserve(texts.size());
  for (const ArticleText& text : texts) {
    FieldTerms t = AnalyzeField(text.title, kMaxIndexedBodyTerms);
    FieldTerms b = AnalyzeField(text.summary + "\n\n" + text.body, kMaxIndexedBodyTerms);
    IndexEntry e{text.id, text.revision, {}};
    if (dialect == SqlDialect::kSqlite) {
      e.fields = {Joined(t.exact), Joined(t.stems), Joined(b.exact), Joined(b.stems)};
    } else {
      const std::set<std::string> title_stems(t.stems.begin(), t.stems.end()),
          body_stems(b.stems.begin(), b.stems.end());
      std::set<std::string> stems = title_stems, shared;
      stems.insert(body_stems.begin(), body_stems.end());
      std::set_intersection(title_stems.begin(), title_stems.end(), body_stems.begin(),
                            body_stems.end(), std::inserter(shared, shared.end()));
      e.fields = {TsVector(t.exact), TsVector(b.exact), TsTerms(title_stems), TsTerms(stems),
                  TsTerms(shared)};
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

Status SqlStore::DropEditedSince(std::vector<IndexEntry>& entries) {
  if (entries.empty()) return Status::Ok();
  Params p;
  std::string list;
  for (const IndexEntry& e : entries) list += (list.empty() ? "" : ", ") + p.Add(e.id);
  auto current =
      conn_->Exec("SELECT id, revision FROM articles WHERE id IN (" + list + ")", p.values());
  if (!current.ok()) return current.status();
  std::unordered_map<int64_t, int64_t> revision;
  for (const auto& row : current->rows) {
    RowReader r(row);
    revision[r.Int(0)] = r.Int(1);
    WAKALA_RETURN_IF_ERROR(r.status("articles"));
  }
  std::erase_if(entries, [&](const IndexEntry& e) {
    auto it = revision.find(e.id);
    return it == revision.end() || it->second != e.revision;
  });
  return Status::Ok();
}

Status SqlStore::WriteIndexEntries(std::vector<IndexEntry> entries) {
  if (entries.empty()) return Status::Ok();
  // One statement per table for the whole batch: a round trip per article was most of a
  // rebuild's time on PostgreSQL.
  const bool sqlite = conn_->Dialect() == SqlDialect::kSqlite;
  Params values_params, states, removed;
  std::string values, state_values, removed_list;
  for (IndexEntry& e : entries) {
    values += std::string(values.empty() ? "" : ", ") + "(" + values_params.Add(e.id) +
              (sqlite ? "" : "::bigint");
    for (std::string& f : e.fields)
      values += ", " + values_params.Add(std::move(f)) + (sqlite ? "" : "::tsvector");
    values += ")";
    state_values += std::string(state_values.empty() ? "" : ", ") + "(" + states.Add(e.id) +
                    ", " + states.Add(int64_t{arabic::kAnalyzerVersion}) + ")";
    removed_list += (removed_list.empty() ? "" : ", ") + removed.Add(e.id);
  }

  Result<SqlResult> written = Status::Ok();
  if (sqlite) {
    auto gone = conn_->Exec("DELETE FROM article_fts WHERE rowid IN (" + removed_list + ")",
                            removed.values());
    if (!gone.ok()) return gone.status();
    written = conn_->Exec(
        "INSERT INTO article_fts (rowid, title_exact, title_stem, body_exact, body_stem)"
        " VALUES " + values,
        values_params.values());
  } else {
    // The article's facts come along (the trigger article_search_facts keeps them current).
    written = conn_->Exec(
        "INSERT INTO article_search (article_id, status, published_at, section_id, owner_id,"
        " title_exact, body_exact, title_stems, stems, shared_stems)"
        " SELECT a.id, a.status, a.published_at, a.section_id, a.owner_id, v.te, v.be, v.ts,"
        " v.s, v.sh FROM (VALUES " + values + ") v (id, te, be, ts, s, sh)"
        " JOIN articles a ON a.id = v.id"
        " ON CONFLICT (article_id) DO UPDATE SET status = excluded.status,"
        " published_at = excluded.published_at, section_id = excluded.section_id,"
        " owner_id = excluded.owner_id, title_exact = excluded.title_exact,"
        " body_exact = excluded.body_exact, title_stems = excluded.title_stems,"
        " stems = excluded.stems, shared_stems = excluded.shared_stems",
        values_params.values());
  }
  if (!written.ok()) return written.status();
  auto state = conn_->Exec(
      "INSERT INTO search_index_state (article_id, analyzer_version) VALUES " + state_values +
          " ON CONFLICT (article_id) DO UPDATE SET analyzer_version = excluded.analyzer_version",
      states.values());
  return state.ok() ? Status::Ok() : state.status();
}

Status SqlStore::CatchUpSearchIndex(bool rebuild) {
  auto pending = conn_->Exec(
      "SELECT a.id FROM articles a LEFT JOIN search_index_state s ON s.article_id = a.id"
      " WHERE s.article_id IS NULL OR s.analyzer_version <> $1 ORDER BY a.id",
      {int64_t{arabic::kAnalyzerVersion}});
  if (!pending.ok()) return pending.status();
  std::vector<int64_t> ids;
  for (const auto& row : pending->rows) {
    RowReader r(row);
    ids.push_back(r.Int(0));
    WAKALA_RETURN_IF_ERROR(r.status("articles"));
  }
  // PostgreSQL builds a GIN index from scratch several times faster than it grows one entry
  // by entry, so a large backfill (a rebuild, a new analyser) goes without it. Should the
  // process stop halfway, the next open finds the articles still pending and does the same;
  // searches work meanwhile, only slower.
  const bool postgresql = conn_->Dialect() == SqlDialect::kPostgresql;
  const bool bulk = rebuild || ids.size() >= kBulkIndexing;
  if (postgresql && bulk) {
    for (const char* index : kPgSearchIndexes) {
      auto dropped = conn_->Exec("DROP INDEX IF EXISTS " + std::string(index));
      if (!dropped.ok()) return dropped.status();
    }
  }
  // In batches: one transaction per article would be slow, one for 100k would hold the
  // write lock for the whole backfill. A second thread analyses the next batch while the
  // database writes this one; the analysis is most of the work on the client's side.
  constexpr size_t kBatch = 500;
  const SqlDialect dialect = conn_->Dialect();
  auto batch_texts = [&](size_t from) {
    return ArticleTexts(std::vector<int64_t>(ids.begin() + from,
                                             ids.begin() + std::min(ids.size(), from + kBatch)));
  };
  std::future<std::vector<IndexEntry>> next;
  auto analyse_from = [&](size_t from) -> Status {
    Result<std::vector<ArticleText>> texts = batch_texts(from);
    if (!texts.ok()) return texts.status();
    next = std::async(std::launch::async, [texts = std::move(*texts), dialect]() {
      return AnalyseArticles(texts, dialect);
    });
    return Status::Ok();
  };
  if (!ids.empty()) WAKALA_RETURN_IF_ERROR(analyse_from(0));
  for (size_t i = 0; i < ids.size(); i += kBatch) {
    std::vector<IndexEntry> entries = next.get();
    if (i + kBatch < ids.size()) WAKALA_RETURN_IF_ERROR(analyse_from(i + kBatch));
    Status st = InTransaction(TxnKind::kWrite, [&]() -> Status {
      WAKALA_RETURN_IF_ERROR(DropEditedSince(entries));
      return WriteIndexEntries(std::move(entries));
    });
    if (!st.ok()) {
      if (next.valid()) next.wait();
      return st;
    }
  }
  if (!postgresql) return Status::Ok();
  if (!bulk) {
    // Usually both are there (at every open): cheaper to look than to open a connection.
    int64_t missing = 0;
    for (const char* index : kPgSearchIndexes) {
      Result<int64_t> found = SingleInt(
          conn_->Exec("SELECT COUNT(*) FROM pg_class WHERE relname = $1 AND relkind = 'i'"
                      " AND pg_table_is_visible(oid)",
                      {std::string(index)}),
          "pg_class");
      if (!found.ok()) return found.status();
      missing += *found == 0;
    }
    if (missing == 0) return Status::Ok();
  }
  // Each index on a connection of its own, at the same time: CREATE INDEX admits another
  // CREATE INDEX on the table, and each build is one server process on one core.
  Result<std::unique_ptr<SqlConnection>> other = conn_->OpenAnother();
  if (!other.ok()) return other.status();
  if (!*other) return Status::Internal("PostgreSQL gave no second connection");
  auto build = [](SqlConnection& connection, const char* create) -> Status {
    WAKALA_RETURN_IF_ERROR(connection.Begin(/*write=*/true));
    for (const char* statement : {"SET LOCAL maintenance_work_mem = '256MB'", create}) {
      auto done = connection.Exec(statement);
      if (!done.ok()) {
        connection.Rollback();
        return done.status();
      }
    }
    return connection.Commit();
  };
  std::future<Status> second =
      std::async(std::launch::async, build, std::ref(**other), kPgCreateSearchIndexes[1]);
  Status first = build(*conn_, kPgCreateSearchIndexes[0]);
  Status built = second.get();
  if (!first.ok()) return first;
  if (!built.ok()) return built;
  if (!bulk) return Status::Ok();
  // After a bulk load: the planner's statistics, and the visibility map (a page known
  // all-visible spares a bitmap scan the check of each row on it). Autovacuum would do the
  // same a little later.
  auto vacuumed = conn_->Exec("VACUUM (ANALYZE) article_search");
  return vacuumed.ok() ? Status::Ok() : vacuumed.status();
}

Status SqlStore::RebuildSearchIndex() {
  std::lock_guard lock(mu_);
  // Emptied in bulk first: re-indexing over the old entries would make FTS5 re-read and
  // delete each one, which costs as much as the indexing itself. SQLite re-creates the
  // table from the statement the migrations left in its schema.
  Status cleared = InTransaction(TxnKind::kWrite, [&]() -> Status {
    auto state = conn_->Exec("DELETE FROM search_index_state");
    if (!state.ok()) return state.status();
    if (conn_->Dialect() == SqlDialect::kPostgresql) {
      auto emptied = conn_->Exec("TRUNCATE article_search");
      return emptied.ok() ? Status::Ok() : emptied.status();
    }
    auto ddl = conn_->Exec("SELECT sql FROM sqlite_master WHERE name = 'article_fts'");
    if (!ddl.ok()) return ddl.status();
    if (ddl->rows.size() != 1 || ddl->rows[0].empty() || !ddl->rows[0][0])
      return Status::Corruption("the search table article_fts is missing");
    const std::string create = *ddl->rows[0][0];
    for (const std::string& statement : {std::string("DROP TABLE article_fts"), create}) {
      auto done = conn_->Exec(statement);
      if (!done.ok()) return done.status();
    }
    return Status::Ok();
  });
  if (!cleared.ok()) return cleared;
  return CatchUpSearchIndex(/*rebuild=*/true);
}

Result<SearchResults> SqlStore::SearchArticles(const SearchQuery& query) {
  if (query.terms.Empty()) return Status::InvalidInput("the query has no words to search for");
  const std::vector<arabic::QueryWord> positive = query.terms.Positive();
  for (const auto& w : positive)
    if (!SafeTerm(w.surface) || !SafeTerm(w.stem)) return Status::InvalidInput("unusable query word");
  for (const auto& w : query.terms.excluded)
    if (!SafeTerm(w.surface) || !SafeTerm(w.stem)) return Status::InvalidInput("unusable query word");

  std::lock_guard lock(mu_);
  const bool sqlite = conn_->Dialect() == SqlDialect::kSqlite;
  auto term = [&](const std::string& t) { return sqlite ? "\"" + t + "\"" : "'" + t + "'"; };

  return InTransaction(TxnKind::kRead, [&]() -> Result<SearchResults> {
    if (!sqlite) {
      // For this transaction only. Without sequential scans: for a word in a third of the
      // articles the planner would rather read every row than the GIN index, several times
      // slower. With room for the hashed term sets below: past work_mem PostgreSQL stops
      // hashing a subquery and re-reads it for every candidate. Without parallel workers:
      // each would build every term set again, which made a common word twice as slow.
      for (const char* setting :
           {"SET LOCAL enable_seqscan = off", "SET LOCAL work_mem = '64MB'",
            "SET LOCAL max_parallel_workers_per_gather = 0"}) {
        auto planned = conn_->Exec(setting);
        if (!planned.ok()) return planned.status();
      }
    }
    // Idf weights: N articles indexed, df of them holding the word's stem. Every write
    // moves content_version on, so statistics of the same version are still exact.
    Result<int64_t> version =
        SingleInt(conn_->Exec("SELECT n FROM content_version WHERE id = 1"), "content_version");
    if (!version.ok()) return version.status();
    SearchStats& stats = search_stats_;
    if (stats.version != *version || stats.articles_with_stem.size() > kMaxCachedStems) {
      Result<int64_t> n = SingleInt(conn_->Exec("SELECT COUNT(*) FROM search_index_state"),
                                    "search_index_state");
      if (!n.ok()) return n.status();
      stats = SearchStats{*version, *n, {}};
    }
    std::unordered_map<std::string, int64_t> weight;
    for (const auto& w : positive) {
      auto known = stats.articles_with_stem.find(w.stem);
      if (known == stats.articles_with_stem.end()) {
        Params p;
        const std::string sql =
            sqlite ? "SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH " +
                         p.Add("{title_stem body_stem}: " + term(w.stem))
                   : "SELECT COUNT(*) FROM article_search WHERE stems @@ " +
                         p.Add(term(w.stem)) + "::tsquery";
        Result<int64_t> df = SingleInt(conn_->Exec(sql, p.values()), "search index");
        if (!df.ok()) return df.status();
        known = stats.articles_with_stem.emplace(w.stem, *df).first;
      }
      weight[w.stem] = IdfWeight(stats.articles, known->second);
    }

    // The candidates, and each one's word score (search_store.h): SQLite sums per-column
    // weights inside FTS5 (store/sqlite/search_score.h); PostgreSQL looks each candidate up
    // in hashed sets of the articles holding the term in each field. The article's status,
    // date, section and owner: SQLite's from `articles` (joined), PostgreSQL's from the
    // copies in article_search, so that no match needs a join until the page is known.
    Params p;
    std::string from, count_from;
    std::string candidate_stems;  // PostgreSQL: a tsquery on `stems` every match meets
    std::string term_conditions, phrase_checks;  // PostgreSQL: `from` is both
    const std::string facts = sqlite ? "a." : "s.";
    const std::string id_column = sqlite ? "a.id" : "s.article_id";
    if (sqlite) {
      // Per word, its stem in the stem columns OR its surface in the exact columns: the same
      // articles as the stem alone (a surface is indexed with its stem), but it puts both
      // phrases in the query, where wakala_score sees which columns hold them.
      std::string match;
      std::string score = std::string(kSqliteSearchScoreFunction) + "(article_fts";
      for (const auto& w : positive) {
        const int64_t weight_w = weight[w.stem];
        match += (match.empty() ? "" : " AND ") + std::string("({title_stem body_stem}: ") +
                 term(w.stem) + " OR {title_exact body_exact}: " + term(w.surface) + ")";
        // Phrase 2k is the stem, 2k + 1 the surface; four columns each.
        for (int64_t f : {0, 4, 0, 1, 8, 0, 2, 0}) score += ", " + std::to_string(f * weight_w);
      }
      score += ")";
      for (const auto& phrase : query.terms.phrases) {
        std::vector<std::string> words;
        for (const auto& w : phrase) words.push_back(w.surface);
        match += (match.empty() ? "" : " AND ") + std::string("{title_exact body_exact}: ") +
                 FtsPhrase(words);
      }
      for (const auto& w : query.terms.excluded)
        match = "(" + match + ") NOT {title_stem body_stem}: " + term(w.stem);
      // FTS5 scores in a subquery of its own (an auxiliary function cannot sit beside the
      // window count), and CROSS JOIN keeps it the outer loop: left to itself SQLite's
      // planner walks the articles index and asks FTS5 about each row, a hundred times
      // slower. The count leaves the score out, since SQLite may flatten its subquery.
      const std::string match_param = p.Add(match);
      auto candidates = [&, fts_score = score](bool scored) {
        return " FROM (SELECT rowid AS id" + (scored ? ", " + fts_score + " AS words" : "") +
               " FROM article_fts WHERE article_fts MATCH " + match_param +
               ") f CROSS JOIN articles a INDEXED BY articles_search_facts ON a.id = f.id"
               " WHERE 1 = 1";
      };
      from = candidates(true);
      count_from = candidates(false);
    } else {
      // The words' stems and no excluded one, in one scan of the GIN index. Reading a row's
      // vectors back from TOAST costs microseconds, so the only conditions tested on rows are
      // phrases (positions); the rest are term sets. A phrase's words are not asked for
      // again by stem: the phrase implies them, and the planner would check them on every
      // row the phrase finds.
      auto all_of = [&](const std::vector<arabic::QueryWord>& list) {
        std::string out;
        for (const auto& w : list) out += (out.empty() ? "" : " & ") + term(w.stem);
        return out;
      };
      const std::string words = all_of(query.terms.words), all_words = all_of(positive);
      std::string excluded;
      for (const auto& w : query.terms.excluded) excluded += " & !" + term(w.stem);
      candidate_stems = all_words + excluded;
      std::vector<std::string> where;  // phrases apart: the title tier tests them last
      if (!words.empty()) where.push_back("s.stems @@ " + p.Add(words + excluded) + "::tsquery");
      for (const auto& phrase : query.terms.phrases) {
        std::vector<std::string> surfaces;
        for (const auto& w : phrase) surfaces.push_back(w.surface);
        std::string param = p.Add(TsPhrase(surfaces));
        // The body first: most matches have the phrase there, and each test reads a vector
        // back from TOAST.
        phrase_checks += (phrase_checks.empty() ? "" : " AND ") + std::string("(s.body_exact @@ ") +
                         param + "::tsquery OR s.title_exact @@ " + param + "::tsquery)";
      }
      if (words.empty()) {
        for (const auto& w : query.terms.excluded)
          where.push_back("s.article_id NOT IN (SELECT article_id FROM article_search WHERE"
                          " stems @@ " + p.Add(term(w.stem)) + "::tsquery)");
      }
      for (const std::string& c : where)
        term_conditions += (term_conditions.empty() ? "" : " AND ") + c;
      from = " FROM article_search s WHERE " + term_conditions +
             (!term_conditions.empty() && !phrase_checks.empty() ? " AND " : "") + phrase_checks;
      count_from = from;
    }
    std::string filters;
    if (!query.newsroom)
      filters += " AND " + facts + "status = 'published' AND " + facts +
                 "published_at <= " + p.Add(query.now);
    if (query.owner_id) filters += " AND " + facts + "owner_id = " + p.Add(*query.owner_id);
    if (query.section_id) filters += " AND " + facts + "section_id = " + p.Add(*query.section_id);
    if (query.from) filters += " AND " + facts + "published_at >= " + p.Add(*query.from);
    if (query.until) filters += " AND " + facts + "published_at < " + p.Add(*query.until);
    from += filters;
    count_from += filters;
    const Params filtered = p;  // what the count statement takes: candidates and filters
    const std::vector<SqlParam>& from_params = filtered.values();

    // PostgreSQL's word scores, cut to the rows `among` keeps. Per word: 8W if written so in
    // the title, 4W for the stem in the title, 2W written so in the body, W for the stem in
    // the body. The last is the largest set, so it is not asked for: a candidate holds the
    // stem in the title or the body, so it has it in the body unless it has it in the title
    // only, which `shared_stems` (title and body) tells. Hence W + 8W [title, written so] +
    // 3W [title stem] + 2W [body, written so] + W [stem in both], the same sum from four
    // small sets.
    // `held`: the title sets every row holds (a tier of a one-word query), added, not asked.
    auto pg_word_score = [&](Params& params, const std::string& among, int held) {
      int64_t constant = 0;
      std::string sets;
      for (const auto& w : positive) {
        const int64_t weight_w = weight[w.stem];
        constant += weight_w;
        // column, asked by surface (else stem), factor, the tier from which every row holds it
        const std::tuple<const char*, bool, int64_t, int> parts[] = {
            {"title_exact", true, 8, kTitleExact}, {"title_stems", false, 3, kTitleStem},
            {"body_exact", true, 2, kNeverHeld}, {"shared_stems", false, 1, kNeverHeld}};
        for (const auto& [column, surface, factor, held_from] : parts) {
          if (held >= held_from) {
            constant += factor * weight_w;
            continue;
          }
          sets += " + (CASE WHEN s.article_id IN (SELECT article_id FROM article_search WHERE " +
                  std::string(column) + " @@ " + params.Add(term(surface ? w.surface : w.stem)) +
                  "::tsquery" + among + ") THEN " + std::to_string(factor * weight_w) +
                  " ELSE 0 END)";
        }
      }
      return std::to_string(constant) + sets;
    };
    // The statement of a page: each match's score, best first. `among` cuts PostgreSQL's
    // term sets to (a superset of) the rows `where` keeps.
    auto page_statement = [&](Params& params, const std::string& where, const std::string& among,
                              int held, bool with_total) {
      std::string score = sqlite ? "f.words" : pg_word_score(params, among, held);
      const std::string now = params.Add(query.now);
      const std::string date = facts + "published_at";
      score += " + (CASE WHEN " + date + " >= " + now + " - " + std::to_string(kDay) +
               " THEN 10 WHEN " + date + " >= " + now + " - " + std::to_string(7 * kDay) +
               " THEN 6 WHEN " + date + " >= " + now + " - " + std::to_string(30 * kDay) +
               " THEN 3 WHEN " + date + " >= " + now + " - " + std::to_string(365 * kDay) +
               " THEN 1 ELSE 0 END)";
      return "SELECT " + id_column + ", " + score + " AS score" +
             (with_total ? ", COUNT(*) OVER () AS total" : "") + where + " ORDER BY score DESC, " +
             date + " DESC, " + id_column + " DESC LIMIT " + params.Add(int64_t{query.limit}) +
             " OFFSET " + params.Add(int64_t{std::max(query.offset, 0)});
    };
    auto count = [&]() {
      return SingleInt(conn_->Exec("SELECT COUNT(*)" + count_from, from_params), "search");
    };

    SearchResults out;
    if (query.limit <= 0) {
      Result<int64_t> total = count();
      if (!total.ok()) return total.status();
      out.total = *total;
      return out;
    }
    std::optional<SqlResult> page;
    if (!sqlite && !positive.empty()) {
      // Matches with a word in the title first. A match without any word written so in the
      // title scores at most 7W per word + 10 (stem in the title and the body, written so in
      // the body, today's date), without any word's stem in the title at most 3W + 10; one
      // with a word written so in the title scores at least 12W for it, with its stem there
      // at least 4W. So when a page of the title matches is full and its last score is above
      // the bound, no other match can rank inside it, and the page comes from those alone: a
      // few hundred rows where «الرئيس» has 30k. The count is then one plain pass over the
      // matches, without ranking them.
      struct Tier {
        const char* column;
        bool surface;
        int64_t factor;  // the bound: factor * W per word + 10
        int held;
      };
      for (const Tier& t : {Tier{"title_exact", true, 7, kTitleExact},
                            Tier{"title_stems", false, 3, kTitleStem}}) {
        int64_t bound = 10;
        std::string in_title;
        for (const auto& w : positive) {
          bound += t.factor * weight[w.stem];
          in_title += (in_title.empty() ? "" : " | ") + term(t.surface ? w.surface : w.stem);
        }
        Params tier = filtered;
        const std::string title_param = tier.Add(in_title);
        const std::string candidates = tier.Add(candidate_stems);
        const std::string in_tier =
            std::string(t.column) + " @@ " + title_param + "::tsquery AND stems @@ " + candidates +
            "::tsquery";
        // The tier's rows come from the GIN index alone, and only they have their phrases
        // tested (OFFSET 0 keeps PostgreSQL from testing phrases first, on every match).
        std::string tier_from = " FROM (SELECT * FROM article_search s WHERE " + term_conditions +
                                (term_conditions.empty() ? "" : " AND ") + "s." + in_tier +
                                filters + " OFFSET 0) s";
        if (!phrase_checks.empty()) tier_from += " WHERE " + phrase_checks;
        auto tiered = conn_->Exec(
            page_statement(tier, tier_from, " AND " + in_tier,
                           positive.size() == 1 ? t.held : kNoTitleSet, /*with_total=*/false),
            tier.values());
        if (!tiered.ok()) return tiered.status();
        if (tiered->rows.size() < static_cast<size_t>(query.limit)) continue;
        RowReader last(tiered->rows.back());
        const int64_t last_score = last.Int(1);
        WAKALA_RETURN_IF_ERROR(last.status("search"));
        if (last_score <= bound) continue;
        Result<int64_t> total = count();
        if (!total.ok()) return total.status();
        out.total = *total;
        page = std::move(*tiered);
        break;
      }
    }
    if (!page) {
      // One pass ranks every match and counts them (the window count), since both need all.
      // With more than one word, PostgreSQL's term sets are cut to (a superset of) the
      // candidates in the same GIN scan: «المنتخب الوطني» has 900 candidates, where either
      // word alone has thousands.
      Params all = filtered;
      const std::string among = !sqlite && positive.size() + query.terms.excluded.size() > 1
                                    ? " AND stems @@ " + all.Add(candidate_stems) + "::tsquery"
                                    : std::string();
      auto ranked = conn_->Exec(page_statement(all, from, among, kNoTitleSet, /*with_total=*/true),
                                all.values());
      if (!ranked.ok()) return ranked.status();
      if (ranked->rows.empty()) {
        // Past the last page, the window has no row to report the count on.
        Result<int64_t> total = count();
        if (!total.ok()) return total.status();
        out.total = *total;
        return out;
      }
      RowReader first(ranked->rows.front());
      out.total = first.Int(2);
      WAKALA_RETURN_IF_ERROR(first.status("search"));
      page = std::move(*ranked);
    }
    std::vector<int64_t> ids;
    Params in;
    std::string list;
    for (const auto& row : page->rows) {
      RowReader r(row);
      ids.push_back(r.Int(0));
      out.scores.push_back(r.Int(1));
      WAKALA_RETURN_IF_ERROR(r.status("search"));
      list += (list.empty() ? "" : ", ") + in.Add(ids.back());
    }
    Result<std::vector<Article>> articles =
        SelectArticles(true, "WHERE a.id IN (" + list + ")", in.values());
    if (!articles.ok()) return articles.status();
    std::unordered_map<int64_t, Article*> by_id;
    for (Article& a : *articles) by_id[a.id] = &a;
    for (int64_t id : ids) {
      auto it = by_id.find(id);
      if (it == by_id.end()) return Status::Corruption("search found a missing article");
      out.articles.push_back(std::move(*it->second));
    }
    return out;
  });
}

}  // namespace wakala::store
