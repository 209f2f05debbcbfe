#pragma once
// What a leaf function returns when it can fail in a way its caller decides about: a value, or
// the reason it has none, worded for the user ("cannot write out/x.sarif: Permission denied").
// The stand-in for std::expected (C++23; not in GCC 12's libstdc++). Stage entry points turn a
// failure into UsageError or ToolError (core/error.h); see "Errors" in ARCHITECTURE.md.

#include <string>
#include <utility>
#include <variant>

namespace codegate::util {

// The failure side: `return util::Failure{"cannot read " + path};` converts to any Result<T>.
struct Failure {
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Only on success (checked by the caller); the failure's message only on failure.
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const std::string& error() const { return std::get<1>(state_).message; }

private:
  std::variant<T, Failure> state_;
};

// Success carries nothing: `return {};` or `return util::Failure{...};`.
template <>
class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Failure failure) : failed_(true), error_(std::move(failure.message)) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const std::string& error() const { return error_; }

private:
  bool failed_ = false;
  std::string error_;
};

} // namespace codegate::util
