#include "arabic/analyzer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace wakala::arabic {
namespace {

// The cases live in testdata/*.txt beside this file: one per line, "input → expected".
struct Case {
  std::string input, expected;
  int line = 0;
};

std::filesystem::path TestData(const std::string& name) {
  return std::filesystem::path(__FILE__).parent_path() / "testdata" / name;
}

std::vector<std::string> Lines(const std::string& name) {
  std::ifstream in(TestData(name));
  EXPECT_TRUE(in) << "cannot open " << TestData(name);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

std::vector<std::string> Split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(sep, pos)) != std::string::npos; pos = hit + sep.size())
    out.push_back(Trim(s.substr(pos, hit - pos)));
  out.push_back(Trim(s.substr(pos)));
  return out;
}

std::vector<Case> Cases(const std::string& name) {
  std::vector<Case> cases;
  std::vector<std::string> lines = Lines(name);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (Trim(line).empty() || line[0] == '#') continue;
    size_t arrow = line.find(" →");
    if (arrow == std::string::npos) continue;
    // The input keeps its own spacing (a case may be only marks); the expectation is trimmed.
    cases.push_back({line.substr(0, arrow), Trim(line.substr(arrow + std::string(" →").size())),
                     static_cast<int>(i + 1)});
  }
  EXPECT_FALSE(cases.empty()) << name;
  return cases;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

TEST(Analyzer, FoldCases) {
  for (const Case& c : Cases("fold.txt"))
    EXPECT_EQ(Fold(c.input), c.expected) << "fold.txt:" << c.line << ": " << c.input;
}

TEST(Analyzer, TokenCases) {
  for (const Case& c : Cases("tokens.txt")) {
    std::vector<std::string> tokens;
    for (const Token& t : Tokenize(c.input)) tokens.push_back(t.folded);
    EXPECT_EQ(Join(tokens), c.expected) << "tokens.txt:" << c.line << ": " << c.input;
  }
}

TEST(Analyzer, StemCases) {
  for (const Case& c : Cases("stem.txt"))
    EXPECT_EQ(Stem(Fold(c.input)), c.expected) << "stem.txt:" << c.line << ": " << c.input;
}

TEST(Analyzer, StemConflations) {
  std::vector<std::string> lines = Lines("stem.txt");
  int checked = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty() || line[0] == '#') continue;
    const bool same = line.find(" == ") != std::string::npos;
    if (!same && line.find(" != ") == std::string::npos) continue;
    std::vector<std::string> words = Split(line, same ? " == " : " != ");
    for (size_t k = 1; k < words.size(); ++k, ++checked) {
      std::string a = Stem(Fold(words[0])), b = Stem(Fold(words[k]));
      if (same)
        EXPECT_EQ(a, b) << "stem.txt:" << i + 1 << ": " << words[0] << " / " << words[k];
      else
        EXPECT_NE(a, b) << "stem.txt:" << i + 1 << ": " << words[0] << " / " << words[k];
    }
  }
  EXPECT_GT(checked, 0);
}

TEST(Analyzer, AnalyzeCases) {
  for (const Case& c : Cases("analyze.txt")) {
    std::vector<std::string> terms;
    for (const Term& t : Analyze(c.input))
      terms.push_back(t.stem == t.surface ? t.surface : t.surface + "|" + t.stem);
    EXPECT_EQ(Join(terms), c.expected) << "analyze.txt:" << c.line << ": " << c.input;
  }
}

// Highlighting cuts snippets from the original text by these offsets, marks included.
TEST(Analyzer, OffsetsCoverTheOriginalWord) {
  const std::string text = "قال: أَهْدَافُ القـــمة، ﻻ";
  std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "أَهْدَافُ");
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "القـــمة");
  EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), "ﻻ");
  EXPECT_EQ(tokens[3].folded, "لا");
}

TEST(Analyzer, NeverFailsOnBadBytes) {
  const std::string bad = std::string("مصر\xff\xfe") + "\xd8" + "ليبيا\xc0\xaf" + "\xed\xa0\x80";
  std::vector<Token> tokens = Tokenize(bad);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].folded, "مصر");
  EXPECT_EQ(tokens[1].folded, "ليبيا");
  EXPECT_TRUE(Analyze(std::string(10000, '\x80')).empty());
}

}  // namespace
}  // namespace wakala::arabic
