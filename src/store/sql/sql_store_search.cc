// SqlStore's SearchStore methods and the index writes (store/search_store.h). The only SQL in
// the store that differs between dialects: SQLite's FTS5 table article_fts against
// PostgreSQL's tsvector table article_search. Both receive the same analysed terms and answer
// the same boolean questions, so results and their order agree.
#include <cmath>
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

}  // namespace

Status SqlStore::IndexArticle(int64_t id) {
  auto rows = conn_->Exec("SELECT title, summary, body_markdown FROM articles WHERE id = $1", {id});
  if (!rows.ok()) return rows.status();
  if (rows->rows.empty()) return Status::NotFound("no article with id " + std::to_string(id));
  RowReader r(rows->rows[0]);
  const std::string title = r.Text(0), summary = r.Text(1), body = r.Text(2);
  WAKALA_RETURN_IF_ERROR(r.status("articles"));
  FieldTerms t = AnalyzeField(title, kMaxIndexedBodyTerms);
  FieldTerms b = AnalyzeField(summary + "\n\n" + body, kMaxIndexedBodyTerms);

  Result<SqlResult> written = Status::Ok();
  if (conn_->Dialect() == SqlDialect::kSqlite) {
    auto removed = conn_->Exec("DELETE FROM article_fts WHERE rowid = $1", {id});
    if (!removed.ok()) return removed.status();
    written = conn_->Exec(
        "INSERT INTO article_fts (rowid, title_exact, title_stem, body_exact, body_stem)"
        " VALUES ($1, $2, $3, $4, $5)",
        {id, Joined(t.exact), Joined(t.stems), Joined(b.exact), Joined(b.stems)});
  } else {
    written = conn_->Exec(
        "INSERT INTO article_search (article_id, title_exact, title_stem, body_exact, body_stem,"
        " stems) VALUES ($1, $2::tsvector, $3::tsvector, $4::tsvector, $5::tsvector,"
        " $3::tsvector || $5::tsvector)"
        " ON CONFLICT (article_id) DO UPDATE SET title_exact = excluded.title_exact,"
        " title_stem = excluded.title_stem, body_exact = excluded.body_exact,"
        " body_stem = excluded.body_stem, stems = excluded.stems",
        {id, TsVector(t.exact), TsVector(t.stems), TsVector(b.exact), TsVector(b.stems)});
  }
  if (!written.ok()) return written.status();
  auto state = conn_->Exec(
      "INSERT INTO search_index_state (article_id, analyzer_version) VALUES ($1, $2)"
      " ON CONFLICT (article_id) DO UPDATE SET analyzer_version = excluded.analyzer_version",
      {id, int64_t{arabic::kAnalyzerVersion}});
  return state.ok() ? Status::Ok() : state.status();
}

