#pragma once
// What rtcsipd answers by itself at the SIP level: OPTIONS (RFC 3261 §11)
// with 200 and its capabilities; CANCEL with 481 when nothing matches; other
// requests with 501 until a service takes them.
#include <string>

#include "rtcsip/sip/transaction_layer.hpp"

namespace rtcsip::app {

class SipService {
 public:
  SipService(sip::TransactionLayer& transactions, std::string server_name);

  void on_request(sip::TransactionId id, const sip::Incoming& in);
  void on_cancel(sip::TransactionId cancel, std::optional<sip::TransactionId> invite,
                 const sip::Incoming& in);

 private:
  [[nodiscard]] sip::Message answer(const sip::Message& request, int status) const;
  sip::TransactionLayer& transactions_;
  std::string server_name_;
};

}  // namespace rtcsip::app
