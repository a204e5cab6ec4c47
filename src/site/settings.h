#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "render/arabic_date.h"

namespace wakala::site {

// The site settings readers see, with their defaults. Stored as text key/values in the store
// (keys in brackets); `wakala settings set KEY VALUE` changes them, and so does the admin's
// /admin/settings form (newsroom/admin_site.cc) for most. A blank value is the default.
struct SiteSettings {
  std::string site_name = "وكالة الأنباء";  // [site_name]
  std::string tagline;                          // [tagline] under the name in the header
  int64_t logo_media_id = 0;  // [logo_media] id of a media-library image shown beside the name
  std::string logo_url;       // that image's smallest stored width; filled by Site, "" for none
  std::string republish_policy =                // [republish_policy] footer
      "لا مانع من الاقتباس وإعادة النشر شريطة ذكر المصدر.";
  std::string comments_disclaimer =             // [comments_disclaimer] footer
      "الآراء والتعليقات المنشورة تعبر عن رأي أصحابها فقط";
  std::string copyright_text = "جميع الحقوق محفوظة";  // [copyright_text]
  int copyright_from = 0;  // [copyright_from] first year; 0: only the last year is shown
  int copyright_to = 0;    // [copyright_to] last year; 0: the current year
  bool feed_full_text = true;  // [feed_full_text] true | false: feeds carry whole bodies or only summaries
  std::string websub_hub;      // [websub_hub] URL of the WebSub hub the feeds declare; empty: none
  // Readers' comments (issue 4, doc/comments.md).
  std::string comments_moderation = "first_time";  // [comments_moderation] first_time: a commenter
                                                   // with an approved comment (same name and
                                                   // e-mail) is published at once, others held;
                                                   // all: every comment is held
  int comments_max_links = 2;           // [comments_max_links] more links than this: held
  std::string comments_blocklist;       // [comments_blocklist] words, one per line or comma: held
  int comments_close_after_days = 0;    // [comments_close_after_days] 0: never closed by age
  int comments_min_seconds = 3;         // [comments_min_seconds] a form sent sooner is refused
  int comments_form_hours = 48;         // [comments_form_hours] a form older than this is renewed
  int comments_rate_window = 600;       // [comments_rate_window] seconds the two limits count over
  int comments_per_ip = 5;              // [comments_per_ip] comments one address may post per window
  int comments_per_article = 60;        // [comments_per_article] comments one article takes per window
  int comments_max_chars = 5000;        // [comments_max_chars] longest comment, in characters
  render::DateStyle date_style;  // [timezone] IANA name, default Africa/Cairo;
                                 // [digits] western | arabic-indic; [month_names] egyptian | levantine

  // Unknown or malformed values fall back to the default and are reported in `warnings`.
  static SiteSettings FromMap(const std::map<std::string, std::string>& values,
                              std::string* warnings);
  // «جميع الحقوق محفوظة 2009 - 2026»
  std::string CopyrightLine(int current_year) const;
};

}  // namespace wakala::site
