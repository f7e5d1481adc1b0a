#pragma once
#include <stdexcept>

namespace rtcsip::app {

// A failure that stops start-up with a message for the operator (exit code 1).
class StartupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rtcsip::app
