// Search benchmark (issue 6): not a test, never run by `make test`. See bench/search/README.md.
//
//   search_bench --db URL --corpus FILE.jsonl... [--articles 100000] [--repeat 50]
//                [--relevance bench/search/relevance.tsv] [--quality-articles 5000]
//                [--reuse | --queries-only]
//
// 1. Loads --articles articles from the ANT corpus JSONL files (title, body, category, date),
//    repeating the corpus with variations (a shifted date, a numbered slug and a suffix word in
//    the title) until the count is reached; times the load (each AddArticle analyses and indexes
//    in its own transaction) and then a full RebuildSearchIndex (pure indexing time).
// 2. Runs each typical query --repeat times through SearchArticles (first page of 10, with the
//    count) and prints p50 / p99 latency over all runs.
// 3. Quality, on the first --quality-articles distinct articles only (no repeats): for each
//    relevance-set query, precision@10 and recall of the search against a plain SQL LIKE
//    '%query%' over title, summary and body (what WordPress does), newest first. Relevant =
//    the article's original text contains one of the query's hand-listed spellings.
// --reuse skips the load and the quality figures on a database a previous run filled (to try
// a change of the index or query code without reloading 100k articles); --queries-only skips
// the rebuild too.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "arabic/query.h"
#include "store/store.h"

using namespace wakala;
using Steady = std::chrono::steady_clock;

namespace {

struct Doc {
  std::string title, body, category, category_ar;
  UnixSeconds date = 0;
};

UnixSeconds ParseDate(const std::string& s) {
  int y = 2018, m = 1, d = 1, hh = 0, mm = 0;
  std::sscanf(s.c_str(), "%d-%d-%dT%d:%d", &y, &m, &d, &hh, &mm);
  return FromCivil({y, m, d, hh, mm, 0});
}

std::vector<Doc> LoadCorpus(const std::vector<std::string>& files) {
  std::vector<Doc> docs;
  for (const auto& f : files) {
    std::ifstream in(f);
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      Doc d;
      d.title = j.value("title", "");
      d.body = j.value("body", "");
      d.category = j.value("category", "misc");
      d.category_ar = j.value("category_ar", d.category);
      d.date = ParseDate(j.value("date", ""));
      if (d.title.empty()) continue;
      docs.push_back(std::move(d));
    }
  }
  return docs;
}

// "a123": built without operator+ on a literal (GCC 12 -O3 warns falsely, -Wrestrict).
std::string Slug(size_t i) {
  std::string s = std::to_string(i);
  s.insert(s.begin(), 'a');
  return s;
}

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

