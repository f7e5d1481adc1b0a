// The location service on a manual clock: RFC 3261 §10.3 processing,
// expiry, flows, RFC 5626 instances and the per-AOR cap.
#include <gtest/gtest.h>

#include "rtcsip/core/manual_timer_service.hpp"
#include "rtcsip/gateway/location_service.hpp"

using namespace std::chrono_literals;
using rtcsip::core::ManualTimerService;
using rtcsip::gateway::Binding;
using rtcsip::gateway::ContactRequest;
using rtcsip::gateway::LocationService;
using rtcsip::gateway::LocationSettings;
using rtcsip::gateway::RegisterError;
using rtcsip::gateway::RegisterRequest;
using rtcsip::gateway::RegisterResult;
using rtcsip::gateway::RemovalReason;
using rtcsip::sip::FlowId;

namespace {

ContactRequest contact(std::string uri, std::optional<std::uint32_t> expires = {}) {
  ContactRequest c;
  c.uri = std::move(uri);
  c.expires = expires;
  return c;
}

ContactRequest instance_contact(std::string uri, std::string instance, std::optional<std::uint32_t> reg_id) {
  ContactRequest c = contact(std::move(uri), 600);
  c.instance = std::move(instance);
  c.reg_id = reg_id;
  return c;
}

RegisterRequest request(std::string call_id, std::uint32_t cseq, std::vector<ContactRequest> contacts,
                        FlowId flow = 1, std::optional<std::uint32_t> expires = {}) {
  RegisterRequest r;
  r.aor = "alice";
  r.call_id = std::move(call_id);
  r.cseq = cseq;
  r.contacts = std::move(contacts);
  r.expires = expires;
  r.source.transport = rtcsip::sip::TransportKind::wss;
  r.source.address = {"198.51.100.1", 50000};
  r.source.flow = flow;
  return r;
}

RegisterRequest star(std::string call_id, std::uint32_t cseq, std::optional<std::uint32_t> expires = 0) {
  RegisterRequest r = request(std::move(call_id), cseq, {}, 1, expires);
  r.star = true;
  return r;
}

std::vector<std::string> contacts_of(const std::vector<Binding>& bindings) {
  std::vector<std::string> out;
  out.reserve(bindings.size());
  for (const auto& b : bindings) out.push_back(b.contact);
  return out;
}

using Strings = std::vector<std::string>;

class LocationTest : public ::testing::Test {
 protected:
  LocationTest() {
    service_.on_removed(
        [this](const Binding& b, RemovalReason why) { removed_.emplace_back(b.contact, why); });
  }

  std::vector<Binding> ok(const RegisterRequest& r) {
    RegisterResult result = service_.register_contacts(r);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : to_string(result.error().error));
    return result.ok() ? *result : std::vector<Binding>{};
  }
  RegisterError refused(const RegisterRequest& r) {
    RegisterResult result = service_.register_contacts(r);
    EXPECT_FALSE(result.ok());
    return result.ok() ? RegisterError{} : result.error().error;
  }
  Strings lookup(std::string_view aor = "alice") const { return contacts_of(service_.lookup(aor)); }

  ManualTimerService clock_;
  LocationSettings settings_{
      .min_expires = 60s, .max_expires = 3600s, .default_expires = 600s, .max_bindings_per_aor = 4};
  LocationService service_{clock_, settings_};
  std::vector<std::pair<std::string, RemovalReason>> removed_;
};

}  // namespace

TEST_F(LocationTest, RegisterAddsABindingAndAnswersItsContact) {
  const auto bindings = ok(request("c1", 1, {contact("sip:a@198.51.100.1;transport=ws", 600)}));
  ASSERT_EQ(bindings.size(), 1u);
  EXPECT_EQ(bindings[0].aor, "alice");
  EXPECT_EQ(bindings[0].contact_value(clock_.now()), "<sip:a@198.51.100.1;transport=ws>;expires=600");
  EXPECT_EQ(bindings[0].source.flow, 1u);
  EXPECT_EQ(lookup(), Strings{"sip:a@198.51.100.1;transport=ws"});
  EXPECT_TRUE(service_.lookup("bob").empty());
  EXPECT_EQ(service_.size(), 1u);
  EXPECT_EQ(service_.aor_count(), 1u);
}

