#pragma once
// The ICE agents' transport address is the media sockets' one.
#include "rtcsip/media/net/endpoint.hpp"

namespace rtcsip::media::ice {
using Endpoint = net::Endpoint;
}  // namespace rtcsip::media::ice
