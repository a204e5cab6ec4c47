#include "feeds/cluster.h"

#include <algorithm>

#include "arabic/analyzer.h"

namespace wakala::feeds {

std::vector<std::string> HeadlineTerms(std::string_view title) {
  std::vector<std::string> terms;
  for (auto& t : arabic::Analyze(title)) terms.push_back(std::move(t.stem));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

double Overlap(const std::vector<std::string>& a, const std::vector<std::string>& b, size_t* shared) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  if (shared) *shared = common;
  size_t smaller = std::min(a.size(), b.size());
  return smaller == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(smaller);
}

namespace {

bool Matches(const std::vector<std::string>& a, const std::vector<std::string>& b,
             const ClusterOptions& options, double* score) {
  size_t shared = 0;
  double overlap = Overlap(a, b, &shared);
  if (score) *score = overlap;
  return shared >= options.min_shared && overlap >= options.min_overlap;
}

}  // namespace

bool SameStory(std::string_view a, std::string_view b, const ClusterOptions& options) {
  return Matches(HeadlineTerms(a), HeadlineTerms(b), options, nullptr);
}

std::vector<Story> ClusterHeadlines(std::vector<Headline> headlines, const ClusterOptions& options) {
  std::stable_sort(headlines.begin(), headlines.end(),
                   [](const Headline& x, const Headline& y) { return x.published > y.published; });
  struct Member {
    size_t story;
    std::vector<std::string> terms;
    UnixSeconds published;
  };
  std::vector<Story> stories;
  std::vector<Member> members;
  for (auto& h : headlines) {
    std::vector<std::string> terms = HeadlineTerms(h.title);
    double best = -1;
    size_t best_story = stories.size();
    for (const Member& m : members) {
      if (m.published - h.published > options.window) continue;
      double score = 0;
      if (Matches(terms, m.terms, options, &score) && score > best) {
        best = score;
        best_story = m.story;
      }
    }
    if (best_story == stories.size()) stories.emplace_back();
    Story& s = stories[best_story];
    if (std::find(s.sources.begin(), s.sources.end(), h.source) == s.sources.end()) s.sources.push_back(h.source);
    members.push_back({best_story, std::move(terms), h.published});
    s.headlines.push_back(std::move(h));
  }
  return stories;
}

}  // namespace wakala::feeds
