#pragma once
// multipart/* bodies (RFC 2046 §5.1): the parts of a body, each with its
// header fields and content, as views into the body.
#include <optional>
#include <string_view>
#include <vector>

#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip {

struct BodyPart {
  std::vector<HeaderField> fields;
  std::string_view content;
  [[nodiscard]] std::string_view header(HeaderId id) const;
  // The part's Content-Type; text/plain when it has none (RFC 2046 §5.1).
  [[nodiscard]] std::string_view content_type() const;
};

// Splits a multipart body at the boundary from its Content-Type.
ParseResult<std::vector<BodyPart>> parse_multipart(const ContentType& type, std::string_view body);

// The SDP of a message: the body when it is application/sdp, or the first
// application/sdp part of a multipart/mixed or multipart/alternative body.
std::optional<std::string_view> find_sdp(const Message& message);

}  // namespace rtcsip::sip
