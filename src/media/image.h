// media/: uploaded images. image.h recognises an image by its content (magic bytes, then the
// format's own decoder, never the file name), refuses what is not a whole, reasonably sized
// JPEG, PNG, WebP or GIF, and makes the resized copies a page offers in srcset, with every
// metadata block (EXIF with GPS, XMP, IPTC, comments) stripped. library.h stores them under
// content-hashed names and serves them. Uses libvips; depends on base/, http/ and store/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace wakala::media {

enum class ImageType { kJpeg, kPng, kWebp, kGif };

const char* ImageTypeName(ImageType type);  // "jpeg", "png", "webp", "gif" (as stored)
const char* ImageExtension(ImageType type); // "jpg", "png", "webp", "gif"
const char* ImageMimeType(ImageType type);  // "image/jpeg", ...
std::optional<ImageType> ParseImageTypeName(std::string_view name);

// The type the bytes announce by their signature, or nullopt. Only a first check: ProcessImage
// also decodes the whole image.
std::optional<ImageType> SniffImageType(std::string_view bytes);

struct ImageLimits {
  size_t max_bytes = 10 * 1024 * 1024;  // of the uploaded file
  int max_side = 12000;                 // pixels, either side of one frame
  int64_t max_pixels = 40'000'000;      // width × height × frames: a decompression bomb stops here
  int max_frames = 300;                 // animated GIF and WebP
  std::vector<int> widths = {480, 960, 1600};  // the srcset widths, ascending; never upscaled
};

struct ImageVariant {
  int width = 0;
  int height = 0;
  std::string bytes;  // encoded in the original's format, metadata stripped
};

struct ProcessedImage {
  ImageType type = ImageType::kJpeg;
  int width = 0;   // of the original after EXIF rotation (one frame for animations)
  int height = 0;
  std::vector<ImageVariant> variants;  // ascending width
};

// The widths to make for an image `width` wide: each of `limits.widths` narrower than it, and
// the image's own width when it is narrower than the widest (so a small image is kept whole,
// never enlarged).
std::vector<int> VariantWidths(int width, const ImageLimits& limits);

// Checks and resizes an upload. kInvalidInput, with a message in Arabic for the editor, when
// the bytes are no JPEG/PNG/WebP/GIF, are damaged or truncated, exceed `limits`, or cannot be
// decoded; kInternal when the image library fails otherwise. Thread-safe.
Result<ProcessedImage> ProcessImage(std::string_view bytes, const ImageLimits& limits);

// The metadata field names the image library sees in `bytes` ("exif-ifd3-GPSLatitude",
// "xmp-data", ...), for tests and diagnostics; empty when the bytes do not decode.
std::vector<std::string> ImageMetadataFields(std::string_view bytes);

}  // namespace wakala::media
