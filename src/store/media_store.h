// The media library's data: one row per uploaded image (identified by the SHA-256 of its
// original bytes, which also names its files), and the featured image an article shows with
// its own caption and alt text. The files themselves live under the data folder
// (media/library.h); the store keeps only what describes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace wakala::store {

struct Media {
  int64_t id = 0;
  std::string hash;           // lower-case hex SHA-256 of the uploaded bytes; unique
  std::string original_name;  // the file name as uploaded, for the editors' list only
  std::string type;           // "jpeg", "png", "webp" or "gif", from the content
  int width = 0;              // of the original, after EXIF rotation
  int height = 0;
  std::vector<int> widths;    // the widths stored, ascending (never wider than the original)
  std::string alt;            // default alt text and caption, offered when the image is chosen
  std::string caption;
  int64_t uploader_id = 0;    // 0: the command line
  UnixSeconds created_at = 0;
};

// An article's featured image: the media, and the caption and alt text for this article.
struct FeaturedMedia {
  Media media;
  std::string caption;
  std::string alt;
};

class MediaStore {
 public:
  virtual ~MediaStore() = default;

  // Records an upload. When the hash is already known the existing row is returned unchanged
  // (uploading the same file twice gives one item). kInvalidInput for a hash that is not 64
  // lower-case hex digits, an unknown type, no widths, or text that is not UTF-8.
  virtual Result<Media> AddMedia(const Media& media) = 0;
  virtual Result<std::optional<Media>> FindMedia(int64_t id) = 0;
  // Newest first.
  virtual Result<std::vector<Media>> ListMedia(int limit, int offset) = 0;

  // Sets (or, with media_id 0, removes) the featured image of an article. kNotFound when the
  // article or the media does not exist; kInvalidInput when caption or alt is not UTF-8.
  virtual Status SetFeaturedMedia(int64_t article_id, int64_t media_id, const std::string& caption,
                                  const std::string& alt) = 0;
  virtual Result<std::optional<FeaturedMedia>> FindFeaturedMedia(int64_t article_id) = 0;
};

}  // namespace wakala::store
