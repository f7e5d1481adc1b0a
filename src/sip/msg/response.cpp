#include <array>
#include <utility>

#include "rtcsip/sip/headers.hpp"
#include "rtcsip/sip/message.hpp"

namespace rtcsip::sip {

Message make_response(const Message& request, int status, std::string reason, std::string_view to_tag) {
  Message r = Message::response(status, std::move(reason));
  for (const auto& f : request.fields()) {
    if (f.id == HeaderId::via) r.add_header(HeaderId::via, std::string(f.value));
  }
  r.add_header(HeaderId::from, std::string(request.header(HeaderId::from)));
  std::string to(request.header(HeaderId::to));
  if (status > 100 && !to_tag.empty()) {
    auto na = parse_name_addr(to);
    if (na && !na->tag()) to.append(";tag=").append(to_tag);
  }
  r.add_header(HeaderId::to, std::move(to));
  r.add_header(HeaderId::call_id, std::string(request.header(HeaderId::call_id)));
  r.add_header(HeaderId::cseq, std::string(request.header(HeaderId::cseq)));
  return r;
}

std::string_view reason_phrase(int status) {
  static constexpr std::array<std::pair<int, std::string_view>, 60> kPhrases = {{
      {100, "Trying"},
      {180, "Ringing"},
      {181, "Call Is Being Forwarded"},
      {182, "Queued"},
      {183, "Session Progress"},
      {199, "Early Dialog Terminated"},
      {200, "OK"},
      {202, "Accepted"},
      {204, "No Notification"},
      {300, "Multiple Choices"},
      {301, "Moved Permanently"},
      {302, "Moved Temporarily"},
      {305, "Use Proxy"},
      {380, "Alternative Service"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {402, "Payment Required"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {406, "Not Acceptable"},
      {407, "Proxy Authentication Required"},
      {408, "Request Timeout"},
      {410, "Gone"},
      {412, "Conditional Request Failed"},
      {413, "Request Entity Too Large"},
      {414, "Request-URI Too Long"},
      {415, "Unsupported Media Type"},
      {416, "Unsupported URI Scheme"},
      {417, "Unknown Resource-Priority"},
      {420, "Bad Extension"},
      {421, "Extension Required"},
      {422, "Session Interval Too Small"},
      {423, "Interval Too Brief"},
      {428, "Use Identity Header"},
      {429, "Provide Referrer Identity"},
      {433, "Anonymity Disallowed"},
      {480, "Temporarily Unavailable"},
      {481, "Call/Transaction Does Not Exist"},
      {482, "Loop Detected"},
      {483, "Too Many Hops"},
      {484, "Address Incomplete"},
      {485, "Ambiguous"},
      {486, "Busy Here"},
      {487, "Request Terminated"},
      {488, "Not Acceptable Here"},
      {489, "Bad Event"},
      {491, "Request Pending"},
      {493, "Undecipherable"},
      {494, "Security Agreement Required"},
      {500, "Server Internal Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Server Time-out"},
      {505, "Version Not Supported"},
      {513, "Message Too Large"},
      {580, "Precondition Failure"},
      {600, "Busy Everywhere"},
      {603, "Decline"},
  }};
  for (const auto& [code, phrase] : kPhrases) {
    if (code == status) return phrase;
  }
  return "Unknown";
}

}  // namespace rtcsip::sip