TEST_F(LocationTest, ContactParametersAreEchoedWithTheRemainingTime) {
  ContactRequest c = instance_contact("sip:a@x.invalid;transport=ws", "<urn:uuid:1>", 1);
  c.params = ";reg-id=1;+sip.instance=\"<urn:uuid:1>\"";
  ok(request("c1", 1, {c}));
  clock_.advance(100s);
  const auto now = ok(request("c1", 2, {}));  // a query (§10.3 step 6: no Contact)
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].contact_value(clock_.now()),
            "<sip:a@x.invalid;transport=ws>;reg-id=1;+sip.instance=\"<urn:uuid:1>\";expires=500");
}

TEST_F(LocationTest, RefreshKeepsTheBindingAndMovesItsExpiry) {
  const auto first = ok(request("c1", 1, {contact("sip:a@198.51.100.1", 600)}));
  clock_.advance(500s);
  const auto second = ok(request("c1", 2, {contact("sip:a@198.51.100.1", 600)}));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, first[0].id);
  EXPECT_EQ(second[0].cseq, 2u);
  clock_.advance(500s);  // past the first expiry
  EXPECT_EQ(lookup().size(), 1u);
  clock_.advance(100s);
  EXPECT_TRUE(lookup().empty());
}

TEST_F(LocationTest, UrisCompareByRfc3261Rules) {
  ok(request("c1", 1, {contact("sip:a@198.51.100.1:5060;transport=tcp", 600)}));
  ok(request("c1", 2, {contact("SIP:a@198.51.100.1:5060;TRANSPORT=TCP", 600)}));
  EXPECT_EQ(service_.size(), 1u);
  // An explicit port is a different URI (§19.1.4).
  ok(request("c1", 3, {contact("sip:a@198.51.100.1;transport=tcp", 600)}));
  EXPECT_EQ(service_.size(), 2u);
}

TEST_F(LocationTest, UnregisterWithTheExpiresParameter) {
  ok(request("c1", 1, {contact("sip:a@198.51.100.1", 600)}));
  EXPECT_TRUE(ok(request("c1", 2, {contact("sip:a@198.51.100.1", 0)})).empty());
  EXPECT_TRUE(lookup().empty());
  EXPECT_EQ(service_.aor_count(), 0u);
  EXPECT_EQ(clock_.pending(), 0u);  // nothing left to expire, no timer
  ASSERT_EQ(removed_.size(), 1u);
  EXPECT_EQ(removed_[0].second, RemovalReason::unregistered);
}

TEST_F(LocationTest, UnregisterWithTheExpiresHeader) {
  ok(request("c1", 1, {contact("sip:a@198.51.100.1")}, 1, 600));
  ok(request("c1", 2, {contact("sip:a@198.51.100.1")}, 1, 0));
  EXPECT_TRUE(lookup().empty());
}

TEST_F(LocationTest, UnregisteringAnUnknownContactIsNotAnError) {
  EXPECT_TRUE(ok(request("c1", 1, {contact("sip:a@198.51.100.1", 0)})).empty());
  EXPECT_TRUE(removed_.empty());
}

