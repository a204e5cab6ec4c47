// `wakala export` and `wakala import jsonl`: a whole site as JSON Lines (doc/export.md). One
// object per line, each with a "type": a header, then settings, sections, authors, tags,
// articles and redirects, in the store's stable order, so that export → import into an empty
// site → export gives the same bytes, on either backend.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/store.h"

namespace wakala::cli {

Status ExportJsonl(store::Store& store, std::ostream& out);

// Parses the whole dump first (kInvalidInput «FILE:LINE: …» on the first bad line), then
// restores it in one transaction into an empty site (kConflict otherwise).
Result<store::ImportCounts> ImportJsonl(store::Store& store, std::string_view text,
                                        const std::string& file_name);

}  // namespace wakala::cli
