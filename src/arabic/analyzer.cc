#include "arabic/analyzer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <unordered_map>
#include <unordered_set>

#include "arabic/word_lists.h"
#include "base/utf8.h"

namespace wakala::arabic {
namespace {

enum class Kind { kArabic, kOther, kDigit, kDrop, kSeparator };

struct Folded {
  char32_t cp;
  Kind kind;
};

// N2-N8 for a code point of the Arabic block.
Folded FoldArabic(char32_t cp) {
  if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x0610 && cp <= 0x061A) ||
      (cp >= 0x06D6 && cp <= 0x06ED && cp != 0x06E5 && cp != 0x06E6) || cp == 0x0640)
    return {0, Kind::kDrop};
  if (cp >= 0x0660 && cp <= 0x0669) return {U'0' + (cp - 0x0660), Kind::kDigit};
  if (cp >= 0x06F0 && cp <= 0x06F9) return {U'0' + (cp - 0x06F0), Kind::kDigit};
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673: case 0x0675:
      return {0x0627, Kind::kArabic};  // N4
    case 0x0649: case 0x06CC: case 0x0678: case 0x06D2:
      return {0x064A, Kind::kArabic};  // N5
    case 0x06A9: case 0x06AA:
      return {0x0643, Kind::kArabic};
    case 0x0629: case 0x06C0: case 0x06C1: case 0x06D5:
      return {0x0647, Kind::kArabic};  // N6
    case 0x0624: case 0x0626: case 0x0674:
      return {0x0621, Kind::kArabic};  // N7
    case 0x0676: case 0x0677:
      return {0x0648, Kind::kArabic};
    default:
      break;
  }
  if ((cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A) ||
      (cp >= 0x066E && cp <= 0x06D3) || cp == 0x06E5 || cp == 0x06E6 ||
      (cp >= 0x06EE && cp <= 0x06EF) || (cp >= 0x06FA && cp <= 0x06FF))
    return {cp, Kind::kArabic};
  return {0, Kind::kSeparator};  // ، ؛ ؟ ٪ ٫ ٬ ۔ and the like
}

// Classifies a code point that is already in NFKC form (or ASCII / Arabic block).
Folded Classify(char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return {cp - 'A' + 'a', Kind::kOther};
    if (cp >= 'a' && cp <= 'z') return {cp, Kind::kOther};
    if (cp >= '0' && cp <= '9') return {cp, Kind::kDigit};
    return {0, Kind::kSeparator};
  }
  if (cp >= 0x0600 && cp <= 0x06FF) return FoldArabic(cp);
  int8_t type = u_charType(static_cast<UChar32>(cp));
  switch (type) {
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
    case U_FORMAT_CHAR:
      return {0, Kind::kDrop};  // N2, N3
    case U_DECIMAL_DIGIT_NUMBER: {
      int32_t v = u_charDigitValue(static_cast<UChar32>(cp));
      if (v >= 0 && v <= 9) return {static_cast<char32_t>(U'0' + v), Kind::kDigit};
      return {0, Kind::kSeparator};
    }
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
      return {static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)),
              Kind::kOther};
    default:
      return {0, Kind::kSeparator};
  }
}

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfkc;
}

// N1: the folded code points one source code point stands for (usually one).
void FoldCodePoint(char32_t cp, std::vector<Folded>& out) {
  out.clear();
  if (cp < 0x80 || (cp >= 0x0600 && cp <= 0x06FF) || cp == 0xFFFD) {
    out.push_back(Classify(cp));
    return;
  }
  const icu::Normalizer2* nfkc = Nfkc();
  UErrorCode status = U_ZERO_ERROR;
  if (nfkc && !nfkc->isNormalized(icu::UnicodeString(static_cast<UChar32>(cp)), status)) {
    status = U_ZERO_ERROR;
    icu::UnicodeString n = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
    if (U_SUCCESS(status)) {
      for (int32_t i = 0; i < n.length();) {
        UChar32 c = n.char32At(i);
        out.push_back(Classify(static_cast<char32_t>(c)));
        i += U16_LENGTH(c);
      }
      return;
    }
  }
  out.push_back(Classify(cp));
}

// Which tokens may share a run (T2): Arabic letters apart from Latin letters and digits.
int Group(Kind k) { return k == Kind::kArabic ? 1 : 2; }

// Listed as written; compared folded.
const std::unordered_set<std::string>& Stopwords() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string>();
    for (std::string_view w : StopwordList()) s->insert(Fold(w));
    return s;
  }();
  return *set;
}

