#include "site/settings.h"

#include <charconv>

namespace wakala::site {
namespace {
int ParseYear(const std::string& text, std::string* warnings, const char* key) {
  int year = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || p != text.data() + text.size() || year < 1900 || year > 9999) {
    if (warnings) *warnings += std::string(key) + ": «" + text + "» is not a year; ignored\n";
    return 0;
  }
  return year;
}
}  // namespace

SiteSettings SiteSettings::FromMap(const std::map<std::string, std::string>& values,
                                   std::string* warnings) {
  SiteSettings s;
  auto get = [&](const char* key) -> const std::string* {
    auto it = values.find(key);
    return it == values.end() || it->second.empty() ? nullptr : &it->second;
  };
  if (auto v = get("site_name")) s.site_name = *v;
  if (auto v = get("tagline")) s.tagline = *v;
  if (auto v = get("republish_policy")) s.republish_policy = *v;
  if (auto v = get("comments_disclaimer")) s.comments_disclaimer = *v;
  if (auto v = get("copyright_text")) s.copyright_text = *v;
  if (auto v = get("copyright_from")) s.copyright_from = ParseYear(*v, warnings, "copyright_from");
  if (auto v = get("copyright_to")) s.copyright_to = ParseYear(*v, warnings, "copyright_to");
  if (auto v = get("feed_full_text")) {
    if (*v == "true" || *v == "false") s.feed_full_text = *v == "true";
    else if (warnings) *warnings += "feed_full_text: «" + *v + "» is not true or false\n";
  }
  if (auto v = get("websub_hub")) s.websub_hub = *v;
  std::string zone = "Africa/Cairo";
  if (auto v = get("timezone")) zone = *v;
  auto tz = render::TimeZone::Load(zone);
  if (tz.ok()) {
    s.date_style.zone = *tz;
  } else if (warnings) {
    *warnings += "timezone: " + tz.status().message() + "; using UTC\n";
  }
  if (auto v = get("digits")) {
    if (auto d = render::ParseDigitStyle(*v)) s.date_style.digits = *d;
    else if (warnings) *warnings += "digits: «" + *v + "» is not western or arabic-indic\n";
  }
  if (auto v = get("month_names")) {
    if (auto m = render::ParseMonthNames(*v)) s.date_style.months = *m;
    else if (warnings) *warnings += "month_names: «" + *v + "» is not egyptian or levantine\n";
  }
  return s;
}

std::string SiteSettings::CopyrightLine(int current_year) const {
  int to = copyright_to ? copyright_to : current_year;
  std::string years = copyright_from && copyright_from < to
                          ? std::to_string(copyright_from) + " - " + std::to_string(to)
                          : std::to_string(to);
  return render::LocalizeDigits(copyright_text + " " + years, date_style.digits);
}

}  // namespace wakala::site
