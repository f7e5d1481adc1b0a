// Matching: responses to client transactions (RFC 3261 §17.1.3), requests to
// server transactions (§17.2.3) with the RFC 2543 fallback, and what matches
// nothing (stray responses, the ACK of a 2xx).
#include "txn_fixture.hpp"

namespace rtcsip::sip::test {
namespace {

class Matching : public TxnTest {
 protected:
  static RequestSpec remote(std::string method, std::string branch) {
    RequestSpec s;
    s.method = std::move(method);
    s.branch = std::move(branch);
    return s;
  }
};

TEST_F(Matching, ResponseMatchesOnTheBranchAndTheCSeqMethod) {
  const Message invite = make_request({});
  ASSERT_NE(layer.send_request(invite, kUdpPeer, nullptr), 0u);
  RequestSpec other_branch;
  other_branch.branch = "z9hG4bKnotours";
  deliver(response_to(make_request(other_branch), 180, "b"));
  RequestSpec cancel;
  cancel.method = "CANCEL";  // same branch, but no CANCEL was sent
  deliver(response_to(make_request(cancel), 200, "b"));
  EXPECT_EQ(strays.size(), 2u);
  EXPECT_EQ(layer.counters().stray_responses, 2u);
  EXPECT_EQ(millis(net.times_of("INVITE")).size(), 1u);
  run_until(600ms);
  EXPECT_EQ(net.count("INVITE"), 2u);  // still Calling
}

TEST_F(Matching, SameBranchFromAnotherSentByOrWithAnotherMethodIsANewTransaction) {
  deliver(make_request(remote("INVITE", "z9hG4bKsame")));
  RequestSpec moved = remote("INVITE", "z9hG4bKsame");
  moved.sent_by = "198.51.100.8:5060";
  deliver(make_request(moved));
  deliver(make_request(remote("OPTIONS", "z9hG4bKsame")));
  EXPECT_EQ(requests.size(), 3u);
  deliver(make_request(remote("INVITE", "z9hG4bKsame")));  // the first one again
  RequestSpec no_port = remote("INVITE", "z9hG4bKsame");
  no_port.sent_by = "198.51.100.7";  // §19.1.4: an omitted port differs from 5060
  deliver(make_request(no_port));
  EXPECT_EQ(requests.size(), 4u);
  EXPECT_EQ(layer.server_count(), 4u);
}

TEST_F(Matching, SentByHostsCompareCaseInsensitively) {
  RequestSpec lower = remote("MESSAGE", "z9hG4bKcase");
  lower.sent_by = "client.example.com:5060";
  RequestSpec upper = lower;
  upper.sent_by = "CLIENT.Example.COM:5060";
  deliver(make_request(lower));
  deliver(make_request(upper));
  EXPECT_EQ(requests.size(), 1u);
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 1u);
}

TEST_F(Matching, AckOfA2xxMatchesNothingAndGoesToTheTu) {
  deliver(make_request(remote("ACK", "z9hG4bKack2xx")));
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0].from.address, kUdpPeer.address);
  expect_idle();
}

TEST_F(Matching, Rfc2543RetransmittedInviteWithoutBranchIsAbsorbed) {
  const Message invite = make_request(remote("INVITE", ""));
  deliver(invite);
  deliver(invite);
  EXPECT_EQ(requests.size(), 1u);
  EXPECT_EQ(net.count("100"), 2u);
  EXPECT_EQ(layer.counters().retransmissions_absorbed, 1u);
}

TEST_F(Matching, Rfc2543AckMatchesByTheToTagOfTheResponse) {
  const Message invite = make_request(remote("INVITE", "1234.legacy"));
  deliver(invite);
  ASSERT_TRUE(layer.respond(requests.at(0).id, response_to(invite, 486, "uas7")));
  RequestSpec wrong = remote("ACK", "1234.legacy");
  wrong.to_tag = "other";
  deliver(make_request(wrong));
  EXPECT_EQ(acks.size(), 1u);  // not ours: for the TU
  RequestSpec right = remote("ACK", "1234.legacy");
  right.to_tag = "uas7";
  deliver(make_request(right));
  EXPECT_EQ(acks.size(), 1u);  // absorbed: Confirmed
  run_until(10s);
  EXPECT_EQ(net.count("486"), 1u);  // Timer G stopped at the ACK
  expect_idle();
}

TEST_F(Matching, Rfc2543DialogFieldsTellTransactionsApart) {
  deliver(make_request(remote("OPTIONS", "")));
  RequestSpec cseq = remote("OPTIONS", "");
  cseq.cseq = 2;
  RequestSpec from_tag = remote("OPTIONS", "");
  from_tag.from_tag = "alice2";
  RequestSpec uri = remote("OPTIONS", "");
  uri.uri = "sip:carol@192.0.2.1";
  RequestSpec to_tag = remote("OPTIONS", "");
  to_tag.to_tag = "x";
  for (const auto& spec : {cseq, from_tag, uri, to_tag}) deliver(make_request(spec));
  EXPECT_EQ(requests.size(), 5u);
  deliver(make_request(remote("OPTIONS", "")));
  EXPECT_EQ(requests.size(), 5u);
}

TEST_F(Matching, Rfc2543CancelFindsTheInvite) {
  deliver(make_request(remote("INVITE", "")));
  deliver(make_request(remote("CANCEL", "")));
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].invite, requests.at(0).id);
}

}  // namespace
}  // namespace rtcsip::sip::test
