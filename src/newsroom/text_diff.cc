#include "newsroom/text_diff.h"

namespace wakala::newsroom {
namespace {
std::vector<std::string> Lines(std::string_view s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    out.emplace_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  if (!out.empty() && out.back().empty() && !s.empty() && s.back() == '\n') out.pop_back();
  return out;
}
}  // namespace

std::vector<DiffLine> DiffLines(std::string_view before, std::string_view after) {
  auto a = Lines(before), b = Lines(after);
  std::vector<DiffLine> out;
  constexpr size_t kMaxLines = 4000;
  if (a.size() > kMaxLines || b.size() > kMaxLines) {
    for (auto& l : a) out.push_back({DiffLine::kRemoved, std::move(l)});
    for (auto& l : b) out.push_back({DiffLine::kAdded, std::move(l)});
    return out;
  }
  size_t n = a.size(), m = b.size();
  std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      out.push_back({DiffLine::kSame, a[i]});
      ++i, ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push_back({DiffLine::kRemoved, a[i++]});
    } else {
      out.push_back({DiffLine::kAdded, b[j++]});
    }
  }
  while (i < n) out.push_back({DiffLine::kRemoved, a[i++]});
  while (j < m) out.push_back({DiffLine::kAdded, b[j++]});
  return out;
}

}  // namespace wakala::newsroom