TEST_F(LocationTest, BindingsExpireOnTheClock) {
  ok(request("c1", 1, {contact("sip:short@198.51.100.1", 60)}));
  ok(request("c2", 1, {contact("sip:long@198.51.100.1", 120)}));
  clock_.advance(59s);
  EXPECT_EQ(lookup().size(), 2u);
  clock_.advance(1s);
  EXPECT_EQ(lookup(), Strings{"sip:long@198.51.100.1"});
  ASSERT_EQ(removed_.size(), 1u);
  EXPECT_EQ(removed_[0],
            (std::pair<std::string, RemovalReason>{"sip:short@198.51.100.1", RemovalReason::expired}));
  clock_.advance(60s);
  EXPECT_TRUE(lookup().empty());
  EXPECT_EQ(service_.size(), 0u);
  EXPECT_EQ(service_.aor_count(), 0u);
  EXPECT_EQ(clock_.pending(), 0u);
}

TEST_F(LocationTest, OneTimerWhateverTheNumberOfBindings) {
  for (int i = 0; i < 3; ++i) {
    RegisterRequest r = request("c" + std::to_string(i), 1, {contact("sip:a@198.51.100.1", 600 + i)});
    r.aor = "user" + std::to_string(i);
    ok(r);
  }
  EXPECT_EQ(clock_.pending(), 1u);
}

TEST_F(LocationTest, StarRemovesEveryBinding) {
  ok(request("c1", 1, {contact("sip:a@198.51.100.1", 600)}));
  ok(request("c2", 7, {contact("sip:b@198.51.100.2", 600)}));
  EXPECT_TRUE(ok(star("c3", 1)).empty());
  EXPECT_TRUE(lookup().empty());
  EXPECT_EQ(removed_.size(), 2u);
}

TEST_F(LocationTest, StarNeedsExpiresZeroAndNoOtherContact) {
  ok(request("c1", 1, {contact("sip:a@198.51.100.1", 600)}));
  EXPECT_EQ(refused(star("c2", 1, 600)), RegisterError::invalid_star);
  EXPECT_EQ(refused(star("c2", 1, std::nullopt)), RegisterError::invalid_star);
  RegisterRequest with_other = star("c2", 1);
  with_other.contacts.push_back(contact("sip:b@198.51.100.2"));
  EXPECT_EQ(refused(with_other), RegisterError::invalid_star);
  EXPECT_EQ(lookup().size(), 1u);
}

TEST_F(LocationTest, StarFromTheSameCallIdMustHaveAHigherCSeq) {
  ok(request("c1", 5, {contact("sip:a@198.51.100.1", 600)}));
  ok(request("c2", 1, {contact("sip:b@198.51.100.2", 600)}));
  EXPECT_EQ(refused(star("c1", 5)), RegisterError::out_of_order);
  EXPECT_EQ(lookup().size(), 2u);  // none removed (§10.3 step 7)
  EXPECT_TRUE(ok(star("c1", 6)).empty());
}

TEST_F(LocationTest, SameCallIdWithAnEqualOrLowerCSeqIsRefused) {
  ok(request("c1", 10, {contact("sip:a@198.51.100.1", 600)}));
  EXPECT_EQ(refused(request("c1", 10, {contact("sip:a@198.51.100.1", 1200)})), RegisterError::out_of_order);
  EXPECT_EQ(refused(request("c1", 9, {contact("sip:a@198.51.100.1", 0)})), RegisterError::out_of_order);
  ASSERT_EQ(service_.lookup("alice").size(), 1u);
  EXPECT_EQ(service_.lookup("alice")[0].remaining(clock_.now()), 600u);
}

TEST_F(LocationTest, AnotherCallIdUpdatesWhateverItsCSeq) {
  // §10.3 step 7: a new Call-ID (the UA restarted) replaces the binding.
  ok(request("c1", 10, {contact("sip:a@198.51.100.1", 600)}));
  const auto b = ok(request("c2", 1, {contact("sip:a@198.51.100.1", 300)}));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].call_id, "c2");
  EXPECT_EQ(b[0].remaining(clock_.now()), 300u);
}

