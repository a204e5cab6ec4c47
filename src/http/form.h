#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "http/message.h"

namespace wakala::http {

// The fields of an application/x-www-form-urlencoded body, decoded, in order.
// kInvalidInput when an escape is malformed or a value is not valid UTF-8.
class Form {
 public:
  static Result<Form> Parse(std::string_view body);
  // The first value for `name`, or "" when absent.
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  std::vector<std::string> GetAll(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// The value of cookie `name` from the Cookie header, or nullopt.
std::optional<std::string> CookieValue(const Request& request, std::string_view name);

}  // namespace wakala::http
