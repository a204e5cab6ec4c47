#include "arabic/query.h"

#include <algorithm>

#include "arabic/analyzer.h"

namespace wakala::arabic {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool Contains(const std::vector<QueryWord>& v, const QueryWord& w) {
  return std::any_of(v.begin(), v.end(), [&](const QueryWord& x) { return x.surface == w.surface; });
}

}  // namespace

std::vector<QueryWord> ParsedQuery::Positive() const {
  std::vector<QueryWord> out = words;
  for (const auto& phrase : phrases)
    for (const QueryWord& w : phrase)
      if (!Contains(out, w)) out.push_back(w);
  return out;
}

ParsedQuery ParseQuery(std::string_view text) {
  ParsedQuery q;
  size_t budget = kMaxQueryWords;
  auto take = [&](std::string_view part) {
    std::vector<QueryWord> out;
    for (Term& t : Analyze(part)) {
      if (budget == 0) {
        q.truncated = true;
        break;
      }
      --budget;
      out.push_back({std::move(t.surface), std::move(t.stem)});
    }
    return out;
  };
  auto add_words = [&](std::vector<QueryWord> words, std::vector<QueryWord>& into) {
    for (QueryWord& w : words)
      if (!Contains(into, w)) into.push_back(std::move(w));
  };
  for (size_t i = 0; i < text.size();) {
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    if (text[i] == '"') {
      size_t close = text.find('"', i + 1);
      size_t end = close == std::string_view::npos ? text.size() : close;
      std::vector<QueryWord> phrase = take(text.substr(i + 1, end - i - 1));
      if (phrase.size() == 1) add_words(std::move(phrase), q.words);
      else if (phrase.size() > 1) q.phrases.push_back(std::move(phrase));
      i = close == std::string_view::npos ? text.size() : close + 1;
      continue;
    }
    size_t end = i;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '"') ++end;
    std::string_view chunk = text.substr(i, end - i);
    if (chunk.size() > 1 && chunk[0] == '-') add_words(take(chunk.substr(1)), q.excluded);
    else add_words(take(chunk), q.words);
    i = end;
  }
  // A word both wanted and excluded (same stem) cancels out as an exclusion: the reader gets
  // results rather than none.
  const std::vector<QueryWord> positive = q.Positive();
  std::erase_if(q.excluded, [&](const QueryWord& w) {
    return std::any_of(positive.begin(), positive.end(),
                       [&](const QueryWord& p) { return p.stem == w.stem; });
  });
  return q;
}

}  // namespace wakala::arabic
