#include "newsroom/text_diff.h"

#include <gtest/gtest.h>

namespace wakala::newsroom {
namespace {

std::string Render(const std::vector<DiffLine>& diff) {
  std::string out;
  for (const auto& d : diff) out += (d.kind == DiffLine::kSame ? " " : d.kind == DiffLine::kAdded ? "+" : "-") + d.text + "\n";
  return out;
}

TEST(DiffLines, ShowsRemovedAndAddedParagraphs) {
  EXPECT_EQ(Render(DiffLines("أ\nب\nج", "أ\nد\nج")), " أ\n-ب\n+د\n ج\n");
  EXPECT_EQ(Render(DiffLines("", "سطر")), "+سطر\n");
  EXPECT_EQ(Render(DiffLines("نفس\n", "نفس\n")), " نفس\n");
}

}  // namespace
}  // namespace wakala::newsroom
