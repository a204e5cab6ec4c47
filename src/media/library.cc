#include "media/library.h"

#include <glib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace wakala::media {
namespace {

namespace fs = std::filesystem;

constexpr size_t kNameHashDigits = 24;  // 96 bits of the SHA-256 in each file name
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

std::string Sha256Hex(std::string_view bytes) {
  gchar* hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(bytes.data()),
                                           bytes.size());
  std::string out(hex);
  g_free(hex);
  return out;
}

std::string FileName(const std::string& hash, int width, const std::string& type) {
  auto t = ParseImageTypeName(type);
  return hash.substr(0, kNameHashDigits) + "-" + std::to_string(width) + "." +
         ImageExtension(t.value_or(ImageType::kJpeg));
}

// Writes through a temporary name and renames, so a reader never sees half a file and two
// uploads of the same image cannot interleave their bytes.
Status WriteFileAtomically(const fs::path& path, std::string_view bytes) {
  static std::atomic<uint64_t> counter{0};
  std::ostringstream tmp_name;
  tmp_name << path.filename().string() << ".tmp-" << std::this_thread::get_id() << "-" << counter++;
  fs::path tmp = path.parent_path() / tmp_name.str();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Status::Unavailable("cannot write " + tmp.string());
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::Unavailable("cannot rename into " + path.string() + ": " + ec.message());
  }
  return Status::Ok();
}

// "<24 hex>-<digits>.<jpg|png|webp|gif>", and its content type; nullopt for anything else.
std::optional<const char*> ServedType(std::string_view name) {
  size_t dash = name.find('-');
  if (dash != kNameHashDigits) return std::nullopt;
  for (size_t i = 0; i < dash; ++i) {
    char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  size_t dot = name.find('.', dash);
  if (dot == std::string_view::npos || dot == dash + 1 || dot - dash > 6) return std::nullopt;
  for (size_t i = dash + 1; i < dot; ++i)
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
  std::string_view ext = name.substr(dot + 1);
  for (ImageType t : {ImageType::kJpeg, ImageType::kPng, ImageType::kWebp, ImageType::kGif})
    if (ext == ImageExtension(t)) return ImageMimeType(t);
  return std::nullopt;
}

}  // namespace

std::string MediaPath(const store::Media& media, int width) {
  return "/media/" + FileName(media.hash, width, media.type);
}

std::string Srcset(const store::Media& media) {
  std::string out;
  for (int w : media.widths)
    out += (out.empty() ? "" : ", ") + MediaPath(media, w) + " " + std::to_string(w) + "w";
  return out;
}

int FallbackWidth(const store::Media& media) {
  int best = media.widths.empty() ? 0 : media.widths.front();
  for (int w : media.widths)
    if (w <= 960) best = w;
  return best;
}

MediaLibrary::MediaLibrary(store::MediaStore* store, std::string folder, ImageLimits limits)
    : store_(store), folder_(std::move(folder)), limits_(std::move(limits)) {}

Result<store::Media> MediaLibrary::Upload(std::string_view bytes, const std::string& original_name,
                                          const std::string& alt, const std::string& caption,
                                          int64_t uploader_id) const {
  auto processed = ProcessImage(bytes, limits_);
  if (!processed.ok()) return processed.status();
  store::Media media;
  media.hash = Sha256Hex(bytes);
  media.original_name = original_name;
  media.type = ImageTypeName(processed->type);
  media.width = processed->width;
  media.height = processed->height;
  media.alt = alt;
  media.caption = caption;
  media.uploader_id = uploader_id;
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (ec) return Status::Unavailable("cannot create " + folder_ + ": " + ec.message());
  // Files first, then the row: a row always has its files; a crash in between leaves only
  // files that the next upload of the same image overwrites with the same bytes.
  for (const auto& v : processed->variants) {
    WAKALA_RETURN_IF_ERROR(WriteFileAtomically(fs::path(folder_) / FileName(media.hash, v.width, media.type), v.bytes));
    media.widths.push_back(v.width);
  }
  return store_->AddMedia(media);
}

Result<std::string> MediaLibrary::ReadVariant(const store::Media& media, int width) const {
  fs::path path = fs::path(folder_) / FileName(media.hash, width, media.type);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("media file " + path.string() + " is missing");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) return Status::Unavailable("cannot read " + path.string());
  return bytes.str();
}

Status MediaLibrary::CheckVariant(const store::Media& media, int width, std::string_view bytes) {
  // The hash names the file: only 64 hex digits may reach the file system.
  bool hex = media.hash.size() == 64 &&
             std::all_of(media.hash.begin(), media.hash.end(),
                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (!hex || width <= 0) return Status::InvalidInput("media hash must be 64 lower-case hex digits");
  auto type = ParseImageTypeName(media.type);
  auto sniffed = SniffImageType(bytes);
  if (!type || !sniffed || *sniffed != *type)
    return Status::InvalidInput("the " + std::to_string(width) + " px file of media " + media.hash +
                                " is not a " + (type ? media.type : "known") + " image");
  return Status::Ok();
}

Status MediaLibrary::RestoreVariant(const store::Media& media, int width,
                                    std::string_view bytes) const {
  WAKALA_RETURN_IF_ERROR(CheckVariant(media, width, bytes));
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (ec) return Status::Unavailable("cannot create " + folder_ + ": " + ec.message());
  return WriteFileAtomically(fs::path(folder_) / FileName(media.hash, width, media.type), bytes);
}

http::Response MediaLibrary::Serve(const http::Request& request) const {
  constexpr std::string_view kPrefix = "/media/";
  if (request.method != "GET" && request.method != "HEAD") {
    http::Response r = http::Response::Text(405, "Method Not Allowed\n");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  std::string_view name = std::string_view(request.path).substr(std::min(request.path.size(), kPrefix.size()));
  auto type = request.path.rfind(kPrefix, 0) == 0 ? ServedType(name) : std::nullopt;
  if (!type) return http::Response::Text(404, "لا توجد صورة بهذا الاسم.\n");
  std::ifstream in(fs::path(folder_) / std::string(name), std::ios::binary);
  if (!in) return http::Response::Text(404, "لا توجد صورة بهذا الاسم.\n");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  http::Response r;
  r.content_type = *type;
  r.body = std::move(bytes).str();
  r.cache_control = kImmutable;
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace wakala::media