int Fail(const Status& st) {
  std::cerr << "search_bench: " << st.ToString() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, relevance = "bench/search/relevance.tsv";
  std::vector<std::string> corpus;
  size_t articles = 100000, quality_articles = 5000;
  int repeat = 50;
  bool reuse = false, rebuild = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--db") db = next();
    else if (a == "--corpus") corpus.push_back(next());
    else if (a == "--articles") articles = std::stoul(next());
    else if (a == "--quality-articles") quality_articles = std::stoul(next());
    else if (a == "--repeat") repeat = std::stoi(next());
    else if (a == "--relevance") relevance = next();
    else if (a == "--reuse") reuse = true;
    else if (a == "--queries-only") reuse = true, rebuild = false;
  }
  if (db.empty() || corpus.empty()) {
    std::cerr << "usage: search_bench --db URL --corpus FILE.jsonl... [--articles N]\n";
    return 2;
  }
  std::vector<Doc> docs = LoadCorpus(corpus);
  if (docs.empty()) return Fail(Status::NotFound("no articles in the corpus files"));
  auto opened = store::OpenStore(db);
  if (!opened.ok()) return Fail(opened.status());
  store::Store& st = **opened;

  // Quality needs a corpus without repeats: the first quality_articles load first, are
  // measured, then the load continues to `articles`.
  std::map<std::string, int64_t> sections;
  size_t loaded = 0;
  auto load_until = [&](size_t n) -> Status {
    for (; loaded < n; ++loaded) {
      const Doc& d = docs[loaded % docs.size()];
      size_t round = loaded / docs.size();
      if (!sections.count(d.category)) {
        auto s = st.AddSection(d.category_ar, d.category);
        if (!s.ok() && s.status().code() != StatusCode::kConflict) return s.status();
        sections[d.category] = 1;
      }
      store::ArticleInput in;
      in.slug = Slug(loaded);
      in.title = round == 0 ? d.title : d.title + " (" + std::to_string(round) + ")";
      in.body_markdown = d.body;
      in.published_at = d.date - static_cast<UnixSeconds>(round) * 86400 * 3;
      in.section = d.category;
      in.byline = "وكالة الاختبار";
      auto added = st.AddArticle(in);
      if (!added.ok()) return added.status();
    }
    return Status::Ok();
  };

  const UnixSeconds now = FromCivil({2030, 1, 1, 0, 0, 0});
  auto search = [&](const std::string& text, int limit) {
    store::SearchQuery q;
    q.terms = arabic::ParseQuery(text);
    q.now = now;
    q.limit = limit;
    return st.SearchArticles(q);
  };

  // ---- quality ----
  size_t qn = std::min(quality_articles, articles);
  if (!reuse)
    if (Status s = load_until(qn); !s.ok()) return Fail(s);
  std::ifstream rel(relevance);
  if (rel && !reuse) {
    std::cout << "quality on " << qn << " distinct articles (relevance set " << relevance << ")\n";
    std::printf("%-22s %6s | %8s %8s %6s | %8s %8s %6s\n", "query", "relev.", "P@10", "recall",
                "found", "LIKE P@10", "recall", "found");
    // Relevant ids: the article's text contains one of the listed spellings.
    std::vector<std::pair<int64_t, std::string>> texts;
    for (size_t i = 0; i < qn; ++i)
      texts.emplace_back(static_cast<int64_t>(i), docs[i].title + "\n" + docs[i].body);
    double sum_p = 0, sum_r = 0, sum_lp = 0, sum_lr = 0;
    int nq = 0;
    for (std::string line; std::getline(rel, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cols;
      std::stringstream ss(line);
      for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
      if (cols.size() < 2) continue;
      const std::string& query = cols[0];
      std::vector<std::string> spellings;
      std::stringstream sp(cols[1]);
      for (std::string w; std::getline(sp, w, ',');) if (!w.empty()) spellings.push_back(w);
      std::set<std::string> relevant;
      for (const auto& [i, text] : texts)
        for (const auto& w : spellings)
          if (text.find(w) != std::string::npos) {
            relevant.insert(Slug(static_cast<size_t>(i)));
            break;
          }
      if (relevant.empty()) continue;
      auto found = search(query, 100000);
      if (!found.ok()) return Fail(found.status());
      size_t top_hits = 0, all_hits = 0;
      for (size_t k = 0; k < found->articles.size(); ++k) {
        bool r = relevant.count(found->articles[k].slug) > 0;
        all_hits += r;
        if (k < 10) top_hits += r;
      }
      // LIKE, as typed, newest first: the same text the reader typed, no folding.
      std::vector<std::pair<UnixSeconds, std::string>> like;
      for (const auto& [i, text] : texts)
        if (text.find(query) != std::string::npos) like.emplace_back(docs[i].date, Slug(static_cast<size_t>(i)));
      std::sort(like.rbegin(), like.rend());
      size_t l_top = 0, l_all = 0;
      for (size_t k = 0; k < like.size(); ++k) {
        bool r = relevant.count(like[k].second) > 0;
        l_all += r;
        if (k < 10) l_top += r;
      }
      auto p10 = [](size_t hits, size_t n) { return n == 0 ? 0.0 : double(hits) / double(std::min<size_t>(10, n)); };
      double p = p10(top_hits, found->articles.size()), r = double(all_hits) / relevant.size();
      double lp = p10(l_top, like.size()), lr = double(l_all) / relevant.size();
      std::printf("%-22s %6zu | %8.2f %8.2f %6zu | %8.2f %8.2f %6zu\n", query.c_str(),
                  relevant.size(), p, r, found->articles.size(), lp, lr, like.size());
      sum_p += p, sum_r += r, sum_lp += lp, sum_lr += lr, ++nq;
    }
    if (nq)
      std::printf("%-22s %6s | %8.2f %8.2f %6s | %8.2f %8.2f\n", "mean", "", sum_p / nq, sum_r / nq,
                  "", sum_lp / nq, sum_lr / nq);
  }

  // ---- load and indexing ----
  if (!reuse) {
    auto t0 = Steady::now();
    if (Status s = load_until(articles); !s.ok()) return Fail(s);
    auto t1 = Steady::now();
    std::printf("\nloaded %zu articles (+%zu before) in %.1f s (AddArticle, indexing included)\n",
                articles - qn, qn, Ms(t1 - t0) / 1000);
  }
  if (rebuild) {
    auto t2 = Steady::now();
    if (Status s = st.RebuildSearchIndex(); !s.ok()) return Fail(s);
    auto t3 = Steady::now();
    std::printf("RebuildSearchIndex of %zu articles: %.1f s\n", articles, Ms(t3 - t2) / 1000);
  }

  // ---- latency ----
  const std::vector<std::string> queries = {
      "مصر", "اهداف", "القمه", "الرئيس", "السيسى", "وزير الخارجية", "\"كرة القدم\"",
      "الانتخابات -تونس", "المنتخب الوطني", "فيروس كورونا", "الحكومه التونسيه", "أَسْعَار النفط",
      "الدوري", "مهرجان", "البرلمان"};
  // The first run of a query also counts its words' document frequencies,
  // which later runs take from the store's cache: its time is shown apart, and the p99 of
  // first runs alone is what a site where every search follows a write would see.
  // Not timed: a new PostgreSQL connection loads its text-search and GIN code on its first
  // search (~100 ms, once per connection; the server keeps its connections).
  if (auto warm = search("تجربة", 10); !warm.ok()) return Fail(warm.status());
  std::vector<double> all, firsts, repeats;
  std::printf("\n%-22s %8s %8s %8s %8s\n", "query (page 1 of 10)", "matches", "first ms",
              "p50 ms", "p99 ms");
  for (const auto& q : queries) {
    std::vector<double> times;
    int64_t total = 0;
    for (int i = 0; i < repeat; ++i) {
      auto a = Steady::now();
      auto r = search(q, 10);
      auto b = Steady::now();
      if (!r.ok()) return Fail(r.status());
      total = r->total;
      times.push_back(Ms(b - a));
    }
    all.insert(all.end(), times.begin(), times.end());
    firsts.push_back(times.front());
    repeats.insert(repeats.end(), times.begin() + 1, times.end());
    std::printf("%-22s %8lld %8.1f %8.1f %8.1f\n", q.c_str(), static_cast<long long>(total),
                times.front(), Percentile(times, 0.5), Percentile(times, 0.99));
  }
  std::printf("%-22s %8s %8.1f %8.1f %8.1f\n", "all queries", "", Percentile(firsts, 0.99),
              Percentile(all, 0.5), Percentile(all, 0.99));
  // Without each query's first run: what a server whose connection has already searched
  // sees (its statistics cached, the pages it reads mapped).
  if (!repeats.empty())
    std::printf("%-22s %8s %8s %8.1f %8.1f\n", "all, first runs apart", "", "",
                Percentile(repeats, 0.5), Percentile(repeats, 0.99));
  return 0;
}
