// The Arabic text analyser shared by search (the store's index, the query parser, snippet
// highlighting) and the ticker's clustering. Pure functions over UTF-8; thread-safe; no
// allocation beyond the results. Invalid UTF-8 bytes are treated as separators (U+FFFD), so
// no input can make it fail.
//
// The rules, in the order they apply (doc/search.md has the rationale and examples; the
// cases live in arabic/testdata/*.txt):
//
// Normalisation (FoldCodePoint), one source code point at a time, so every folded character
// keeps the byte range of the character it came from (highlighting maps matches back to the
// original text, diacritics included):
//  N1 Code points outside ASCII and the Arabic block U+0600-06FF go through ICU NFKC first:
//     presentation forms (U+FB50-FDFF, U+FE70-FEFF: «ﻻ» -> «لا», «ﷲ» -> «الله»), full-width
//     Latin and digits, ligatures. Other scripts are case-folded (ICU u_foldCase); ASCII is
//     lower-cased.
//  N2 Diacritics are dropped: harakat and tanwin U+064B-065F, superscript alef U+0670, Quranic
//     marks U+0610-061A and U+06D6-06ED, and any other combining mark (Mn/Mc/Me). They do not
//     break a word.
//  N3 Tatweel U+0640 and format characters (ZWNJ, ZWJ, bidi marks, soft hyphen) are dropped
//     and do not break a word: «القـــمة» is one word.
//  N4 Alef forms أ إ آ ٱ (and U+0672, U+0673, U+0675) -> ا.
//  N5 Alef maksura ى and Farsi yeh ی -> ي; keheh ک -> ك.
//  N6 Ta marbuta ة (and ۀ ہ ە) -> ه.
//  N7 Hamza on a carrier: ؤ and ئ -> ء, so «مسؤول»/«مسئول» and «شؤون»/«شئون» meet. Alef with
//     hamza is folded by N4, not here, because readers type «اهداف» for «أهداف» far more often
//     than «ءهداف».
//  N8 Arabic-Indic ٠-٩ and Persian ۰-۹ digits -> 0-9.
//
// Tokenising (Tokenize): a token is a maximal run of letters and digits after folding.
//  T1 Everything else separates: spaces, Arabic punctuation ، ؛ ؟ ٪ ٫ ٬ «», Latin
//     punctuation, quotes, hyphens, slashes, FTS syntax characters (" * : ^), emoji.
//  T2 A run splits where Arabic letters meet Latin letters or digits: «بـMBC» -> «ب» «mbc»,
//     «الـ13» -> «ال» «13»; Latin letters and digits stay together («g20», «mp3»).
//  T3 Tokens longer than kMaxTokenBytes are dropped (URLs run together, base64): no reader
//     searches for them and the index must not grow by them.
//
// Stop words (IsStopword): function words (prepositions, pronouns, demonstratives, common
// particles), compared after folding; listed in word_lists.cc. They are not indexed and are
// dropped from queries, including phrases (so a phrase's words are adjacent among indexed
// terms).
//
// Light stemming (Stem), Arabic-letter tokens only; Latin and numbers are their own stem:
//  S1 Protected stems (word_lists.cc): no prefix is taken off a word that reduces to one by
//     suffix stripping, and suffix stripping stops at one: «وكالة», «الوكالات», «وكالات» ->
//     «وكال» (an unprotected و would make «وكالة» -> «كال»); «لبنانية» -> «لبنان», not «لبن».
//     Checked before every step below.
//  S2 Conjunction: a leading و or ف is removed when at least 3 letters remain.
//  S3 Article: the first of بال كال لل ال is removed when at least 2 letters remain.
//  S4 Preposition, only when S3 removed nothing: a leading ب ك ل is removed when at least 3
//     letters remain («بدمج» -> «دمج»).
//  S5 Suffixes: up to three of ها ان ات ون ين يه ه ي (after folding, so ية and ة too), longest
//     first, each only when at least 3 letters remain («المصريين» -> «مصري» -> «مصر»).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wakala::arabic {

// Bumped whenever a rule or a word list changes what Analyze produces, so stored indexes
// built by an older analyser are rebuilt when a store opens.
inline constexpr int kAnalyzerVersion = 2;

inline constexpr size_t kMaxTokenBytes = 64;

struct Token {
  std::string folded;  // normalised (N1-N8), e.g. «اهداف» for «أهدافُ»
  size_t begin = 0;    // byte range of the token in the original text, marks included
  size_t end = 0;
  bool arabic = false;  // made of Arabic letters (stemmed); otherwise Latin letters or digits
};

// Every token, stop words included, in text order.
std::vector<Token> Tokenize(std::string_view text);

// The whole text folded (N1-N8), tokens joined by one space: «أهدافُ القـمّة» -> «اهداف القمه».
std::string Fold(std::string_view text);

// `folded` must be one folded token (a Token::folded).
bool IsStopword(std::string_view folded);
std::string Stem(std::string_view folded);

// What search indexes and looks up for one word.
struct Term {
  std::string surface;  // the folded token
  std::string stem;     // Stem(surface); equal to surface for Latin words and numbers
  size_t begin = 0;     // byte range in the original text
  size_t end = 0;
};

// The tokens of `text` minus stop words, with their stems, in text order.
std::vector<Term> Analyze(std::string_view text);

}  // namespace wakala::arabic
