#pragma once
// The relay stores, compares and hands back the media sockets' transport
// addresses: one value type for the whole media plane.
#include "rtcsip/media/net/endpoint.hpp"

namespace rtcsip::media::relay {
using Endpoint = net::Endpoint;
}  // namespace rtcsip::media::relay
