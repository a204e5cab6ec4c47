#pragma once

#include <string>

#include "base/status.h"
#include "store/store.h"

namespace wakala::cli {

// Loads the demo site from `folder` (sections.tsv: «name<TAB>slug» lines; articles/*.md in
// file-name order; the agency settings) into an empty store. A store that already has
// sections is left alone, so `make run` can call it every time. Returns a one-line summary.
Result<std::string> LoadDemo(store::Store& store, const std::string& folder);

}  // namespace wakala::cli
