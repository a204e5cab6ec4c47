#include "media/image.h"

#include <vips/vips.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace wakala::media {
namespace {

// libvips reports errors through a per-thread buffer; take it and clear it.
std::string TakeVipsError() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

bool InitVips() {
  static bool ok = [] {
    if (VIPS_INIT("wakala") != 0) return false;
    // Only the four loaders we call ourselves may ever run: no ImageMagick, PDF or SVG
    // loaders reachable through content sniffing.
    vips_block_untrusted_set(TRUE);
    // Operations on upload buffers are not worth caching, and the cache would keep them alive.
    vips_cache_set_max(0);
    return true;
  }();
  return ok;
}

bool Animated(ImageType type) { return type == ImageType::kGif || type == ImageType::kWebp; }

Status Refuse(const std::string& arabic) { return Status::InvalidInput(arabic); }

// The format's own loader, lazily: only the header is read until pixels are asked for.
// fail_on=warning turns a truncated or damaged file (which decoders otherwise pad with grey)
// into an error.
ImagePtr LoadHeader(std::string_view bytes, ImageType type, bool all_frames) {
  VipsImage* out = nullptr;
  const void* data = bytes.data();
  size_t size = bytes.size();
  int rc = -1;
  switch (type) {
    case ImageType::kJpeg:
      rc = vips_jpegload_buffer(const_cast<void*>(data), size, &out, "access", VIPS_ACCESS_SEQUENTIAL,
                                "fail_on", VIPS_FAIL_ON_WARNING, nullptr);
      break;
    case ImageType::kPng:
      rc = vips_pngload_buffer(const_cast<void*>(data), size, &out, "access", VIPS_ACCESS_SEQUENTIAL,
                               "fail_on", VIPS_FAIL_ON_WARNING, nullptr);
      break;
    case ImageType::kWebp:
      rc = vips_webpload_buffer(const_cast<void*>(data), size, &out, "access", VIPS_ACCESS_SEQUENTIAL,
                                "fail_on", VIPS_FAIL_ON_WARNING, "n", all_frames ? -1 : 1, nullptr);
      break;
    case ImageType::kGif:
      rc = vips_gifload_buffer(const_cast<void*>(data), size, &out, "access", VIPS_ACCESS_SEQUENTIAL,
                               "fail_on", VIPS_FAIL_ON_WARNING, "n", all_frames ? -1 : 1, nullptr);
      break;
  }
  if (rc != 0) {
    if (out) g_object_unref(out);
    return nullptr;
  }
  return ImagePtr(out);
}

Result<std::string> Encode(VipsImage* image, ImageType type) {
  void* buf = nullptr;
  size_t len = 0;
  int rc = -1;
  switch (type) {
    case ImageType::kJpeg:
      rc = vips_jpegsave_buffer(image, &buf, &len, "Q", 82, "strip", TRUE, "optimize_coding", TRUE,
                                "interlace", TRUE, nullptr);
      break;
    case ImageType::kPng:
      rc = vips_pngsave_buffer(image, &buf, &len, "strip", TRUE, "compression", 6, nullptr);
      break;
    case ImageType::kWebp:
      rc = vips_webpsave_buffer(image, &buf, &len, "Q", 80, "strip", TRUE, nullptr);
      break;
    case ImageType::kGif:
      rc = vips_gifsave_buffer(image, &buf, &len, "strip", TRUE, nullptr);
      break;
  }
  if (rc != 0) return Status::Internal("encoding " + std::string(ImageTypeName(type)) + ": " + TakeVipsError());
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

}  // namespace

const char* ImageTypeName(ImageType type) {
  switch (type) {
    case ImageType::kJpeg: return "jpeg";
    case ImageType::kPng: return "png";
    case ImageType::kWebp: return "webp";
    case ImageType::kGif: return "gif";
  }
  return "jpeg";
}

const char* ImageExtension(ImageType type) {
  return type == ImageType::kJpeg ? "jpg" : ImageTypeName(type);
}

const char* ImageMimeType(ImageType type) {
  switch (type) {
    case ImageType::kJpeg: return "image/jpeg";
    case ImageType::kPng: return "image/png";
    case ImageType::kWebp: return "image/webp";
    case ImageType::kGif: return "image/gif";
  }
  return "application/octet-stream";
}

std::optional<ImageType> ParseImageTypeName(std::string_view name) {
  for (ImageType t : {ImageType::kJpeg, ImageType::kPng, ImageType::kWebp, ImageType::kGif})
    if (name == ImageTypeName(t)) return t;
  return std::nullopt;
}

std::optional<ImageType> SniffImageType(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return ImageType::kJpeg;
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) return ImageType::kPng;
  if (b.size() >= 6 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a")) return ImageType::kGif;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return ImageType::kWebp;
  return std::nullopt;
}

std::vector<int> VariantWidths(int width, const ImageLimits& limits) {
  std::vector<int> out;
  int widest = limits.widths.empty() ? width : limits.widths.back();
  for (int w : limits.widths)
    if (w <= width) out.push_back(w);
  if (width < widest) out.push_back(width);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<ProcessedImage> ProcessImage(std::string_view bytes, const ImageLimits& limits) {
  if (bytes.size() > limits.max_bytes)
    return Refuse("الملف أكبر من الحد المسموح (" + std::to_string(limits.max_bytes / (1024 * 1024)) +
                  " ميغابايت).");
  auto type = SniffImageType(bytes);
  if (!type)
    return Refuse("هذا الملف ليس صورة بصيغة JPEG أو PNG أو WebP أو GIF؛ تُعرف الصيغة من محتوى الملف لا من اسمه.");
  if (!InitVips()) return Status::Internal("libvips failed to start: " + TakeVipsError());

  // The header alone first: sizes are checked before a single pixel is decoded.
  ImagePtr header = LoadHeader(bytes, *type, Animated(*type));
  if (!header) {
    std::string why = TakeVipsError();
    return Refuse("تعذّرت قراءة الصورة؛ الملف تالف أو ليس " + std::string(ImageTypeName(*type)) +
                  " صالحاً. (" + why.substr(0, 200) + ")");
  }
  int width = vips_image_get_width(header.get());
  int frames = std::max(1, vips_image_get_n_pages(header.get()));
  int frame_height = vips_image_get_page_height(header.get());
  if (width <= 0 || frame_height <= 0) return Refuse("أبعاد الصورة غير صالحة.");
  if (width > limits.max_side || frame_height > limits.max_side ||
      static_cast<int64_t>(width) * frame_height * frames > limits.max_pixels || frames > limits.max_frames)
    return Refuse("أبعاد الصورة كبيرة جداً (" + std::to_string(width) + "×" + std::to_string(frame_height) +
                  (frames > 1 ? "، " + std::to_string(frames) + " إطاراً" : std::string()) +
                  ")؛ الحد " + std::to_string(limits.max_side) + " بكسل للضلع و" +
                  std::to_string(limits.max_pixels / 1'000'000) + " ميغابكسل.");

  // Decode every pixel once, so that a truncated or corrupt file is refused rather than
  // stored with a grey band.
  double mean = 0;
  if (vips_avg(header.get(), &mean, nullptr) != 0) {
    std::string why = TakeVipsError();
    return Refuse("الصورة تالفة أو ناقصة ولا يمكن فكّها كاملة. (" + why.substr(0, 200) + ")");
  }
  header.reset();

  ProcessedImage out;
  out.type = *type;
  bool swap_sides = false;  // EXIF orientations 5–8 turn the image a quarter
  {
    ImagePtr first = LoadHeader(bytes, *type, false);
    if (first) {
      int orientation = vips_image_get_orientation(first.get());
      swap_sides = orientation >= 5 && orientation <= 8;
    }
    vips_error_clear();
  }
  out.width = swap_sides ? frame_height : width;
  out.height = swap_sides ? width : frame_height;

  for (int target : VariantWidths(out.width, limits)) {
    VipsImage* resized = nullptr;
    // thumbnail_buffer shrinks on load where the format allows, turns the image upright from
    // its EXIF orientation, converts an embedded colour profile to sRGB, and with n=-1 resizes
    // each frame of an animation.
    int rc = vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &resized, target,
                                   "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                                   "option_string", Animated(*type) ? "n=-1" : "", nullptr);
    if (rc != 0) {
      if (resized) g_object_unref(resized);
      return Status::Internal("resizing: " + TakeVipsError());
    }
    ImagePtr image(resized);
    auto encoded = Encode(image.get(), *type);
    if (!encoded.ok()) return encoded.status();
    ImageVariant v;
    v.width = vips_image_get_width(image.get());
    v.height = vips_image_get_page_height(image.get());
    v.bytes = std::move(*encoded);
    out.variants.push_back(std::move(v));
  }
  if (out.variants.empty()) return Status::Internal("no variant widths configured");
  return out;
}

std::vector<std::string> ImageMetadataFields(std::string_view bytes) {
  std::vector<std::string> out;
  auto type = SniffImageType(bytes);
  if (!type || !InitVips()) return out;
  ImagePtr image = LoadHeader(bytes, *type, false);
  if (!image) {
    vips_error_clear();
    return out;
  }
  char** fields = vips_image_get_fields(image.get());
  for (char** f = fields; f && *f; ++f) out.emplace_back(*f);
  g_strfreev(fields);
  return out;
}

}  // namespace wakala::media
