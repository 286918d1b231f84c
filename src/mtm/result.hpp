#pragma once
// How the policy core refuses a command: a kind the API maps to a status (invalid → 422,
// conflict → 409, not_found → 404), a stable code, a sentence for a person, and for invalid
// input every failing field (not just the first).
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mtm {

struct FieldIssue {
    std::string field;
    std::string message;
};

struct Error {
    enum class Kind : std::uint8_t { invalid, conflict, not_found };
    Kind kind = Kind::invalid;
    std::string code;
    std::string message;
    std::vector<FieldIssue> fields;

    static Error invalid(std::vector<FieldIssue> fields);
    static Error invalid(std::string field, std::string message);
    static Error conflict(std::string code, std::string message);
    static Error not_found(std::string message);
};

// A value or an Error (std::expected is not in the C++ libraries this builds with).
template <class T>
class Result {
  public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const { return std::get<0>(v_); }
    T& value() { return std::get<0>(v_); }
    const T& operator*() const { return value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, Error> v_;
};

struct Done {};  // the value of a command that returns nothing
using Status = Result<Done>;
inline Status ok() {
    return Done{};
}

}  // namespace mtm