TEST_F(LocationTest, ARefusedRequestChangesNothing) {
  ok(request("c1", 5, {contact("sip:a@198.51.100.1", 600)}));
  // The first contact alone would be fine; the second is out of order.
  EXPECT_EQ(
      refused(request("c1", 4, {contact("sip:new@198.51.100.3", 600), contact("sip:a@198.51.100.1", 0)})),
      RegisterError::out_of_order);
  EXPECT_EQ(lookup(), Strings{"sip:a@198.51.100.1"});
  EXPECT_TRUE(removed_.empty());
}

TEST_F(LocationTest, TheSameContactTwiceInOneRequestIsNotOutOfOrder) {
  const auto b =
      ok(request("c1", 1, {contact("sip:a@198.51.100.1", 600), contact("sip:a@198.51.100.1", 900)}));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].remaining(clock_.now()), 900u);
}

TEST_F(LocationTest, SeveralBindingsMostRecentFirst) {
  ok(request("c1", 1, {contact("sip:desk@198.51.100.1", 600)}));
  clock_.advance(10s);
  ok(request("c2", 1, {contact("sip:laptop@198.51.100.2", 600)}));
  EXPECT_EQ(lookup(), (Strings{"sip:laptop@198.51.100.2", "sip:desk@198.51.100.1"}));
  clock_.advance(10s);
  ok(request("c1", 2, {contact("sip:desk@198.51.100.1", 600)}));  // a refresh counts as recent
  EXPECT_EQ(lookup(), (Strings{"sip:desk@198.51.100.1", "sip:laptop@198.51.100.2"}));
  // Within one request, the later contact is the more recent.
  ok(request("c3", 1, {contact("sip:x@198.51.100.3", 600), contact("sip:y@198.51.100.4", 600)}));
  EXPECT_EQ(lookup()[0], "sip:y@198.51.100.4");
  EXPECT_EQ(lookup()[1], "sip:x@198.51.100.3");
}

TEST_F(LocationTest, ClosingAFlowRemovesOnlyItsBindings) {
  ok(request("c1", 1, {contact("sip:a@x.invalid;transport=ws", 600)}, 11));
  ok(request("c2", 1, {contact("sip:b@x.invalid;transport=ws", 600)}, 12));
  RegisterRequest udp = request("c3", 1, {contact("sip:c@198.51.100.3", 600)}, rtcsip::sip::kNoFlow);
  udp.source.transport = rtcsip::sip::TransportKind::udp;
  ok(udp);
  RegisterRequest tcp = request("c4", 1, {contact("sip:d@198.51.100.4;transport=tcp", 600)}, 11);
  tcp.ends_with_flow = false;  // reachable through its Contact after the connection closes
  ok(tcp);

  EXPECT_EQ(service_.on_flow_closed(11), 1u);
  EXPECT_EQ(lookup(), (Strings{"sip:d@198.51.100.4;transport=tcp", "sip:c@198.51.100.3",
                               "sip:b@x.invalid;transport=ws"}));
  ASSERT_EQ(removed_.size(), 1u);
  EXPECT_EQ(removed_[0].second, RemovalReason::flow_closed);
  EXPECT_EQ(service_.on_flow_closed(11), 0u);
  EXPECT_EQ(service_.on_flow_closed(rtcsip::sip::kNoFlow), 0u);
  EXPECT_EQ(service_.on_flow_closed(12), 1u);
  EXPECT_EQ(lookup().size(), 2u);
}

TEST_F(LocationTest, ARefreshOverANewFlowMovesTheBindingToIt) {
  ok(request("c1", 1, {contact("sip:a@x.invalid;transport=ws", 600)}, 21));
  ok(request("c1", 2, {contact("sip:a@x.invalid;transport=ws", 600)}, 22));  // reconnected
  EXPECT_EQ(service_.on_flow_closed(21), 0u);
  EXPECT_EQ(lookup().size(), 1u);
  EXPECT_EQ(service_.lookup("alice")[0].source.flow, 22u);
  EXPECT_EQ(service_.on_flow_closed(22), 1u);
}

