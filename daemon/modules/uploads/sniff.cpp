#include "daemon/modules/uploads/sniff.hpp"

#include <cstdint>

namespace osiedle::uploads {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

uint32_t Be32(std::string_view s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) | (uint32_t(uint8_t(s[at + 2])) << 8) |
         uint32_t(uint8_t(s[at + 3]));
}

// "<number> <number> obj" — how an object (here: an xref stream) begins.
bool StartsWithObjectHeader(std::string_view s) {
  size_t i = 0;
  for (int part = 0; part < 2; ++part) {
    size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 10) ++i, ++digits;
    if (digits == 0 || i >= s.size() || s[i] != ' ') return false;
    ++i;
  }
  return s.substr(i, 3) == "obj";
}

Error Invalid(const char* code, const char* detail) { return MakeError(code, "file", detail); }

Result<Kind> CheckPdf(std::string_view b) {
  // Header: "%PDF-1.0" … "%PDF-1.7" or "%PDF-2.0".
  if (b.size() < 8 || !(b[5] == '1' || b[5] == '2') || b[6] != '.' || b[7] < '0' || b[7] > '9') {
    return Invalid("upload_pdf_invalid", "header");
  }
  // Trailer: "%%EOF" in the last KiB, preceded by "startxref" and an offset that points inside the file.
  std::string_view tail = b.substr(b.size() > 1024 ? b.size() - 1024 : 0);
  size_t eof = tail.rfind("%%EOF");
  if (eof == std::string_view::npos) return Invalid("upload_pdf_invalid", "no %%EOF");
  size_t sx = tail.rfind("startxref", eof);
  if (sx == std::string_view::npos) return Invalid("upload_pdf_invalid", "no startxref");
  std::string_view rest = tail.substr(sx + 9, eof - sx - 9);
  uint64_t offset = 0;
  bool digits = false;
  for (char c : rest) {
    if (c >= '0' && c <= '9') {
      if (offset > b.size()) break;
      offset = offset * 10 + static_cast<uint64_t>(c - '0');
      digits = true;
    } else if (digits || !(c == ' ' || c == '\r' || c == '\n' || c == '\t')) {
      break;
    }
  }
  if (!digits || offset == 0 || offset >= b.size()) return Invalid("upload_pdf_invalid", "startxref offset");
  // The xref section (or an xref stream object) starts there.
  std::string_view at = b.substr(offset);
  bool xref_table = StartsWith(at, "xref");
  bool xref_stream = StartsWithObjectHeader(at);
  if (!xref_table && !xref_stream) return Invalid("upload_pdf_invalid", "xref");
  // Body: at least one object and a document catalog.
  size_t obj = b.find(" obj");
  if (obj == std::string_view::npos || b.find("endobj", obj) == std::string_view::npos) {
    return Invalid("upload_pdf_invalid", "no objects");
  }
  if (b.find("/Root") == std::string_view::npos) return Invalid("upload_pdf_invalid", "no catalog");
  return Kind::kPdf;
}

Result<Kind> CheckPng(std::string_view b) {
  // Signature, then the first chunk must be IHDR (length 13) with non-zero width and height.
  if (b.size() < 8 + 8 + 13 + 4 || Be32(b, 8) != 13 || b.substr(12, 4) != "IHDR" || Be32(b, 16) == 0 ||
      Be32(b, 20) == 0) {
    return Invalid("upload_image_invalid", "png header");
  }
  if (b.find("IEND") == std::string_view::npos) return Invalid("upload_image_invalid", "png end");
  return Kind::kPng;
}

Result<Kind> CheckJpeg(std::string_view b) {
  // SOI ... EOI; some encoders pad after EOI, so look for it near the end.
  std::string_view tail = b.substr(b.size() > 64 ? b.size() - 64 : 0);
  if (b.size() < 4 || tail.rfind("\xFF\xD9") == std::string_view::npos) {
    return Invalid("upload_image_invalid", "jpeg end");
  }
  return Kind::kJpeg;
}

Result<Kind> CheckWebp(std::string_view b) {
  if (b.size() < 20) return Invalid("upload_image_invalid", "webp size");
  uint32_t riff_len = uint32_t(uint8_t(b[4])) | (uint32_t(uint8_t(b[5])) << 8) | (uint32_t(uint8_t(b[6])) << 16) |
                      (uint32_t(uint8_t(b[7])) << 24);
  std::string_view chunk = b.substr(12, 4);
  if (uint64_t(riff_len) + 8 > b.size() || !(chunk == "VP8 " || chunk == "VP8L" || chunk == "VP8X")) {
    return Invalid("upload_image_invalid", "webp chunk");
  }
  return Kind::kWebp;
}

}  // namespace

Result<Kind> Sniff(std::string_view b) {
  if (b.empty()) return MakeError("upload_empty", "file");
  if (StartsWith(b, "%PDF-")) return CheckPdf(b);
  if (StartsWith(b, "\x89PNG\r\n\x1a\n")) return CheckPng(b);
  if (StartsWith(b, "\xFF\xD8\xFF")) return CheckJpeg(b);
  if (StartsWith(b, "RIFF") && b.size() >= 12 && b.substr(8, 4) == "WEBP") return CheckWebp(b);
  return MakeError("upload_type_unsupported", "file");
}

const char* MimeOf(Kind kind) {
  switch (kind) {
    case Kind::kPdf: return "application/pdf";
    case Kind::kPng: return "image/png";
    case Kind::kJpeg: return "image/jpeg";
    case Kind::kWebp: return "image/webp";
  }
  return "application/octet-stream";
}

const char* NameOf(Kind kind) {
  switch (kind) {
    case Kind::kPdf: return "pdf";
    case Kind::kPng: return "png";
    case Kind::kJpeg: return "jpeg";
    case Kind::kWebp: return "webp";
  }
  return "unknown";
}

}  // namespace osiedle::uploads
