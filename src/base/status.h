// base/: the vocabulary every layer shares: Status and Result<T> (errors as values), UTF-8
// checks, time in UTC seconds. Depends on nothing but the standard library.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace wakala {

// A closed set of outcomes. http/ maps them to HTTP statuses in exactly one place
// (http::HttpStatusFor); the CLI prints the message and exits non-zero.
enum class StatusCode {
  kOk,
  kNotFound,      // what was asked for does not exist
  kInvalidInput,  // the caller's input is wrong; the message says which field and why
  kConflict,      // the input is valid but clashes with what is stored (duplicate slug, ...)
  kUnavailable,   // a dependency (database, network) failed; retrying may help
  kCorruption,    // stored data is not what the code expects
  kInternal,      // a bug
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status InvalidInput(std::string msg) {
    return Status(StatusCode::kInvalidInput, std::move(msg));
  }
  static Status Conflict(std::string msg) { return Status(StatusCode::kConflict, std::move(msg)); }
  static Status Unavailable(std::string msg) {
    return Status(StatusCode::kUnavailable, std::move(msg));
  }
  static Status Corruption(std::string msg) {
    return Status(StatusCode::kCorruption, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid input: title is missing (line 2)"
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}     // NOLINT: must not be OK
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

// Propagates a non-OK Status out of the current function.
#define WAKALA_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::wakala::Status _st = (expr);            \
    if (!_st.ok()) return _st;                \
  } while (0)

}  // namespace wakala
