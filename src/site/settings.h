#pragma once

#include <map>
#include <string>

#include "render/arabic_date.h"

namespace wakala::site {

// The site settings readers see, with their defaults. Stored as text key/values in the store
// (keys in brackets); `wakala settings set KEY VALUE` changes them.
struct SiteSettings {
  std::string site_name = "وكالة الأنباء";  // [site_name]
  std::string tagline;                          // [tagline] under the name in the header
  std::string republish_policy =                // [republish_policy] footer
      "لا مانع من الاقتباس وإعادة النشر شريطة ذكر المصدر.";
  std::string comments_disclaimer =             // [comments_disclaimer] footer
      "الآراء والتعليقات المنشورة تعبر عن رأي أصحابها فقط";
  std::string copyright_text = "جميع الحقوق محفوظة";  // [copyright_text]
  int copyright_from = 0;  // [copyright_from] first year; 0: only the last year is shown
  int copyright_to = 0;    // [copyright_to] last year; 0: the current year
  bool feed_full_text = true;  // [feed_full_text] true | false: feeds carry whole bodies or only summaries
  std::string websub_hub;      // [websub_hub] URL of the WebSub hub the feeds declare; empty: none
  render::DateStyle date_style;  // [timezone] IANA name, default Africa/Cairo;
                                 // [digits] western | arabic-indic; [month_names] egyptian | levantine

  // Unknown or malformed values fall back to the default and are reported in `warnings`.
  static SiteSettings FromMap(const std::map<std::string, std::string>& values,
                              std::string* warnings);
  // «جميع الحقوق محفوظة 2009 - 2026»
  std::string CopyrightLine(int current_year) const;
};

}  // namespace wakala::site
