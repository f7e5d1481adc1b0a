#pragma once
// OpenSSL's per-thread error queue, read and emptied into one line of text.
#include <string>

namespace rtcsip::media::dtls {

// "reason; reason" for every queued error (oldest first); empty when none.
// Sets *peer_gave_no_certificate when one of them says so.
std::string drain_openssl_errors(bool* peer_gave_no_certificate = nullptr);

}  // namespace rtcsip::media::dtls
