#include "inbound.hpp"

#include <string>

#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool has_answerable_headers(const Message& m) {
  for (HeaderId id : {HeaderId::via, HeaderId::from, HeaderId::to, HeaderId::call_id, HeaderId::cseq}) {
    if (m.header(id).empty()) return false;
  }
  return true;
}

}  // namespace

void stamp_via(Message& request, const Address& source) {
  const std::vector<std::string_view> vias = request.values(HeaderId::via);
  if (vias.empty()) return;
  auto via = parse_via(vias.front());
  if (!via) return;
  const bool wants_rport = via->rport().has_value();
  if (!wants_rport && via->host == source.ip) return;
  std::string value;
  value.append(via->protocol_name)
      .append("/")
      .append(via->protocol_version)
      .append("/")
      .append(via->transport);
  value.append(" ");
  if (via->host_type == HostType::ipv6) {
    value.append("[").append(via->host).append("]");
  } else {
    value.append(via->host);
  }
  if (via->port) value.append(":").append(std::to_string(*via->port));
  via->params.for_each([&](std::string_view name, std::string_view v, bool has_value) {
    if (name == "received" || name == "rport") return;
    value.append(";").append(name);
    if (has_value) {
      // Quoted values were unquoted by the parser; quote them again.
      const bool needs_quotes = v.find_first_of(" \t;,\"") != std::string_view::npos;
      value.append("=");
      if (needs_quotes) value.append("\"");
      value.append(v);
      if (needs_quotes) value.append("\"");
    }
  });
  // RFC 3261 §18.2.1: received is added when sent-by differs from the source;
  // RFC 3581 §4: with rport it is always added, with the source port.
  const bool v6 = source.ip.find(':') != std::string::npos;
  value.append(";received=").append(v6 ? "[" + source.ip + "]" : source.ip);
  if (wants_rport) value.append(";rport=").append(std::to_string(source.port));
  request.pop_via();
  request.push_via(std::move(value));
}

std::optional<Message> salvage_answer(std::string_view bytes, int status, std::string_view reason) {
  while (!bytes.empty() && (bytes.front() == '\r' || bytes.front() == '\n')) bytes.remove_prefix(1);
  const std::size_t first_nl = bytes.find('\n');
  if (first_nl == std::string_view::npos) return std::nullopt;
  const std::string_view start = trim(bytes.substr(0, first_nl));
  // Only requests are answered; a broken response is dropped.
  if (start.size() < 4 || start.substr(0, 4) == "SIP/" || start.find(' ') == std::string_view::npos) {
    return std::nullopt;
  }
  Message answer = Message::response(status, std::string(reason));
  std::string from, to, call_id, cseq;
  std::vector<std::string> vias;
  std::size_t pos = first_nl + 1;
  while (pos < bytes.size()) {
    const std::size_t nl = bytes.find('\n', pos);
    const std::string_view line = trim(bytes.substr(pos, nl == std::string_view::npos ? nl : nl - pos));
    if (line.empty()) break;
    pos = nl == std::string_view::npos ? bytes.size() : nl + 1;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string value(trim(line.substr(colon + 1)));
    switch (header_id(trim(line.substr(0, colon)))) {
      case HeaderId::via:
        vias.push_back(value);
        break;
      case HeaderId::from:
        if (from.empty()) from = value;
        break;
      case HeaderId::to:
        if (to.empty()) to = value;
        break;
      case HeaderId::call_id:
        if (call_id.empty()) call_id = value;
        break;
      case HeaderId::cseq:
        if (cseq.empty()) cseq = value;
        break;
      default:
        break;
    }
  }
  if (vias.empty() || from.empty() || to.empty() || call_id.empty() || cseq.empty()) return std::nullopt;
  for (auto& v : vias) answer.add_header(HeaderId::via, std::move(v));
  answer.add_header(HeaderId::from, std::move(from));
  answer.add_header(HeaderId::to, std::move(to));
  answer.add_header(HeaderId::call_id, std::move(call_id));
  answer.add_header(HeaderId::cseq, std::move(cseq));
  return answer;
}

InboundResult process_inbound(Message::Buffer bytes, const Peer& from, const Address& local, bool datagram,
                              std::size_t max_message_size) {
  InboundResult r;
  if (bytes->size() > max_message_size) {
    r.problem = "Request Entity Too Large";
    r.answer = salvage_answer(*bytes, 413, "Request Entity Too Large");
    return r;
  }
  auto parsed = Message::parse(bytes, ParseOptions{.datagram = datagram});
  if (!parsed) {
    r.problem = parsed.error().reason;
    r.answer = salvage_answer(*bytes, 400, parsed.error().reason);
    return r;
  }
  if (auto problem = validate(*parsed)) {
    r.problem = problem->reason;
    if (parsed->is_request() && parsed->method() != Method::ack && !parsed->header(HeaderId::via).empty()) {
      if (has_answerable_headers(*parsed)) {
        r.answer = make_response(*parsed, 400, std::string(problem->reason));
      } else {
        r.answer = salvage_answer(*bytes, 400, problem->reason);
      }
    }
    return r;
  }
  if (parsed->is_request()) stamp_via(*parsed, from.address);
  r.incoming = Incoming{std::move(*parsed), from, local};
  return r;
}

}  // namespace rtcsip::sip::detail
