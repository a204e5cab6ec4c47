// The analyser's word lists (analyzer.h, rules S1 and stop words), kept apart from the code so
// that adding a word is one edit in word_lists.cc. Stop words are written as a reader writes them (the
// analyser folds them); protected stems are written folded.
#pragma once

#include <span>
#include <string_view>

namespace wakala::arabic {

// Function words that are neither indexed nor searched.
std::span<const std::string_view> StopwordList();

// Stems whose first letter looks like a prefix (و ف ب ك ل) or whose end looks like a suffix
// but is part of the word: the stemmer removes no prefix from a word that reduces to one and
// strips no suffix below one. Without «وكال», «وكالة» would lose its و and become «كال»; without
// «لبنان», «لبنان» would lose its ان and meet «لبن».
std::span<const std::string_view> ProtectedStemList();

}  // namespace wakala::arabic
