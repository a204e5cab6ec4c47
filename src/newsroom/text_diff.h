#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wakala::newsroom {

struct DiffLine {
  enum Kind { kSame, kRemoved, kAdded } kind;
  std::string text;
};

// A line diff (longest common subsequence) of `before` and `after`, for comparing two
// revisions. Quadratic in the number of lines: articles have hundreds, not millions; inputs
// beyond 4000 lines each are compared as wholly replaced.
std::vector<DiffLine> DiffLines(std::string_view before, std::string_view after);

}  // namespace wakala::newsroom
