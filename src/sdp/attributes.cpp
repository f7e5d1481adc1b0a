// Generic attribute access, media direction and the connection that applies
// to a section. The typed readers of RTP, ICE/DTLS and SDES attributes are in
// rtp_attributes.cpp, transport_attributes.cpp and crypto_attribute.cpp.
#include <algorithm>
#include <array>

#include "grammar.hpp"
#include "rtcsip/sdp/attributes.hpp"

namespace rtcsip::sdp {

const Attribute* find_attribute(const std::vector<Attribute>& attrs, std::string_view name) {
  const auto it =
      std::find_if(attrs.begin(), attrs.end(), [&](const Attribute& a) { return a.name == name; });
  return it == attrs.end() ? nullptr : &*it;
}

std::vector<const Attribute*> find_attributes(const std::vector<Attribute>& attrs, std::string_view name) {
  std::vector<const Attribute*> out;
  for (const auto& a : attrs) {
    if (a.name == name) out.push_back(&a);
  }
  return out;
}

bool has_attribute(const std::vector<Attribute>& attrs, std::string_view name) {
  return find_attribute(attrs, name) != nullptr;
}

void set_attribute(std::vector<Attribute>& attrs, std::string_view name, std::string value) {
  const bool has_value = !value.empty();
  for (auto& a : attrs) {
    if (a.name == name) {
      a.value = std::move(value);
      a.has_value = has_value;
      return;
    }
  }
  attrs.push_back(Attribute{std::string(name), std::move(value), has_value});
}

void add_attribute(std::vector<Attribute>& attrs, std::string_view name, std::string value, bool has_value) {
  // An empty value writes a flag attribute: "a=rtcp-mux", never "a=rtcp-mux:".
  has_value = has_value && !value.empty();
  if (!has_value) value.clear();
  attrs.push_back(Attribute{std::string(name), std::move(value), has_value});
}

std::size_t remove_attributes(std::vector<Attribute>& attrs, std::string_view name) {
  return std::erase_if(attrs, [&](const Attribute& a) { return a.name == name; });
}

// ---- media direction

namespace {

constexpr std::array<std::string_view, 4> kDirectionNames = {"sendrecv", "sendonly", "recvonly", "inactive"};

std::optional<Direction> direction_of(const Attribute& a) {
  if (a.has_value) return std::nullopt;
  for (std::size_t i = 0; i < kDirectionNames.size(); ++i) {
    if (a.name == kDirectionNames[i]) return static_cast<Direction>(i);
  }
  return std::nullopt;
}

std::optional<Direction> direction_in(const std::vector<Attribute>& attrs) {
  for (const auto& a : attrs) {
    if (auto d = direction_of(a)) return d;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Direction d) { return kDirectionNames.at(static_cast<std::size_t>(d)); }

// RFC 3264 §5.1 / RFC 8866 §6.7: a media-level direction overrides the
// session-level one; sendrecv when neither is present.
Direction direction(const SessionDescription& sdp, const MediaDescription& m) {
  if (auto d = direction_in(m.attributes)) return *d;
  return direction_in(sdp.attributes).value_or(Direction::sendrecv);
}

void set_direction(MediaDescription& m, Direction d) {
  auto& attrs = m.attributes;
  const auto first = std::find_if(attrs.begin(), attrs.end(),
                                  [](const Attribute& a) { return direction_of(a).has_value(); });
  const bool had_one = first != attrs.end();
  const auto at = first - attrs.begin();  // no direction line comes before it, so erasing keeps it valid
  std::erase_if(attrs, [](const Attribute& a) { return direction_of(a).has_value(); });
  Attribute line{std::string(to_string(d)), {}, false};
  // Keep the direction where the section had it; append when it had none.
  if (had_one) {
    attrs.insert(attrs.begin() + at, std::move(line));
  } else {
    attrs.push_back(std::move(line));
  }
}

Direction reverse(Direction d) {
  switch (d) {
    case Direction::sendonly:
      return Direction::recvonly;
    case Direction::recvonly:
      return Direction::sendonly;
    default:
      return d;
  }
}

std::optional<Connection> connection_of(const SessionDescription& sdp, const MediaDescription& m) {
  if (!m.connections.empty()) return m.connections.front();
  return sdp.connection;
}

// RFC 3264 §8.4: the RFC 2543 way to put a stream on hold is a c= address of
// all zeros; it still reaches us from older phones and PBXs.
bool is_legacy_hold(const SessionDescription& sdp, const MediaDescription& m) {
  const auto c = connection_of(sdp, m);
  if (!c) return false;
  const std::string_view address = std::string_view(c->address).substr(0, c->address.find('/'));
  return address == "0.0.0.0" || address == "::" || address == "0:0:0:0:0:0:0:0";
}

}  // namespace rtcsip::sdp
