// Result<T>: the error channel of our code (no exceptions, and libc++ 13 has no <expected>).
// An Error says where (a JSON path, file:line:col, an operation name) and what went wrong.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace dp {

struct Error {
  std::string where;   // "$.handler[2].seconds", "main.tf:3:5", "operation 'approve'"; may be empty
  std::string message; // one sentence, says what is wrong and, where possible, what to do

  // "where: message", or just the message when there is no location.
  std::string text() const { return where.empty() ? message : where + ": " + message; }
};

template <typename T>
class [[nodiscard]] Result {
public:
  Result(T value) : m_value(std::move(value)) {}
  Result(Error error) : m_error(std::move(error)) {}

  bool ok() const { return m_value.has_value(); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "Result::value() on an error: check ok() first");
    return *m_value;
  }
  const T& value() const& {
    assert(ok() && "Result::value() on an error: check ok() first");
    return *m_value;
  }
  T&& value() && {
    assert(ok() && "Result::value() on an error: check ok() first");
    return std::move(*m_value);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

  const Error& error() const {
    assert(!ok() && "Result::error() on a value");
    return m_error;
  }

private:
  std::optional<T> m_value;
  Error m_error;
};

// For calls that return nothing but may fail.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() {
  return Ok{};
}

} // namespace dp
