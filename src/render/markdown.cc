#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

namespace wakala::render {
namespace {

// CMARK_OPT_UNSAFE is deliberately absent: its absence is what makes cmark drop raw HTML and
// dangerous URLs. CMARK_OPT_SMART is absent so that quotes and dashes are not rewritten.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink"};

void EnsureExtensionsRegistered() {
  // cmark's own guard is a plain static int, so two first calls racing could register twice.
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CharDeleter {
  // cmark_render_html allocates with the default allocator, i.e. malloc.
  void operator()(char* s) const { cmark_get_default_mem_allocator()->free(s); }
};

}  // namespace

SafeHtml MarkdownToHtml(std::string_view markdown) {
  EnsureExtensionsRegistered();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  std::unique_ptr<char, CharDeleter> html(
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())));
  // cmark's safe mode is the sanitiser: its output contains no HTML the author typed.
  return SafeHtml::TrustedLiteral(html ? std::string(html.get()) : std::string());
}

}  // namespace wakala::render
