#include "media/image.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace wakala::media {
namespace {

std::string Fixture(const std::string& name) {
  auto path = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "tests" /
              "fixtures" / "media" / name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

bool HasFieldStartingWith(const std::vector<std::string>& fields, std::string_view prefix) {
  for (const auto& f : fields)
    if (f.rfind(prefix, 0) == 0) return true;
  return false;
}

TEST(ImageType, SniffsByContentNotName) {
  EXPECT_EQ(SniffImageType(Fixture("photo.jpg")), ImageType::kJpeg);
  EXPECT_EQ(SniffImageType(Fixture("small.png")), ImageType::kPng);
  EXPECT_EQ(SniffImageType(Fixture("photo.webp")), ImageType::kWebp);
  EXPECT_EQ(SniffImageType(Fixture("anim.gif")), ImageType::kGif);
  EXPECT_FALSE(SniffImageType("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"));
  EXPECT_FALSE(SniffImageType("<!doctype html><html><body>not a jpeg</body></html>"));
  EXPECT_FALSE(SniffImageType("RIFF\x10\0\0\0WAVEfmt "));
  EXPECT_FALSE(SniffImageType(""));
}

TEST(VariantWidths, NeverUpscales) {
  ImageLimits limits;
  EXPECT_EQ(VariantWidths(3000, limits), (std::vector<int>{480, 960, 1600}));
  EXPECT_EQ(VariantWidths(1600, limits), (std::vector<int>{480, 960, 1600}));
  EXPECT_EQ(VariantWidths(1000, limits), (std::vector<int>{480, 960, 1000}));
  EXPECT_EQ(VariantWidths(480, limits), (std::vector<int>{480}));
  EXPECT_EQ(VariantWidths(200, limits), (std::vector<int>{200}));
}

TEST(ProcessImage, ResizesEachFormatInItsOwnFormat) {
  struct Case {
    std::string file;
    ImageType type;
    int width, height;
    std::vector<int> widths;
  };
  for (const Case& c : {Case{"photo.jpg", ImageType::kJpeg, 1000, 600, {480, 960, 1000}},
                        Case{"small.png", ImageType::kPng, 320, 200, {320}},
                        Case{"photo.webp", ImageType::kWebp, 800, 500, {480, 800}},
                        Case{"anim.gif", ImageType::kGif, 200, 120, {200}}}) {
    auto out = ProcessImage(Fixture(c.file), ImageLimits());
    ASSERT_TRUE(out.ok()) << c.file << ": " << out.status().ToString();
    EXPECT_EQ(out->type, c.type) << c.file;
    EXPECT_EQ(out->width, c.width) << c.file;
    EXPECT_EQ(out->height, c.height) << c.file;
    std::vector<int> widths;
    for (const auto& v : out->variants) {
      widths.push_back(v.width);
      EXPECT_EQ(SniffImageType(v.bytes), c.type) << c.file << " at " << v.width;
      EXPECT_EQ(v.height, (c.height * v.width + c.width / 2) / c.width) << c.file << " keeps its proportions";
    }
    EXPECT_EQ(widths, c.widths) << c.file;
  }
}

TEST(ProcessImage, KeepsTheFramesOfAnAnimation) {
  auto out = ProcessImage(Fixture("anim.gif"), ImageLimits());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  // Two frames stacked: the library sees the page count in the stored GIF.
  auto fields = ImageMetadataFields(out->variants[0].bytes);
  EXPECT_TRUE(HasFieldStartingWith(fields, "n-pages")) << "animation kept";
}

TEST(ProcessImage, StripsGpsAndCameraMetadata) {
  std::string photo = Fixture("photo.jpg");
  auto before = ImageMetadataFields(photo);
  ASSERT_TRUE(HasFieldStartingWith(before, "exif-ifd3-GPSLatitude")) << "the fixture carries GPS";
  ASSERT_TRUE(HasFieldStartingWith(before, "exif-ifd0-Make"));
  auto out = ProcessImage(photo, ImageLimits());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  for (const auto& v : out->variants) {
    auto after = ImageMetadataFields(v.bytes);
    EXPECT_FALSE(after.empty());
    EXPECT_FALSE(HasFieldStartingWith(after, "exif-")) << v.width;
    EXPECT_FALSE(HasFieldStartingWith(after, "xmp-data")) << v.width;
    EXPECT_EQ(v.bytes.find("Exif"), std::string::npos) << v.width;
    EXPECT_EQ(v.bytes.find("WakalaCam"), std::string::npos) << v.width;
  }
}

TEST(ProcessImage, RefusesWhatIsNotAWholeImage) {
  std::string jpeg = Fixture("photo.jpg");
  std::string png = Fixture("small.png");
  struct Case {
    std::string why, bytes;
  };
  for (const Case& c : {
           Case{"a PDF", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"},
           Case{"HTML named .jpg", "<!doctype html><script>alert(1)</script>"},
           Case{"a truncated JPEG", jpeg.substr(0, jpeg.size() / 2)},
           Case{"a truncated PNG", png.substr(0, png.size() / 2)},
           Case{"a JPEG signature and nothing else", std::string("\xFF\xD8\xFF\xE0", 4) + std::string(64, 'x')},
           Case{"a decompression bomb", Fixture("bomb.png")},
           Case{"empty", ""},
       }) {
    auto out = ProcessImage(c.bytes, ImageLimits());
    ASSERT_FALSE(out.ok()) << c.why;
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidInput) << c.why << ": " << out.status().ToString();
    EXPECT_FALSE(out.status().message().empty());
  }
}

TEST(ProcessImage, EnforcesTheLimits) {
  ImageLimits small;
  small.max_bytes = 1000;
  auto too_big = ProcessImage(Fixture("photo.jpg"), small);
  ASSERT_FALSE(too_big.ok());
  EXPECT_NE(too_big.status().message().find("الحد"), std::string::npos);
  ImageLimits narrow;
  narrow.max_side = 500;
  EXPECT_EQ(ProcessImage(Fixture("photo.jpg"), narrow).status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace wakala::media
