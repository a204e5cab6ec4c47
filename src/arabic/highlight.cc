#include "arabic/highlight.h"

#include <algorithm>

#include "arabic/analyzer.h"

namespace wakala::arabic {
namespace {

bool Matches(const Token& t, const std::vector<QueryWord>& words) {
  if (IsStopword(t.folded)) return false;
  std::string stem = t.arabic ? Stem(t.folded) : t.folded;
  return std::any_of(words.begin(), words.end(), [&](const QueryWord& w) {
    return w.surface == t.folded || w.stem == stem;
  });
}

}  // namespace

std::vector<Span> MatchSpans(std::string_view text, const std::vector<QueryWord>& words) {
  std::vector<Span> out;
  for (const Token& t : Tokenize(text))
    if (Matches(t, words)) out.push_back({t.begin, t.end});
  return out;
}

Snippet BestSnippet(std::string_view text, const std::vector<QueryWord>& words,
                    size_t max_words) {
  Snippet s;
  std::vector<Token> tokens = Tokenize(text);
  if (tokens.empty() || max_words == 0) return s;
  std::vector<bool> hit(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) hit[i] = Matches(tokens[i], words);
  // Sliding window over tokens; the first window with the most hits wins. It starts a few
  // words before its first hit, so the reader sees the match in context.
  size_t best_start = 0, best_hits = 0, hits = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    hits += hit[i];
    if (i >= max_words) hits -= hit[i - max_words];
    size_t start = i + 1 >= max_words ? i + 1 - max_words : 0;
    if (hits > best_hits) {
      best_hits = hits;
      best_start = start;
    }
  }
  if (best_hits > 0) {
    size_t first = best_start;
    while (!hit[first]) ++first;
    best_start = first > 5 ? first - 5 : 0;
  }
  size_t last = std::min(tokens.size(), best_start + max_words) - 1;
  s.range = {best_start == 0 ? 0 : tokens[best_start].begin,
             last + 1 == tokens.size() ? text.size() : tokens[last].end};
  s.cut_before = best_start > 0;
  s.cut_after = last + 1 < tokens.size();
  for (size_t i = best_start; i <= last; ++i)
    if (hit[i]) s.marks.push_back({tokens[i].begin, tokens[i].end});
  return s;
}

}  // namespace wakala::arabic
