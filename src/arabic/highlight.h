// Where a query's words occur in a text, as byte ranges of the ORIGINAL text (diacritics,
// tatweel and presentation forms included), and the best passage to show as a snippet.
// A word matches when its folded form or its stem equals a query word's (analyzer.h).
#pragma once

#include <string_view>
#include <vector>

#include "arabic/query.h"

namespace wakala::arabic {

struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// Matching words of `text`, in order.
std::vector<Span> MatchSpans(std::string_view text, const std::vector<QueryWord>& words);

struct Snippet {
  Span range;               // the passage, cut at word boundaries
  std::vector<Span> marks;  // matches inside it
  bool cut_before = false;  // text was left out before / after it
  bool cut_after = false;
};

// The passage of about `max_words` words with the most matches (the opening when none).
Snippet BestSnippet(std::string_view text, const std::vector<QueryWord>& words,
                    size_t max_words = 30);

}  // namespace wakala::arabic
