#include "rtcsip/media/relay/leg_counters.hpp"

#include <numeric>

namespace rtcsip::media::relay {

std::string_view to_string(DropReason reason) noexcept {
  switch (reason) {
    case DropReason::not_rtp:
      return "not_rtp";
    case DropReason::malformed_rtp:
      return "malformed_rtp";
    case DropReason::unknown_payload_type:
      return "unknown_payload_type";
    case DropReason::stranger:
      return "stranger";
    case DropReason::not_latched:
      return "not_latched";
    case DropReason::malformed_rtcp:
      return "malformed_rtcp";
    case DropReason::no_destination:
      return "no_destination";
    case DropReason::kCount:
      break;
  }
  return "unknown";
}

std::uint64_t LegCounters::total_dropped() const noexcept {
  return std::accumulate(dropped.begin(), dropped.end(), std::uint64_t{0});
}

}  // namespace rtcsip::media::relay
