// A theme is a folder of Mustache templates (`*.mustache`) plus static assets that a designer
// edits without recompiling; the server loads it at start-up. Static files are served by http/,
// not from here.
//
// Output safety is enforced in two halves that meet at the `_html` key suffix:
//  - View stores a SafeHtml only under a key ending in `_html`, and only a SafeHtml there;
//  - Theme::Load refuses a template that emits anything else unescaped ({{{x}}} or {{& x}}).
// Everything else goes through mstch's {{x}} escaping, which (verified for the packaged mstch
// 1.0.2, see theme_test.cc) turns & < > " ' / into entities: inert in element content and in
// quoted attribute values. Templates must still quote attributes, and must not put values in
// URLs-by-text (href="{{x}}" takes whatever scheme x has), <script> or <style>: the program
// builds those values itself.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

#include "base/status.h"
#include "render/escape.h"

namespace wakala::render {

// The data one template sees. Keys ending in `_html` hold SafeHtml and nothing else; every
// other value is escaped at output. Breaking that rule is a programming error, not bad input,
// so the setters throw std::logic_error (it fails the first test that exercises the call).
// A later Set of the same key replaces the earlier value. Not thread-safe to mutate; a finished
// View may be rendered from several threads.
class View {
 public:
  // Plain text, escaped on output. `key` must not end in `_html`.
  View& Set(const std::string& key, std::string_view text);
  // Sanitised HTML, emitted raw by {{{key}}}. `key` must end in `_html`.
  View& SetHtml(const std::string& key, const SafeHtml& html);
  // For {{#key}}/{{^key}} sections. `key` must not end in `_html` (nor for the setters below).
  View& SetBool(const std::string& key, bool value);
  // Rendered in ASCII digits; localise with LocalizeDigits and Set when the page shows it.
  View& SetNumber(const std::string& key, long long value);
  View& SetList(const std::string& key, std::vector<View> items);
  View& SetObject(const std::string& key, View object);

  const mstch::map& context() const { return context_; }

 private:
  void Put(const std::string& key, mstch::node value, bool is_html);
  mstch::map context_;
};

// The templates of one theme, in memory. Immutable after Load; Render is thread-safe.
class Theme {
 public:
  // Reads every `<name>.mustache` directly in `folder` (not recursively) as template `name`;
  // each template is also the partial {{> name}}. kInvalidInput, naming the file, the line
  // and the reason, when:
  //  - the folder does not exist or has no layout.mustache;
  //  - a file cannot be read or is not valid UTF-8;
  //  - a template emits unescaped ({{{x}}}, {{& x}}) a name that does not end in `_html`;
  //  - a template contains a set-delimiter tag ({{=...=}}), which would hide tags from this
  //    check;
  //  - a tag is empty ({{ }} makes mstch throw), or sections do not nest ({{#a}}..{{/b}});
  //  - a partial names no template in the folder, or partials include each other in a cycle
  //    (mstch would recurse until the stack overflows).
  static Result<Theme> Load(const std::string& folder);

  bool Has(const std::string& template_name) const { return templates_.count(template_name); }

  // kNotFound for a template the theme lacks; kInternal if mstch throws.
  Result<std::string> Render(const std::string& template_name, const View& view) const;

 private:
  struct Template {
    std::string text;
    // The partials this template reaches, transitively: mstch parses every partial it is given
    // on every render, so each template gets only the ones it can use.
    std::map<std::string, std::string> partials;
  };
  std::map<std::string, Template> templates_;
};

}  // namespace wakala::render
