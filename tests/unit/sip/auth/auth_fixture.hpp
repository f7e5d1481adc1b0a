#pragma once
// A digest server on a manual clock with a few users, and a client to answer
// its challenges.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "digest_client.hpp"
#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/sip/auth/server.hpp"

namespace rtcsip::sip::auth::test {

class AuthTest : public ::testing::Test {
 protected:
  static Settings default_settings() {
    Settings s;
    s.realm = "example.com";
    return s;
  }

  // Users by name: a password, from which the lookup derives HA1.
  UserLookup lookup() {
    return [this](std::string_view user, std::string_view realm, Hash hash) -> std::optional<std::string> {
      const auto it = passwords_.find(std::string(user));
      if (it == passwords_.end()) return std::nullopt;
      return compute_ha1(hash, user, realm, it->second);
    };
  }

  Server& server(Settings s = default_settings()) {
    server_ = std::make_unique<Server>(std::move(s), clock_, lookup());
    return *server_;
  }

  // The challenge for `algorithm` among a fresh set, parsed as a client would.
  Challenge challenge_for(std::string_view algorithm, bool stale = false) {
    for (const auto& value : server_->challenges(stale)) {
      auto c = parse_challenge(value);
      if (c.algorithm == algorithm) return c;
    }
    ADD_FAILURE() << "no challenge for " << algorithm;
    return {};
  }

  Verification verify(const std::string& value, std::string_view method = "REGISTER") {
    return server_->verify(value, Request{.method = method});
  }

  core::ManualTimerService clock_;
  std::map<std::string, std::string> passwords_{{"alice", "secret"}, {"bob", "hunter2"}};
  std::unique_ptr<Server> server_;
};

}  // namespace rtcsip::sip::auth::test
