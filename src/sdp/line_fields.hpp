#pragma once
// The values of the structured SDP lines (RFC 8866 §5 and §9): each returns
// nothing when the value does not follow the grammar. Values come without
// their "<type>=" and without trailing spaces.
#include <optional>
#include <string>
#include <string_view>

#include "rtcsip/sdp/session_description.hpp"

namespace rtcsip::sdp::fields {

std::optional<Origin> parse_origin(std::string_view value);
std::optional<Connection> parse_connection(std::string_view value);
std::optional<Bandwidth> parse_bandwidth(std::string_view value);
std::optional<Timing> parse_timing(std::string_view value);
std::optional<std::string> parse_repeat(std::string_view value);
std::optional<std::string> parse_zone(std::string_view value);
std::optional<MediaDescription> parse_media(std::string_view value);

}  // namespace rtcsip::sdp::fields