Status SqlStore::CatchUpSearchIndex() {
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
  // In batches: one transaction per article would be slow, one for 100k would hold the
  // write lock for the whole backfill.
  constexpr size_t kBatch = 500;
  for (size_t i = 0; i < ids.size(); i += kBatch) {
    Status st = InTransaction(TxnKind::kWrite, [&]() -> Status {
      for (size_t k = i; k < std::min(ids.size(), i + kBatch); ++k)
        WAKALA_RETURN_IF_ERROR(IndexArticle(ids[k]));
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return Status::Ok();
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
      auto emptied = conn_->Exec("DELETE FROM article_search");
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
  return CatchUpSearchIndex();
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
      // For a word in a third of the articles PostgreSQL's planner prefers a sequential scan,
      // which reads every article's stems back from TOAST; the GIN index is several times
      // faster (bench/search: 254 ms against 97 ms for «الدوري» on 30k articles). For this
      // transaction only.
      auto planned = conn_->Exec("SET LOCAL enable_seqscan = off");
      if (!planned.ok()) return planned.status();
    }
    // Idf weights: N articles indexed, df of them holding the word's stem.
    Result<int64_t> n = SingleInt(conn_->Exec("SELECT COUNT(*) FROM search_index_state"),
                                  "search_index_state");
    if (!n.ok()) return n.status();
    std::unordered_map<std::string, int64_t> weight;
    for (const auto& w : positive) {
      if (weight.count(w.stem)) continue;
      Params p;
      const std::string sql =
          sqlite ? "SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH " +
                       p.Add("{title_stem body_stem}: " + term(w.stem))
                 : "SELECT COUNT(*) FROM article_search WHERE stems @@ " + p.Add(term(w.stem)) +
                       "::tsquery";
      Result<int64_t> df = SingleInt(conn_->Exec(sql, p.values()), "search index");
      if (!df.ok()) return df.status();
      weight[w.stem] = IdfWeight(*n, *df);
    }

    // The candidates, and each one's word score (search_store.h): SQLite sums per-column
    // weights inside FTS5 (store/sqlite/search_score.h); PostgreSQL tests each column.
    Params p;
    std::string from, count_from, score;
    if (sqlite) {
      // Per word, its stem in the stem columns OR its surface in the exact columns: the same
      // articles as the stem alone (a surface is indexed with its stem), but it puts both
      // phrases in the query, where wakala_score sees which columns hold them.
      std::string match;
      score = std::string(kSqliteSearchScoreFunction) + "(article_fts";
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
      score = "f.words";
    } else {
      std::string tsq;
      for (const auto& w : positive) tsq += (tsq.empty() ? "" : " & ") + term(w.stem);
      for (const auto& w : query.terms.excluded) tsq += " & !" + term(w.stem);
      from = " FROM article_search s JOIN articles a ON a.id = s.article_id WHERE s.stems @@ " +
             p.Add(tsq) + "::tsquery";
      for (const auto& phrase : query.terms.phrases) {
        std::vector<std::string> words;
        for (const auto& w : phrase) words.push_back(w.surface);
        std::string param = p.Add(TsPhrase(words));
        from += " AND (s.title_exact @@ " + param + "::tsquery OR s.body_exact @@ " + param +
                "::tsquery)";
      }
      for (const auto& w : positive) {
        const std::tuple<std::string_view, std::string, int> parts[] = {
            {"title_exact", term(w.surface), 8},
            {"title_stem", term(w.stem), 4},
            {"body_exact", term(w.surface), 2},
            {"body_stem", term(w.stem), 1},
        };
        for (const auto& [col, match, factor] : parts)
          score += std::string(score.empty() ? "" : " + ") + "(CASE WHEN s." +
                   std::string(col) + " @@ " + p.Add(match) + "::tsquery THEN " +
                   std::to_string(factor * weight[w.stem]) + " ELSE 0 END)";
      }
      if (score.empty()) score = "0";
      count_from = from;
    }
    std::string filters;
    if (!query.newsroom)
      filters += " AND a.status = 'published' AND a.published_at <= " + p.Add(query.now);
    if (query.owner_id) filters += " AND a.owner_id = " + p.Add(*query.owner_id);
    if (query.section_id) filters += " AND a.section_id = " + p.Add(*query.section_id);
    if (query.from) filters += " AND a.published_at >= " + p.Add(*query.from);
    if (query.until) filters += " AND a.published_at < " + p.Add(*query.until);
    from += filters;
    count_from += filters;
    const std::vector<SqlParam> from_params = p.values();

    const std::string now = p.Add(query.now);
    score += " + (CASE WHEN a.published_at >= " + now + " - " + std::to_string(kDay) +
             " THEN 10 WHEN a.published_at >= " + now + " - " + std::to_string(7 * kDay) +
             " THEN 6 WHEN a.published_at >= " + now + " - " + std::to_string(30 * kDay) +
             " THEN 3 WHEN a.published_at >= " + now + " - " + std::to_string(365 * kDay) +
             " THEN 1 ELSE 0 END)";

    SearchResults out;
    if (query.limit <= 0) {
      Result<int64_t> total = SingleInt(conn_->Exec("SELECT COUNT(*)" + count_from, from_params), "search");
      if (!total.ok()) return total.status();
      out.total = *total;
      return out;
    }
    // One pass ranks every match and counts them (the window count), since both need all.
    auto page = conn_->Exec("SELECT a.id, " + score + " AS score, COUNT(*) OVER () AS total" + from +
                                " ORDER BY score DESC, a.published_at DESC, a.id DESC LIMIT " +
                                p.Add(int64_t{query.limit}) + " OFFSET " +
                                p.Add(int64_t{std::max(query.offset, 0)}),
                            p.values());
    if (!page.ok()) return page.status();
    if (page->rows.empty()) {
      // Past the last page, the window has no row to report the count on.
      Result<int64_t> total = SingleInt(conn_->Exec("SELECT COUNT(*)" + count_from, from_params), "search");
      if (!total.ok()) return total.status();
      out.total = *total;
      return out;
    }
    std::vector<int64_t> ids;
    Params in;
    std::string list;
    for (const auto& row : page->rows) {
      RowReader r(row);
      ids.push_back(r.Int(0));
      out.scores.push_back(r.Int(1));
      out.total = r.Int(2);
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
