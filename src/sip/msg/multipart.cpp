#include "rtcsip/sip/multipart.hpp"

#include "charclass.hpp"

namespace rtcsip::sip {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && detail::is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && (detail::is_ws(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Headers of one part: lines up to an empty line; the rest is content.
std::optional<BodyPart> parse_part(std::string_view text) {
  BodyPart part;
  std::size_t i = 0;
  // A part may start directly with its content after an empty line.
  while (i < text.size()) {
    const std::size_t nl = text.find('\n', i);
    const std::string_view line =
        text.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    const std::string_view bare =
        line.empty() || line.back() != '\r' ? line : line.substr(0, line.size() - 1);
    if (bare.empty()) {
      part.content = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      return part;
    }
    const std::size_t colon = bare.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view name = trim(bare.substr(0, colon));
    part.fields.push_back(HeaderField{header_id(name), name, trim(bare.substr(colon + 1))});
    if (nl == std::string_view::npos) break;
    i = nl + 1;
  }
  return std::nullopt;  // no empty line after the part headers
}

}  // namespace

std::string_view BodyPart::header(HeaderId id) const {
  for (const auto& f : fields) {
    if (f.id == id) return f.value;
  }
  return {};
}

std::string_view BodyPart::content_type() const {
  const std::string_view ct = header(HeaderId::content_type);
  return ct.empty() ? "text/plain" : ct;
}

ParseResult<std::vector<BodyPart>> parse_multipart(const ContentType& type, std::string_view body) {
  if (!detail::iequals(type.type, "multipart")) return ParseError{"Not a multipart body", 0};
  const auto boundary = type.params.get("boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70)
    return ParseError{"Missing multipart boundary", 0};
  std::string delimiter = "--";
  delimiter.append(*boundary);
  std::vector<BodyPart> parts;
  // The first delimiter may be at the very start or after a preamble.
  std::size_t pos = body.substr(0, delimiter.size()) == delimiter ? 0 : body.find("\n" + delimiter);
  if (pos == std::string_view::npos) return ParseError{"Multipart boundary not found", 0};
  if (pos != 0) ++pos;
  for (;;) {
    std::size_t after = pos + delimiter.size();
    if (body.substr(after, 2) == "--") return parts;  // close-delimiter
    const std::size_t line_end = body.find('\n', after);
    if (line_end == std::string_view::npos) return ParseError{"Unterminated multipart body", after};
    const std::size_t start = line_end + 1;
    const std::size_t next = body.find("\n" + delimiter, start);
    if (next == std::string_view::npos) return ParseError{"Unterminated multipart body", start};
    // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    std::size_t end = next;
    if (end > start && body[end - 1] == '\r') --end;
    auto part = parse_part(body.substr(start, end - start));
    if (!part) return ParseError{"Malformed multipart part headers", start};
    parts.push_back(std::move(*part));
    pos = next + 1;
  }
}

std::optional<std::string_view> find_sdp(const Message& message) {
  auto type = parse_content_type(message.header(HeaderId::content_type));
  if (!type) return std::nullopt;
  if (type->is("application", "sdp")) return message.body();
  auto parts = parse_multipart(*type, message.body());
  if (!parts) return std::nullopt;
  for (const auto& p : *parts) {
    auto pt = parse_content_type(p.content_type());
    if (pt && pt->is("application", "sdp")) return p.content;
  }
  return std::nullopt;
}

}  // namespace rtcsip::sip
