// Model -> SDP text: CRLF line endings and the line order of RFC 8866 §5,
// every field as held in the model, so that serialize(parse(x)) == x for
// well-formed input.
#include <initializer_list>
#include <string>

#include "rtcsip/sdp/parser.hpp"

namespace rtcsip::sdp {
namespace {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  // One "<type>=<parts...>" line.
  void put(char type, std::initializer_list<std::string_view> parts) {
    out_ += type;
    out_ += '=';
    for (const auto p : parts) out_ += p;
    out_ += "\r\n";
  }
  // Optional single-valued lines (i=, u=, z=, k=) are absent when empty.
  void put_if(char type, const std::string& value) {
    if (!value.empty()) put(type, {value});
  }
  void connection(const Connection& c) { put('c', {c.net_type, " ", c.addr_type, " ", c.address}); }
  void bandwidths(const std::vector<Bandwidth>& bs) {
    for (const auto& b : bs) put('b', {b.type, ":", std::to_string(b.value)});
  }
  void attributes(const std::vector<Attribute>& as) {
    for (const auto& a : as) {
      if (a.has_value)
        put('a', {a.name, ":", a.value});
      else
        put('a', {a.name});
    }
  }

 private:
  std::string& out_;
};

void write_session(Writer& w, const SessionDescription& sdp) {
  const auto& o = sdp.origin;
  w.put('v', {std::to_string(sdp.version)});
  w.put('o', {o.username, " ", o.session_id, " ", o.session_version, " ", o.net_type, " ", o.addr_type, " ",
              o.address});
  w.put('s', {sdp.session_name});
  w.put_if('i', sdp.information);
  w.put_if('u', sdp.uri);
  for (const auto& e : sdp.emails) w.put('e', {e});
  for (const auto& p : sdp.phones) w.put('p', {p});
  if (sdp.connection) w.connection(*sdp.connection);
  w.bandwidths(sdp.bandwidths);
  for (const auto& t : sdp.timings) {
    w.put('t', {t.start_stop});
    for (const auto& r : t.repeats) w.put('r', {r});
  }
  w.put_if('z', sdp.zone);
  w.put_if('k', sdp.key);
  w.attributes(sdp.attributes);
}

std::string media_line(const MediaDescription& m) {
  std::string line = m.media + ' ' + std::to_string(m.port);
  if (m.port_count) line += '/' + std::to_string(*m.port_count);
  line += ' ';
  line += m.proto;
  for (const auto& f : m.formats) line += ' ' + f;
  return line;
}

void write_media(Writer& w, const MediaDescription& m) {
  w.put('m', {media_line(m)});
  w.put_if('i', m.title);
  for (const auto& c : m.connections) w.connection(c);
  w.bandwidths(m.bandwidths);
  w.put_if('k', m.key);
  w.attributes(m.attributes);
}

}  // namespace

std::string serialize(const SessionDescription& sdp) {
  std::string out;
  out.reserve(256 + 48 * (sdp.attributes.size() + 12 * sdp.media.size()));
  Writer w(out);
  write_session(w, sdp);
  for (const auto& m : sdp.media) write_media(w, m);
  return out;
}

}  // namespace rtcsip::sdp
