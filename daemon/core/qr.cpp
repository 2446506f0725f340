#include "daemon/core/qr.hpp"

#include <qrencode.h>
#include <sodium.h>

#include <memory>

namespace osiedle::qr {

std::string Svg(std::string_view text) {
  std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M),
                                                       &QRcode_free);
  if (!code) return {};
  const int n = code->width;
  constexpr int kQuiet = 4;
  const int size = n + 2 * kQuiet;
  std::string path;
  path.reserve(static_cast<size_t>(n) * n * 4);
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      if (code->data[y * n + x] & 1) {
        path += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
      }
    }
  }
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
         std::to_string(size) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" " +
         "fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

std::string SvgDataUri(std::string_view text) {
  std::string svg = Svg(text);
  if (svg.empty()) return {};
  std::string b64(sodium_base64_encoded_len(svg.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(svg.data()), svg.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.size() - 1);  // the terminating NUL
  return "data:image/svg+xml;base64," + b64;
}

}  // namespace osiedle::qr
