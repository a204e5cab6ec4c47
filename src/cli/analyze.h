// `wakala analyze TEXT`: what the Arabic analyser makes of a text (the terms search indexes and
// looks up), so an operator can see why a search matched or did not. No database needed.
#pragma once

#include <ostream>
#include <string>

namespace wakala::cli {

// One line per token: the original word, its folded form, its stem ("-" for a stop word),
// tab-separated, then a summary line of the indexed terms. Returns the exit code.
int Analyze(const std::string& text, std::ostream& out, std::ostream& err);

}  // namespace wakala::cli
