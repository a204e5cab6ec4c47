#include "http/multipart.h"

#include <gtest/gtest.h>

namespace wakala::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=----WebKitFormBoundaryX7a";

TEST(Multipart, ParsesTextAndFileParts) {
  std::string png("\x89PNG\r\n\x1a\n\0\r\n--not-the-boundary", 27);
  std::string body =
      "------WebKitFormBoundaryX7a\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
      "tok123\r\n"
      "------WebKitFormBoundaryX7a\r\n"
      "Content-Disposition: form-data; name=\"alt\"\r\n\r\n"
      "صورة الاجتماع\r\n"
      "------WebKitFormBoundaryX7a\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"صورة \\\"1\\\".png\"\r\n"
      "Content-Type: image/png\r\n\r\n" +
      png +
      "\r\n------WebKitFormBoundaryX7a--\r\n";
  auto form = MultipartForm::Parse(kType, body);
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  ASSERT_EQ(form->parts().size(), 3u);
  EXPECT_EQ(form->Get("csrf"), "tok123");
  EXPECT_EQ(form->Get("alt"), "صورة الاجتماع");
  const MultipartPart* file = form->Find("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename.value_or(""), "صورة \"1\".png");
  EXPECT_EQ(file->content_type, "image/png");
  EXPECT_EQ(file->data, png);  // binary, with NUL and CRLF, kept verbatim
  EXPECT_EQ(form->Get("file"), "");  // a file is not a text value
  EXPECT_EQ(form->Get("missing"), "");
}

TEST(Multipart, QuotedBoundaryAndEmptyValue) {
  std::string body =
      "--a b\r\nContent-Disposition: form-data; name=caption\r\n\r\n\r\n--a b--";
  auto form = MultipartForm::Parse("Multipart/Form-Data; boundary=\"a b\"", body);
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  ASSERT_EQ(form->parts().size(), 1u);
  EXPECT_EQ(form->Get("caption"), "");
  EXPECT_FALSE(form->parts()[0].filename.has_value());
}

TEST(Multipart, RefusesMalformedBodies) {
  const std::string ok_part = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n";
  struct Case {
    std::string type, body, why;
  };
  std::vector<Case> cases = {
      {"application/x-www-form-urlencoded", "x=1", "not multipart"},
      {"multipart/form-data", ok_part + "--b--", "no boundary parameter"},
      {"multipart/form-data; boundary=", ok_part + "--b--", "empty boundary"},
      {"multipart/form-data; boundary=b", "hello", "boundary never appears"},
      {"multipart/form-data; boundary=b", ok_part, "never closed"},
      {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n", "headers never end"},
      {"multipart/form-data; boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--", "no disposition"},
      {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n--b--", "not form-data"},
      {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--", "no name"},
      {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\xff\xfe\r\n--b--", "text not UTF-8"},
      {"multipart/form-data; boundary=b", "--bXX\r\n", "garbage after boundary"},
  };
  for (const auto& c : cases) {
    auto form = MultipartForm::Parse(c.type, c.body);
    ASSERT_FALSE(form.ok()) << c.why;
    EXPECT_EQ(form.status().code(), StatusCode::kInvalidInput) << c.why;
  }
}

TEST(Multipart, HeaderParam) {
  EXPECT_EQ(HeaderParam("form-data; name=\"a;b\"; filename=c.png", "filename").value_or("?"), "c.png");
  EXPECT_EQ(HeaderParam("form-data; name=\"a;b\"; filename=c.png", "NAME").value_or("?"), "a;b");
  EXPECT_FALSE(HeaderParam("form-data; name=\"a", "name").has_value());
  EXPECT_FALSE(HeaderParam("form-data", "name").has_value());
}

}  // namespace
}  // namespace wakala::http