size_t Letters(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Arabic letters are two bytes in UTF-8 (U+0600-07FF); the stemmer works on whole letters.
bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// S5 with S1: strips up to two suffixes, stopping at a form in `prot`.
std::string StripSuffixesUntil(std::string s, const std::unordered_set<std::string>& prot) {
  static constexpr std::string_view kSuffixes[] = {"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"};
  for (int round = 0; round < 3 && !prot.count(s); ++round) {
    bool stripped = false;
    for (std::string_view suffix : kSuffixes) {
      if (EndsWith(s, suffix) && Letters(s) - Letters(suffix) >= 3) {
        s.resize(s.size() - suffix.size());
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  return s;
}

// S1: the protected stems, folded again in case the list spells one with a hamza or ة.
const std::unordered_set<std::string>& Protected() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string>();
    for (std::string_view w : ProtectedStemList()) s->insert(Fold(w));
    return s;
  }();
  return *set;
}

std::string StripSuffixes(std::string s) { return StripSuffixesUntil(std::move(s), Protected()); }

bool IsProtected(const std::string& s) {
  const auto& prot = Protected();
  return prot.count(s) || prot.count(StripSuffixes(s));
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::vector<Folded> folded;
  Token current;
  int current_group = 0;
  auto finish = [&]() {
    if (!current.folded.empty() && current.folded.size() <= kMaxTokenBytes)
      tokens.push_back(std::move(current));
    current = Token();
    current_group = 0;
  };
  for (size_t i = 0; i < text.size();) {
    size_t begin = i;
    char32_t cp = NextCodePoint(text, i);
    FoldCodePoint(cp, folded);
    for (const Folded& f : folded) {
      if (f.kind == Kind::kDrop) {
        if (!current.folded.empty()) current.end = i;  // a mark belongs to its letter
        continue;
      }
      if (f.kind == Kind::kSeparator) {
        finish();
        continue;
      }
      int group = Group(f.kind);
      if (current_group != 0 && group != current_group) finish();
      if (current.folded.empty()) {
        current.begin = begin;
        current.arabic = f.kind == Kind::kArabic;
      }
      current_group = group;
      AppendUtf8(current.folded, f.cp);
      current.end = i;
    }
  }
  finish();
  return tokens;
}

std::string Fold(std::string_view text) {
  std::string out;
  for (const Token& t : Tokenize(text)) {
    if (!out.empty()) out.push_back(' ');
    out += t.folded;
  }
  return out;
}

bool IsStopword(std::string_view folded) { return Stopwords().count(std::string(folded)) > 0; }

std::string Stem(std::string_view folded) {
  std::string s(folded);
  if (s.empty() || static_cast<unsigned char>(s[0]) < 0x80) return s;  // Latin, digits
  if (IsProtected(s)) return StripSuffixes(s);
  // S2: conjunction.
  if ((StartsWith(s, "و") || StartsWith(s, "ف")) && Letters(s) - 1 >= 3) {
    s.erase(0, 2);
    if (IsProtected(s)) return StripSuffixes(s);
  }
  // S3: article, else S4: preposition.
  bool article = false;
  for (std::string_view p : {"بال", "كال", "لل", "ال"}) {
    if (StartsWith(s, p) && Letters(s) - Letters(p) >= 2) {
      // «لل» is also ل before a word that starts with ل: «للاعبين» is ل + «لاعبين».
      if (p == "لل" && IsProtected(s.substr(2))) return StripSuffixes(s.substr(2));
      s.erase(0, p.size());
      article = true;
      break;
    }
  }
  if (article) {
    if (IsProtected(s)) return StripSuffixes(s);
  } else if ((StartsWith(s, "ب") || StartsWith(s, "ك") || StartsWith(s, "ل")) &&
             Letters(s) - 1 >= 3) {
    s.erase(0, 2);
  }
  return StripSuffixes(std::move(s));
}

std::vector<Term> Analyze(std::string_view text) {
  std::vector<Term> terms;
  for (Token& t : Tokenize(text)) {
    if (IsStopword(t.folded)) continue;
    Term term;
    term.stem = t.arabic ? Stem(t.folded) : t.folded;
    term.surface = std::move(t.folded);
    term.begin = t.begin;
    term.end = t.end;
    terms.push_back(std::move(term));
  }
  return terms;
}

}  // namespace wakala::arabic
