#include "message_builders.hpp"

#include <string>

#include "matching.hpp"
#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip::txn {
namespace {

void copy_lines(const Message& from, HeaderId id, Message& to) {
  for (const HeaderField& field : from.fields()) {
    if (field.id == id) to.add_header(id, std::string(field.value));
  }
}

void copy_first(const Message& from, HeaderId id, Message& to) {
  if (const HeaderField* field = from.find(id)) to.add_header(id, std::string(field->value));
}

// The ACK and the CANCEL share everything but the method and the To header.
Message same_path_request(Method method, const Message& invite) {
  Message request = Message::request(method, method_name(method), std::string(invite.request_uri()));
  request.add_header(HeaderId::via, std::string(top_via(invite)));
  copy_lines(invite, HeaderId::route, request);
  request.add_header(HeaderId::max_forwards, "70");
  copy_first(invite, HeaderId::from, request);
  return request;
}

std::string cseq_with(const Message& invite, Method method) {
  auto cseq = parse_cseq(invite.header(HeaderId::cseq));
  const std::uint32_t number = cseq ? cseq->number : 0;
  return std::to_string(number) + " " + std::string(method_name(method));
}

}  // namespace

Message build_trying(const Message& invite) {
  Message trying = Message::response(100, "Trying");
  copy_lines(invite, HeaderId::via, trying);
  copy_first(invite, HeaderId::from, trying);
  copy_first(invite, HeaderId::to, trying);  // §17.2.1: SHOULD NOT add a To tag
  copy_first(invite, HeaderId::call_id, trying);
  copy_first(invite, HeaderId::cseq, trying);
  copy_first(invite, HeaderId::timestamp, trying);  // §8.2.6.1
  return trying;
}

Message build_ack(const Message& invite, const Message& response) {
  Message ack = same_path_request(Method::ack, invite);
  copy_first(response, HeaderId::to, ack);
  copy_first(invite, HeaderId::call_id, ack);
  ack.add_header(HeaderId::cseq, cseq_with(invite, Method::ack));
  return ack;
}

Message build_cancel(const Message& invite) {
  Message cancel = same_path_request(Method::cancel, invite);
  copy_first(invite, HeaderId::to, cancel);
  copy_first(invite, HeaderId::call_id, cancel);
  cancel.add_header(HeaderId::cseq, cseq_with(invite, Method::cancel));
  return cancel;
}

}  // namespace rtcsip::sip::txn
