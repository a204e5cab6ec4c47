#include "cli/analyze.h"

#include "arabic/analyzer.h"
#include "base/utf8.h"

namespace wakala::cli {

int Analyze(const std::string& text, std::ostream& out, std::ostream& err) {
  if (!IsValidUtf8(text)) {
    err << "wakala: analyze: the text is not valid UTF-8 (bad bytes are read as separators)\n";
  }
  out << "word\tfolded\tstem\n";
  std::string terms;
  for (const arabic::Token& t : arabic::Tokenize(text)) {
    const bool stop = arabic::IsStopword(t.folded);
    const std::string stem = stop ? "-" : t.arabic ? arabic::Stem(t.folded) : t.folded;
    out << text.substr(t.begin, t.end - t.begin) << "\t" << t.folded << "\t" << stem << "\n";
    if (!stop) terms += (terms.empty() ? "" : " ") + (stem == t.folded ? stem : t.folded + "|" + stem);
  }
  out << "terms: " << terms << "\n";
  return 0;
}

}  // namespace wakala::cli
