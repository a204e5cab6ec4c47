#include "site/settings.h"

#include <charconv>
#include <tuple>

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
  if (auto v = get("logo_media")) {
    int64_t id = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), id);
    if (ec == std::errc() && p == v->data() + v->size() && id > 0) s.logo_media_id = id;
    else if (warnings) *warnings += "logo_media: «" + *v + "» is not a media id\n";
  }
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
  if (auto v = get("comments_moderation")) {
    if (*v == "first_time" || *v == "all") s.comments_moderation = *v;
    else if (warnings) *warnings += "comments_moderation: «" + *v + "» is not first_time or all\n";
  }
  if (auto v = get("comments_blocklist")) s.comments_blocklist = *v;
  for (auto [key, field, least] : {std::tuple{"comments_max_links", &s.comments_max_links, 0},
                                   {"comments_close_after_days", &s.comments_close_after_days, 0},
                                   {"comments_min_seconds", &s.comments_min_seconds, 0},
                                   {"comments_form_hours", &s.comments_form_hours, 1},
                                   {"comments_rate_window", &s.comments_rate_window, 1},
                                   {"comments_per_ip", &s.comments_per_ip, 1},
                                   {"comments_per_article", &s.comments_per_article, 1},
                                   {"comments_max_chars", &s.comments_max_chars, 1}}) {
    auto v = get(key);
    if (!v) continue;
    int n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec == std::errc() && p == v->data() + v->size() && n >= least) *field = n;
    else if (warnings) *warnings += std::string(key) + ": «" + *v + "» is not a number ≥ " + std::to_string(least) + "\n";
  }
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
