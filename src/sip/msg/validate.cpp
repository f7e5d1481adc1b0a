#include "rtcsip/sip/headers.hpp"
#include "rtcsip/sip/message.hpp"

namespace rtcsip::sip {
namespace {

std::optional<ParseError> exactly_one(const Message& m, HeaderId id, std::string_view missing,
                                      std::string_view repeated) {
  const std::size_t n = m.count(id);
  if (n == 0) return ParseError{missing, 0};
  if (n > 1) return ParseError{repeated, 0};
  return std::nullopt;
}

std::optional<ParseError> check_address(const Message& m, HeaderId id, std::string_view missing,
                                        std::string_view repeated, std::string_view malformed) {
  if (auto e = exactly_one(m, id, missing, repeated)) return e;
  if (!parse_name_addr(m.header(id))) return ParseError{malformed, 0};
  return std::nullopt;
}

}  // namespace

std::optional<ParseError> validate(const Message& m) {
  // RFC 3261 §8.1.1: To, From, CSeq, Call-ID, Max-Forwards and Via.
  if (m.count(HeaderId::via) == 0) return ParseError{"Missing Via header", 0};
  std::optional<ParseError> bad_via;
  m.for_each_value(HeaderId::via, [&](std::string_view v) {
    if (!bad_via && !parse_via(v)) bad_via = ParseError{"Malformed Via header", 0};
  });
  if (bad_via) return bad_via;
  if (auto e = check_address(m, HeaderId::from, "Missing From header", "More than one From header",
                             "Malformed From header")) {
    return e;
  }
  if (auto e = check_address(m, HeaderId::to, "Missing To header", "More than one To header",
                             "Malformed To header")) {
    return e;
  }
  if (auto e = exactly_one(m, HeaderId::call_id, "Missing Call-ID header", "More than one Call-ID header"))
    return e;
  if (!parse_call_id(m.header(HeaderId::call_id))) return ParseError{"Malformed Call-ID header", 0};
  if (auto e = exactly_one(m, HeaderId::cseq, "Missing CSeq header", "More than one CSeq header")) return e;
  auto cseq = parse_cseq(m.header(HeaderId::cseq));
  if (!cseq) return ParseError{"Malformed CSeq header", 0};
  if (m.count(HeaderId::max_forwards) > 1) return ParseError{"More than one Max-Forwards header", 0};
  if (const HeaderField* mf = m.find(HeaderId::max_forwards); mf && !parse_number(mf->value, 255)) {
    return ParseError{"Malformed Max-Forwards header", 0};
  }
  if (const HeaderField* ct = m.find(HeaderId::content_type); ct && !parse_content_type(ct->value)) {
    return ParseError{"Malformed Content-Type header", 0};
  }
  for (HeaderId id : {HeaderId::expires, HeaderId::min_expires}) {
    if (const HeaderField* f = m.find(id); f && !parse_number(f->value))
      return ParseError{"Malformed Expires header", 0};
  }
  if (m.is_request()) {
    // RFC 3261 §8.2.2.3 and §12.2.1.1: the CSeq method is the request method.
    if (cseq->method_text != m.method_text())
      return ParseError{"CSeq method does not match the request method", 0};
    auto ruri = parse_uri(m.request_uri());
    if (!ruri) return ParseError{"Malformed Request-URI", 0};
    // RFC 3261 §19.1.5: headers are not allowed in a Request-URI.
    if (ruri->is_sip() && !ruri->headers.empty()) return ParseError{"Headers in the Request-URI", 0};
  }
  for (HeaderId id : {HeaderId::contact, HeaderId::route, HeaderId::record_route}) {
    std::optional<ParseError> bad;
    m.for_each_value(id, [&](std::string_view v) {
      if (bad) return;
      const bool ok = id == HeaderId::contact ? parse_contact(v).ok() : parse_name_addr(v).ok();
      if (!ok) {
        bad = ParseError{id == HeaderId::contact ? "Malformed Contact header"
                         : id == HeaderId::route ? "Malformed Route header"
                                                 : "Malformed Record-Route header",
                         0};
      }
    });
    if (bad) return bad;
  }
  return std::nullopt;
}

}  // namespace rtcsip::sip
