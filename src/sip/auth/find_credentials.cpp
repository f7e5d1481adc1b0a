#include <optional>
#include <string_view>

#include "ascii.hpp"
#include "rtcsip/sip/auth/server.hpp"
#include "rtcsip/sip/headers.hpp"

namespace rtcsip::sip::auth {

std::optional<std::string_view> find_credentials(const Message& request, HeaderId header,
                                                 std::string_view realm) {
  std::optional<std::string_view> first;
  std::optional<std::string_view> ours;
  request.for_each_value(header, [&](std::string_view value) {
    const auto auth = parse_auth(value);
    if (ours || !auth || !detail::iequals(auth->scheme, "Digest")) return;
    if (!first) first = value;
    const auto named = auth->get("realm");
    if (named && unquote(*named) == realm) ours = value;
  });
  return ours ? ours : first;
}

}  // namespace rtcsip::sip::auth
