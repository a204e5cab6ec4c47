#include "http/multipart.h"

#include <cctype>

#include "base/utf8.h"

namespace wakala::http {
namespace {

constexpr size_t kMaxParts = 200;  // a form has a handful; more is abuse, not a form

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> HeaderParam(std::string_view value, std::string_view param) {
  // Skip the leading token ("form-data", "multipart/form-data").
  size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    ++i;  // past ';'
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    size_t eq = value.find('=', i);
    size_t semi = value.find(';', i);
    if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
      i = semi;
      continue;
    }
    std::string key = Lower(Trim(value.substr(i, eq - i)));
    size_t j = eq + 1;
    while (j < value.size() && (value[j] == ' ' || value[j] == '\t')) ++j;
    std::string v;
    if (j < value.size() && value[j] == '"') {
      ++j;
      bool closed = false;
      while (j < value.size()) {
        char c = value[j++];
        if (c == '\\' && j < value.size()) {
          v.push_back(value[j++]);
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          v.push_back(c);
        }
      }
      if (!closed) return std::nullopt;
      i = value.find(';', j);
    } else {
      size_t end = value.find(';', j);
      v = std::string(Trim(value.substr(j, end == std::string_view::npos ? std::string_view::npos : end - j)));
      i = end;
    }
    if (key == Lower(param)) return v;
  }
  return std::nullopt;
}

Result<MultipartForm> MultipartForm::Parse(std::string_view content_type, std::string_view body) {
  std::string type = Lower(Trim(content_type.substr(0, content_type.find(';'))));
  if (type != "multipart/form-data")
    return Status::InvalidInput("expected multipart/form-data, got «" + std::string(content_type.substr(0, 80)) + "»");
  auto boundary = HeaderParam(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70)
    return Status::InvalidInput("multipart/form-data without a valid boundary");
  const std::string delimiter = "--" + *boundary;
  const std::string next_delimiter = "\r\n" + delimiter;

  size_t pos;
  if (body.starts_with(delimiter)) {
    pos = delimiter.size();
  } else {
    size_t found = body.find(next_delimiter);  // a preamble, which RFC 2046 allows
    if (found == std::string_view::npos)
      return Status::InvalidInput("the multipart body does not contain its boundary");
    pos = found + next_delimiter.size();
  }

  MultipartForm form;
  while (true) {
    if (body.substr(pos, 2) == "--") return form;  // the closing delimiter; an epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n")
      return Status::InvalidInput("malformed multipart boundary line");
    pos += 2;
    if (form.parts_.size() >= kMaxParts) return Status::InvalidInput("too many parts in the form");

    size_t headers_end = body.find("\r\n\r\n", pos);
    // A part without headers starts directly with the blank line.
    bool no_headers = body.substr(pos, 2) == "\r\n";
    if (!no_headers && headers_end == std::string_view::npos)
      return Status::InvalidInput("a multipart part's headers never end");
    std::string_view headers = no_headers ? std::string_view() : body.substr(pos, headers_end - pos);
    pos = no_headers ? pos + 2 : headers_end + 4;

    MultipartPart part;
    bool has_disposition = false;
    while (!headers.empty()) {
      size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos)
        return Status::InvalidInput("malformed multipart part header");
      std::string name = Lower(Trim(line.substr(0, colon)));
      std::string_view value = Trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        if (Lower(Trim(value.substr(0, value.find(';')))) != "form-data")
          return Status::InvalidInput("a multipart part is not form-data");
        auto field = HeaderParam(value, "name");
        if (!field) return Status::InvalidInput("a multipart part has no field name");
        part.name = std::move(*field);
        part.filename = HeaderParam(value, "filename");
        has_disposition = true;
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!has_disposition) return Status::InvalidInput("a multipart part has no Content-Disposition");
    if (!IsValidUtf8(part.name) || (part.filename && !IsValidUtf8(*part.filename)))
      return Status::InvalidInput("a multipart field or file name is not valid UTF-8");

    size_t end = body.find(next_delimiter, pos);
    if (end == std::string_view::npos)
      return Status::InvalidInput("the multipart body ends before its closing boundary");
    part.data = std::string(body.substr(pos, end - pos));
    if (!part.filename && !IsValidUtf8(part.data))
      return Status::InvalidInput("the form field «" + part.name + "» is not valid UTF-8");
    form.parts_.push_back(std::move(part));
    pos = end + next_delimiter.size();
  }
}

const MultipartPart* MultipartForm::Find(std::string_view name) const {
  for (const auto& p : parts_)
    if (p.name == name) return &p;
  return nullptr;
}

std::string MultipartForm::Get(std::string_view name) const {
  for (const auto& p : parts_)
    if (p.name == name && !p.filename) return p.data;
  return "";
}

}  // namespace wakala::http