TEST_F(LocationTest, SameInstanceAndRegIdReplacesTheOldContact) {
  // RFC 5626 §6: a browser reloading registers a new Contact (JsSIP makes a
  // random one) from the same instance, on a new WebSocket and Call-ID.
  ok(request("c1", 1, {instance_contact("sip:old@x.invalid;transport=ws", "<urn:uuid:1>", 1)}, 31));
  const auto b =
      ok(request("c2", 1, {instance_contact("sip:new@y.invalid;transport=ws", "<urn:uuid:1>", 1)}, 32));
  EXPECT_EQ(contacts_of(b), Strings{"sip:new@y.invalid;transport=ws"});
  EXPECT_EQ(service_.on_flow_closed(31), 0u);
  EXPECT_EQ(lookup().size(), 1u);
}

TEST_F(LocationTest, InstancesAndRegIdsAreSeparateBindings) {
  // RFC 5626 §6: the same Contact over two flows, told apart by reg-id.
  ok(request("c1", 1, {instance_contact("sip:a@x.invalid;transport=ws", "<urn:uuid:1>", 1)}, 41));
  ok(request("c1", 2, {instance_contact("sip:a@x.invalid;transport=ws", "<urn:uuid:1>", 2)}, 42));
  ok(request("c2", 1, {instance_contact("sip:a@x.invalid;transport=ws", "<urn:uuid:2>", 1)}, 43));
  EXPECT_EQ(service_.size(), 3u);
  EXPECT_EQ(service_.on_flow_closed(42), 1u);
  EXPECT_EQ(service_.size(), 2u);
}

TEST_F(LocationTest, CapPerAor) {
  ok(request("c1", 1, {contact("sip:1@198.51.100.1", 600), contact("sip:2@198.51.100.1", 600)}));
  ok(request("c1", 2, {contact("sip:3@198.51.100.1", 600), contact("sip:4@198.51.100.1", 600)}));
  EXPECT_EQ(refused(request("c1", 3, {contact("sip:5@198.51.100.1", 600)})),
            RegisterError::too_many_bindings);
  EXPECT_EQ(service_.size(), 4u);
  // Refreshing, or replacing one in the same request, fits.
  ok(request("c1", 4, {contact("sip:3@198.51.100.1", 600)}));
  ok(request("c1", 5, {contact("sip:3@198.51.100.1", 0), contact("sip:5@198.51.100.1", 600)}));
  EXPECT_EQ(service_.size(), 4u);
  // Other AORs have their own count.
  RegisterRequest bob = request("b1", 1, {contact("sip:bob@198.51.100.9", 600)});
  bob.aor = "bob";
  ok(bob);
  EXPECT_EQ(service_.size(), 5u);
}

TEST_F(LocationTest, ExpiredBindingsDoNotCountTowardTheCap) {
  ok(request("c1", 1,
             {contact("sip:1@198.51.100.1", 60), contact("sip:2@198.51.100.1", 60),
              contact("sip:3@198.51.100.1", 60), contact("sip:4@198.51.100.1", 60)}));
  clock_.advance(60s);
  EXPECT_EQ(contacts_of(ok(request("c1", 2, {contact("sip:5@198.51.100.1", 600)}))),
            Strings{"sip:5@198.51.100.1"});
}

TEST_F(LocationTest, LongRequestsAreShortenedToTheMaximum) {
  const auto b = ok(request("c1", 1, {contact("sip:a@198.51.100.1", 86400)}));
  EXPECT_EQ(b[0].remaining(clock_.now()), 3600u);
  EXPECT_EQ(b[0].contact_value(clock_.now()), "<sip:a@198.51.100.1>;expires=3600");
}

