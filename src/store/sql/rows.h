// Helpers every SqlStore source file shares: decoding rows of text columns, numbering
// parameters of statements assembled from optional parts.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/sql/sql_connection.h"

namespace wakala::store {

// Reads one row's text columns, remembering the first column that did not decode, so that a
// whole record is decoded before the single check.
class RowReader {
 public:
  explicit RowReader(const std::vector<std::optional<std::string>>& row) : row_(row) {}

  int64_t Int(size_t i) {
    if (i >= row_.size() || !row_[i]) return Fail(i);
    const std::string& s = *row_[i];
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return Fail(i);
    return v;
  }
  std::string Text(size_t i) {
    if (i >= row_.size() || !row_[i]) {
      Fail(i);
      return {};
    }
    return *row_[i];
  }
  Status status(std::string_view what) const {
    if (bad_column_ < 0) return Status::Ok();
    return Status::Corruption("unexpected value in column " + std::to_string(bad_column_) +
                              " of " + std::string(what));
  }

 private:
  int64_t Fail(size_t i) {
    if (bad_column_ < 0) bad_column_ = static_cast<int>(i);
    return 0;
  }
  const std::vector<std::optional<std::string>>& row_;
  int bad_column_ = -1;
};

// The single integer a statement like "SELECT COUNT(*)" or "INSERT ... RETURNING id" yields.
inline Result<int64_t> SingleInt(const Result<SqlResult>& result, std::string_view what) {
  if (!result.ok()) return result.status();
  if (result->rows.size() != 1) return Status::Corruption("no row for " + std::string(what));
  RowReader r(result->rows[0]);
  int64_t v = r.Int(0);
  WAKALA_RETURN_IF_ERROR(r.status(what));
  return v;
}

// Numbers parameters as they are added, for statements assembled from optional filters.
class Params {
 public:
  std::string Add(SqlParam p) {
    values_.push_back(std::move(p));
    return "$" + std::to_string(values_.size());
  }
  const std::vector<SqlParam>& values() const { return values_; }

 private:
  std::vector<SqlParam> values_;
};

inline std::string Quoted(const std::string& s) { return "«" + s + "»"; }

}  // namespace wakala::store
