#include "base/status.h"

namespace wakala {

std::string Status::ToString() const {
  const char* name = "ok";
  switch (code_) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kNotFound: name = "not found"; break;
    case StatusCode::kInvalidInput: name = "invalid input"; break;
    case StatusCode::kConflict: name = "conflict"; break;
    case StatusCode::kUnavailable: name = "unavailable"; break;
    case StatusCode::kCorruption: name = "corruption"; break;
    case StatusCode::kInternal: name = "internal error"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace wakala
