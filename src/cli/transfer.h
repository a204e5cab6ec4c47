// `wakala export` and `wakala import jsonl`: a whole site as JSON Lines (doc/export.md). One
// object per line, each with a "type": a header, then settings, sections, authors, tags,
// articles, redirects, comments, and the media library's images with their files (base64),
// in the store's stable order, so that export → import into an empty site → export gives the
// same bytes, on either backend.

#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "base/status.h"
#include "media/library.h"
#include "store/store.h"

namespace wakala::cli {

// `library` supplies the images' files.
Status ExportJsonl(store::Store& store, const media::MediaLibrary& library, std::ostream& out);

// Parses the whole dump first (kInvalidInput «FILE:LINE: …» on the first bad line), then
// restores it in one transaction into an empty site (kConflict otherwise). The images'
// files are written into `library` first, so a restored record never lacks its file.
Result<store::ImportCounts> ImportJsonl(store::Store& store, const media::MediaLibrary& library,
                                        std::string_view text, const std::string& file_name);

}  // namespace wakala::cli
