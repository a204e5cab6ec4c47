#include "http/form.h"

#include "base/utf8.h"

namespace wakala::http {

Result<Form> Form::Parse(std::string_view body) {
  Form form;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    auto name = DecodeQueryComponent(pair.substr(0, eq));
    auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                              : DecodeQueryComponent(pair.substr(eq + 1));
    if (!name || !value) return Status::InvalidInput("the form is not valid URL encoding");
    if (!IsValidUtf8(*name) || !IsValidUtf8(*value))
      return Status::InvalidInput("the form field «" + (IsValidUtf8(*name) ? *name : "?") +
                                  "» is not valid UTF-8");
    form.fields_.emplace_back(std::move(*name), std::move(*value));
  }
  return form;
}

std::string Form::Get(std::string_view name) const {
  for (const auto& [k, v] : fields_)
    if (k == name) return v;
  return "";
}

bool Form::Has(std::string_view name) const {
  for (const auto& [k, v] : fields_)
    if (k == name) return true;
  return false;
}

std::vector<std::string> Form::GetAll(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields_)
    if (k == name) out.push_back(v);
  return out;
}

std::optional<std::string> CookieValue(const Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view item = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      size_t eq = item.find('=');
      if (eq != std::string_view::npos && item.substr(0, eq) == name)
        return std::string(item.substr(eq + 1));
    }
  }
  return std::nullopt;
}

}  // namespace wakala::http
