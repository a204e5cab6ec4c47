#include "cli/demo.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "newsroom/article_file.h"

namespace wakala::cli {

Result<std::string> LoadDemo(store::Store& store, const std::string& folder) {
  auto existing = store.ListSections();
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return std::string("demo: the site already has content; nothing loaded");

  std::ifstream sections(folder + "/sections.tsv");
  if (!sections) return Status::NotFound("demo: cannot open " + folder + "/sections.tsv");
  std::string line;
  int section_count = 0, line_no = 0;
  while (std::getline(sections, line)) {
    ++line_no;
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos)
      return Status::InvalidInput(folder + "/sections.tsv:" + std::to_string(line_no) + ": expected NAME<TAB>SLUG");
    auto added = store.AddSection(line.substr(0, tab), line.substr(tab + 1));
    if (!added.ok()) return added.status();
    ++section_count;
  }

  // The agency of the seed page: its footer texts as it prints them.
  const std::pair<const char*, const char*> kSettings[] = {
      {"site_name", "وكالة كليوباترا للأنباء"},
      {"tagline", "أخبار مصر والعالم العربي على مدار الساعة"},
      {"republish_policy", "لا مانع من الإقتباس وإعادة النشر شريطة ذكر المصدر ( وكالة كليوبترا للأنباء )."},
      {"comments_disclaimer", "الأراء والتعليقات المنشورة تعبر عن رأي أصحابها فقط"},
      {"copyright_text", "جميع الحقوق محفوظة"},
      {"copyright_from", "2009"},
      {"timezone", "Africa/Cairo"},
      {"digits", "western"},
      {"month_names", "egyptian"},
  };
  for (const auto& [k, v] : kSettings) WAKALA_RETURN_IF_ERROR(store.PutSetting(k, v));

  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder + "/articles", ec))
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  if (ec) return Status::NotFound("demo: cannot list " + folder + "/articles: " + ec.message());
  std::sort(files.begin(), files.end());
  int article_count = 0;
  const int kCairoOffset = 2 * 3600;  // the demo dates are Cairo times (2019, no DST then)
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto saved = newsroom::SaveArticleFile(store, text.str(), 0, kCairoOffset);
    if (!saved.ok())
      return Status::InvalidInput(path.string() + ": " + saved.status().message());
    ++article_count;
  }
  return "demo: loaded " + std::to_string(section_count) + " sections and " +
         std::to_string(article_count) + " articles";
}

}  // namespace wakala::cli