TEST_F(LocationTest, TooBriefIsRefusedWithTheMinimum) {
  // RFC 3261 §10.3 step 6: 423 Interval Too Brief with Min-Expires.
  ok(request("c1", 1, {contact("sip:a@198.51.100.1", 600)}));
  const auto result = service_.register_contacts(request("c1", 2, {contact("sip:a@198.51.100.1", 59)}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().error, RegisterError::interval_too_brief);
  EXPECT_EQ(result.error().min_expires, 60s);
  EXPECT_EQ(service_.lookup("alice")[0].remaining(clock_.now()), 600u);
  // The header counts too; the minimum itself is fine.
  EXPECT_EQ(refused(request("c1", 3, {contact("sip:a@198.51.100.1")}, 1, 30)),
            RegisterError::interval_too_brief);
  ok(request("c1", 4, {contact("sip:a@198.51.100.1", 60)}));
}

TEST_F(LocationTest, ExpiresParameterHeaderAndDefault) {
  // §10.3 step 6: the parameter wins over the header; neither: the default.
  const auto b =
      ok(request("c1", 1, {contact("sip:p@198.51.100.1", 120), contact("sip:h@198.51.100.1")}, 1, 300));
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].contact, "sip:h@198.51.100.1");
  EXPECT_EQ(b[0].remaining(clock_.now()), 300u);
  EXPECT_EQ(b[1].remaining(clock_.now()), 120u);
  const auto d = ok(request("c2", 1, {contact("sip:d@198.51.100.1")}));
  EXPECT_EQ(d[0].remaining(clock_.now()), 600u);
}

TEST_F(LocationTest, InvalidContactUriIsRefused) {
  EXPECT_EQ(refused(request("c1", 1, {contact("not a uri", 600)})), RegisterError::invalid_contact);
  EXPECT_EQ(service_.size(), 0u);
}

TEST_F(LocationTest, RemoveOneBindingById) {
  const auto b =
      ok(request("c1", 1, {contact("sip:a@198.51.100.1", 600), contact("sip:b@198.51.100.1", 600)}));
  EXPECT_TRUE(service_.remove(b[0].id));
  EXPECT_FALSE(service_.remove(b[0].id));
  EXPECT_EQ(lookup(), Strings{"sip:a@198.51.100.1"});
  ASSERT_EQ(removed_.size(), 1u);
  EXPECT_EQ(removed_[0].second, RemovalReason::removed);
}

TEST_F(LocationTest, RemainingRoundsUp) {
  ok(request("c1", 1, {contact("sip:a@198.51.100.1", 600)}));
  clock_.advance(599'500ms);
  EXPECT_EQ(service_.lookup("alice")[0].remaining(clock_.now()), 1u);
}

TEST(LocationService, SettingsAreMadeConsistent) {
  ManualTimerService clock;
  const LocationService s(
      clock, {.min_expires = 300s, .max_expires = 100s, .default_expires = 10s, .max_bindings_per_aor = 0});
  EXPECT_EQ(s.settings().min_expires, 300s);
  EXPECT_EQ(s.settings().max_expires, 300s);
  EXPECT_EQ(s.settings().default_expires, 300s);
  EXPECT_EQ(s.settings().max_bindings_per_aor, 1u);
}

TEST(LocationService, DestroyingItCancelsItsTimer) {
  ManualTimerService clock;
  {
    LocationService s(clock);
    RegisterRequest r = request("c1", 1, {contact("sip:a@198.51.100.1", 600)});
    ASSERT_TRUE(s.register_contacts(r).ok());
    EXPECT_EQ(clock.pending(), 1u);
  }
  EXPECT_EQ(clock.pending(), 0u);
  clock.advance(1h);
}

TEST(RegisterError, CodesAndMessages) {
  const std::error_code e = RegisterError::interval_too_brief;
  EXPECT_STREQ(e.category().name(), "register");
  EXPECT_EQ(e.message(), "expiration shorter than the minimum");
  EXPECT_EQ(std::error_code(RegisterError::too_many_bindings).message(),
            "too many registered contacts for this user");
}
