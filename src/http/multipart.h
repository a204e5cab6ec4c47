// multipart/form-data (RFC 7578), as browsers send file uploads: the boundary from the
// Content-Type header, then each part's field name, optional file name and content type, and
// its bytes, kept verbatim (a file part is binary).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace wakala::http {

struct MultipartPart {
  std::string name;                     // the form field's name (Content-Disposition name=)
  std::optional<std::string> filename;  // set for file inputs, as the client named the file
  std::string content_type;             // the part's Content-Type; "" when not given
  std::string data;                     // the bytes between the part's headers and the boundary
};

class MultipartForm {
 public:
  // Parses `body` sent with header `content_type` ("multipart/form-data; boundary=…").
  // kInvalidInput, with the reason, when the content type is not multipart/form-data or has no
  // boundary, when the body does not start with or never closes the boundary, when a part has
  // no Content-Disposition: form-data with a name, or when a text field or a name is not
  // UTF-8. Never reads outside `body`.
  static Result<MultipartForm> Parse(std::string_view content_type, std::string_view body);

  const std::vector<MultipartPart>& parts() const { return parts_; }
  // The first part named `name`, or null.
  const MultipartPart* Find(std::string_view name) const;
  // The first text value for `name` (a part without a file name), or "" when absent.
  std::string Get(std::string_view name) const;

 private:
  std::vector<MultipartPart> parts_;
};

// The value of parameter `param` of a header value like `form-data; name="a"; filename="b"`
// (case-insensitive name; quoted or token value, with \" unescaped), or nullopt.
std::optional<std::string> HeaderParam(std::string_view header_value, std::string_view param);

}  // namespace wakala::http
