// A reader's search query, parsed into analysed words (analyzer.h). Never fails: any text,
// including invalid UTF-8, FTS or SQL syntax, gives a query (possibly empty); the store builds
// its own statements from the analysed terms, so nothing the reader types reaches SQL.
//
// Syntax: words (all must match, as written or by stem); "an exact phrase" (its words adjacent
// and as written, after folding; an unclosed quote runs to the end); -word (articles with the
// word in any form are left out). Stop words are dropped everywhere. Everything else a search
// engine might know (AND, OR, NEAR, *, ^, :) is an ordinary word or a separator.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wakala::arabic {

struct QueryWord {
  std::string surface;  // folded
  std::string stem;
};

struct ParsedQuery {
  std::vector<QueryWord> words;                 // required; phrase words are not repeated here
  std::vector<std::vector<QueryWord>> phrases;  // two words or more each
  std::vector<QueryWord> excluded;
  bool truncated = false;  // words past kMaxQueryWords were ignored

  // No required word and no phrase: nothing to search for (exclusions alone do not count).
  bool Empty() const { return words.empty() && phrases.empty(); }
  // The folded words and stems a result may contain (for highlighting).
  std::vector<QueryWord> Positive() const;
};

inline constexpr size_t kMaxQueryWords = 24;

ParsedQuery ParseQuery(std::string_view text);

}  // namespace wakala::arabic
