#pragma once
// QR codes (libqrencode) as SVG, for TOTP enrolment and printed registration letters.
#include <string>
#include <string_view>

namespace osiedle::qr {

// An SVG image of the QR code for `text` (error correction level M, 4-module quiet zone), black on
// white, scalable. Empty string if `text` cannot be encoded (e.g. over ~2 KB). Thread-safe.
std::string Svg(std::string_view text);
// The same as a data: URI ("data:image/svg+xml;base64,...") for an <img src>.
std::string SvgDataUri(std::string_view text);

}  // namespace osiedle::qr
