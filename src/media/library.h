// The media library: uploads become files under a folder of the data directory, named by the
// content (/media/<first 24 hex digits of the SHA-256>-<width>.<ext>), so a name never
// changes meaning and browsers may keep each file forever; the store records what they are.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "http/message.h"
#include "media/image.h"
#include "store/media_store.h"

namespace wakala::media {

// "/media/<prefix>-<width>.<ext>" of one stored width of `media`.
std::string MediaPath(const store::Media& media, int width);
// "URL 480w, URL 960w, …" for <img srcset>.
std::string Srcset(const store::Media& media);
// The width an <img src> falls back to: the widest stored one up to 960.
int FallbackWidth(const store::Media& media);
// "(min-width: 60em) 44em, 100vw": the figure spans the text column, or the screen below it.
constexpr const char* kArticleImageSizes = "(min-width: 60em) 44em, 100vw";

class MediaLibrary {
 public:
  // `folder` holds the files (created when missing); `store` outlives the library.
  MediaLibrary(store::MediaStore* store, std::string folder, ImageLimits limits = {});

  const ImageLimits& limits() const { return limits_; }

  // Checks and resizes `bytes` (ProcessImage), writes each width's file, then records the
  // upload. The same bytes uploaded again give the existing item. kInvalidInput with an Arabic
  // message for a refused file (nothing is written); kUnavailable when the disk or the
  // database fails. Thread-safe.
  Result<store::Media> Upload(std::string_view bytes, const std::string& original_name,
                              const std::string& alt, const std::string& caption,
                              int64_t uploader_id) const;

  // The stored file of one width of `media` (for `wakala export`); kNotFound when missing.
  Result<std::string> ReadVariant(const store::Media& media, int width) const;
  // Puts back one width's file from a dump (for `wakala import jsonl`): the bytes must carry
  // the signature of the media's type (kInvalidInput otherwise, nothing written); written
  // atomically under the same content-hashed name. The store record is the caller's.
  Status RestoreVariant(const store::Media& media, int width, std::string_view bytes) const;
  // RestoreVariant's checks alone, so a whole dump can be checked before any file is written.
  static Status CheckVariant(const store::Media& media, int width, std::string_view bytes);

  // GET/HEAD /media/<file>: the file with its image type and
  // "Cache-Control: public, max-age=31536000, immutable"; 404 for any other name.
  http::Response Serve(const http::Request& request) const;

 private:
  store::MediaStore* store_;
  std::string folder_;
  ImageLimits limits_;
};

}  // namespace wakala::media
