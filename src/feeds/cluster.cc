#include "feeds/cluster.h"

#include <algorithm>

#include "arabic/analyzer.h"

namespace wakala::feeds {

std::vector<std::string> HeadlineTerms(std::string_view title) {
  std::vector<std::string> terms;
  for (auto& t : arabic::Analyze(title)) terms.push_back(std::move(t.stem));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

double Overlap(const std::vector<std::string>& a, const std::vector<std::string>& b, size_t* shared) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  if (shared) *shared = common;
  size_t smaller = std::min(a.size(), b.size());
  return smaller == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(smaller);
}

std::vector<std::string> HeadlineSequence(std::string_view title) {
  std::vector<std::string> out;
  for (auto& t : arabic::Analyze(title))
    if (std::find(out.begin(), out.end(), t.stem) == out.end()) out.push_back(std::move(t.stem));
  return out;
}

namespace {

// The letters of a stem that carry its root, roughly: a leading imperfect or derived-form
// prefix (ي ت ن ا) taken off a stem of 4+ letters, the weak letters ا و ي dropped and doubled
// letters merged: «يزور» and «زيار» both give «زر», «ينضم» and «انضمام» «نضم». Only the
// template rule's alignment uses it, so a wrong merge can only keep two headlines together
// that the overlap already joined. Stems with letters outside the Arabic block stay as they are.
std::string RootSkeleton(const std::string& stem) {
  std::vector<std::string> letters;
  for (size_t i = 0; i < stem.size();) {
    unsigned char c = static_cast<unsigned char>(stem[i]);
    if (c < 0x80) return stem;  // a number or a Latin word
    if (c < 0xD8 || c > 0xDB || i + 1 >= stem.size()) return stem;
    letters.push_back(stem.substr(i, 2));
    i += 2;
  }
  constexpr std::string_view kYa = "\u064A", kTa = "\u062A", kNun = "\u0646", kAlef = "\u0627", kWaw = "\u0648";
  size_t from = 0;
  if (letters.size() >= 4 && (letters[0] == kYa || letters[0] == kTa || letters[0] == kNun || letters[0] == kAlef))
    from = 1;
  std::string out, last;
  size_t kept = 0;
  for (size_t i = from; i < letters.size(); ++i) {
    const std::string& l = letters[i];
    if (l == kAlef || l == kWaw || l == kYa || l == last) continue;
    out += l;
    last = l;
    ++kept;
  }
  return kept >= 2 ? out : stem;
}

bool IsNumber(const std::string& term) {
  return !term.empty() && std::all_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Analysed {
  std::vector<std::string> terms;     // sorted, for the overlap
  std::vector<std::string> sequence;  // text order, for the template rule
};

Analysed AnalyseHeadline(std::string_view title) {
  Analysed a;
  a.sequence = HeadlineSequence(title);
  a.terms = a.sequence;
  std::sort(a.terms.begin(), a.terms.end());
  return a;
}

bool Matches(const Analysed& a, const Analysed& b, const ClusterOptions& options, double* score) {
  size_t shared = 0;
  double overlap = Overlap(a.terms, b.terms, &shared);
  if (score) *score = overlap;
  return shared >= options.min_shared && overlap >= options.min_overlap &&
         !DiffersInASlot(a.sequence, b.sequence, options.min_frame);
}

}  // namespace

bool DiffersInASlot(const std::vector<std::string>& a, const std::vector<std::string>& b, double min_frame) {
  if (a.empty() || b.empty()) return false;
  std::vector<std::string> ra, rb;
  for (const auto& t : a) ra.push_back(RootSkeleton(t));
  for (const auto& t : b) rb.push_back(RootSkeleton(t));
  auto same = [&](size_t i, size_t j) { return a[i] == b[j] || ra[i] == rb[j]; };
  // The longest common subsequence (headlines are short: a table of a few hundred cells).
  size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = same(i, j) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  double frame = static_cast<double>(lcs[0][0]) / static_cast<double>(std::min(n, m));
  if (lcs[0][0] == 0 || frame < min_frame) return false;
  // Walk the alignment; between two aligned terms (and before the first, after the last) each
  // side has a gap. A gap with a word (not only numbers) on both sides is a slot filled twice.
  auto has_word = [](const std::vector<std::string>& terms, size_t from, size_t to) {
    for (size_t k = from; k < to; ++k)
      if (!IsNumber(terms[k])) return true;
    return false;
  };
  size_t i = 0, j = 0, gap_a = 0, gap_b = 0;
  while (i < n && j < m) {
    if (same(i, j) && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
      if (has_word(a, gap_a, i) && has_word(b, gap_b, j)) return true;
      gap_a = ++i;
      gap_b = ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return has_word(a, gap_a, n) && has_word(b, gap_b, m);
}

bool SameStory(std::string_view a, std::string_view b, const ClusterOptions& options) {
  return Matches(AnalyseHeadline(a), AnalyseHeadline(b), options, nullptr);
}

std::vector<Story> ClusterHeadlines(std::vector<Headline> headlines, const ClusterOptions& options) {
  std::stable_sort(headlines.begin(), headlines.end(),
                   [](const Headline& x, const Headline& y) { return x.published > y.published; });
  struct Member {
    size_t story;
    Analysed terms;
    UnixSeconds published;
  };
  std::vector<Story> stories;
  std::vector<Member> members;
  for (auto& h : headlines) {
    Analysed terms = AnalyseHeadline(h.title);
    double best = -1;
    size_t best_story = stories.size();
    for (const Member& m : members) {
      if (m.published - h.published > options.window) continue;
      double score = 0;
      if (Matches(terms, m.terms, options, &score) && score > best) {
        best = score;
        best_story = m.story;
      }
    }
    if (best_story == stories.size()) stories.emplace_back();
    Story& s = stories[best_story];
    if (std::find(s.sources.begin(), s.sources.end(), h.source) == s.sources.end()) s.sources.push_back(h.source);
    members.push_back({best_story, std::move(terms), h.published});
    s.headlines.push_back(std::move(h));
  }
  return stories;
}

}  // namespace wakala::feeds
