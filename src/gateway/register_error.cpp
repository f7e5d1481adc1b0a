#include "rtcsip/gateway/register_error.hpp"

#include <string>

namespace rtcsip::gateway {
namespace {

class RegisterCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "register"; }
  std::string message(int value) const override {
    return std::string(to_string(static_cast<RegisterError>(value)));
  }
};

}  // namespace

std::string_view to_string(RegisterError e) noexcept {
  switch (e) {
    case RegisterError::invalid_star:
      return "Contact * needs Expires: 0 and no other Contact";
    case RegisterError::invalid_contact:
      return "Contact URI does not parse";
    case RegisterError::interval_too_brief:
      return "expiration shorter than the minimum";
    case RegisterError::out_of_order:
      return "CSeq not higher than the binding's for the same Call-ID";
    case RegisterError::too_many_bindings:
      return "too many registered contacts for this user";
  }
  return "unknown registration error";
}

const std::error_category& register_category() noexcept {
  static const RegisterCategory category;
  return category;
}

std::error_code make_error_code(RegisterError e) noexcept {
  return {static_cast<int>(e), register_category()};
}

}  // namespace rtcsip::gateway
