#include "sip_service.hpp"

#include <openssl/rand.h>

#include "rtcsip/core/log.hpp"

namespace rtcsip::app {
namespace {

// The methods rtcsipd answers itself; Allow lists exactly these.
constexpr const char* kAllow = "OPTIONS, CANCEL, ACK";

std::string new_tag() {
  unsigned char bytes[8];
  RAND_bytes(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag;
  for (unsigned char b : bytes) {
    tag.push_back(kHex[b >> 4]);
    tag.push_back(kHex[b & 0xf]);
  }
  return tag;
}

}  // namespace

SipService::SipService(sip::TransactionLayer& transactions, std::string server_name)
    : transactions_(transactions), server_name_(std::move(server_name)) {}

sip::Message SipService::answer(const sip::Message& request, int status) const {
  auto r = sip::make_response(request, status, std::string(sip::reason_phrase(status)), new_tag());
  r.add_header(sip::HeaderId::server, server_name_);
  return r;
}

void SipService::on_request(sip::TransactionId id, const sip::Incoming& in) {
  const auto& m = in.message;
  core::log::get("sip").debug("{} from {} {}:{}", m.method_text(), sip::via_name(in.from.transport),
                              in.from.address.ip, in.from.address.port);
  if (m.method() == sip::Method::options) {
    auto r = answer(m, 200);
    r.add_header(sip::HeaderId::allow, kAllow);
    r.add_header(sip::HeaderId::accept, "application/sdp");
    transactions_.respond(id, std::move(r));
    return;
  }
  auto r = answer(m, 501);
  r.add_header(sip::HeaderId::allow, kAllow);
  transactions_.respond(id, std::move(r));
}

void SipService::on_cancel(sip::TransactionId cancel, std::optional<sip::TransactionId>,
                           const sip::Incoming& in) {
  // No INVITE is ever left pending here, so a CANCEL matches nothing (RFC 3261 §9.2).
  transactions_.respond(cancel, answer(in.message, 481));
}

}  // namespace rtcsip::app
