#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "store/store.h"

namespace wakala::newsroom {

// An article as an editor submits it, from the editor's form or the JSON API: every field as
// text, kept verbatim so that a refused save can be shown again without losing a word.
struct ArticleFields {
  std::string title, slug, summary, body, section, tags, byline, agency, source_credit, status,
      publish_at, revision;
};

// The fields that show `a` as it is saved; publish_at and revision are the caller's, since the
// editor and the API write them differently.
ArticleFields FieldsOfArticle(const store::Article& a, std::string publish_at, std::string revision);

// The outcome of checking ArticleFields: the store input when `errors` is empty; otherwise a
// message (Arabic, for the editor's UI and the API's JSON alike) per field name.
struct CheckedArticle {
  store::ArticleInput input;
  std::map<std::string, std::string> errors;
  bool ok() const { return errors.empty(); }
};

// The one validation of the editor and the API. `existing` is null for a new article.
// publish_at is read in the site's zone (`utc_offset_seconds`); a published article with a
// future time becomes scheduled, a scheduled one whose time has passed becomes published.
CheckedArticle CheckArticleFields(const ArticleFields& fields, const store::User& user,
                                  const store::Article* existing,
                                  const std::vector<store::Section>& sections,
                                  int utc_offset_seconds, UnixSeconds now);

// The agency and the source credit line: optional, one line each. The one check of both, for
// the editor, the API and article files alike.
enum class CreditField { kAgency, kSourceCredit };
inline constexpr size_t kMaxAgencyChars = 120;  // characters (code points), not bytes
inline constexpr size_t kMaxSourceCreditChars = 300;  // the messages name both numbers
// The value without surrounding spaces, or the message (Arabic, for the editor and the API)
// that says why it is refused: too long, more than one line, control characters, not UTF-8.
struct CheckedCredit {
  std::string value;
  std::string error;  // empty when the value is accepted
};
CheckedCredit CheckCreditLine(CreditField field, std::string_view text);

// Tags as typed: separated by ',' or the Arabic comma «،».
std::vector<std::string> SplitTags(const std::string& text);
std::string JoinTags(const std::vector<std::string>& tags);

}  // namespace wakala::newsroom
