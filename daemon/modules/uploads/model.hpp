#pragma once
// Uploaded files: PDFs for documents, images for news and ads. Bytes live in the FileStore (content-addressed); LMDB
// keeps what was checked about them.
#include <cstdint>
#include <string>

namespace osiedle::uploads {

// Stored as u8 — never renumber.
enum class Kind : uint8_t { kPdf = 1, kPng = 2, kJpeg = 3, kWebp = 4 };

struct Upload {
  std::string id;  // 64 hex digits of SHA-256 (FileStore id)
  Kind kind = Kind::kPdf;
  uint64_t size = 0;
  uint64_t uploaded_by = 0;  // user id of the first uploader
  int64_t uploaded_at = 0;   // unix seconds of the first upload
};

// "application/pdf", "image/png", "image/jpeg", "image/webp".
const char* MimeOf(Kind kind);
// "pdf", "png", "jpeg", "webp" (API and CSV spelling).
const char* NameOf(Kind kind);
inline bool IsImage(Kind k) { return k != Kind::kPdf; }

}  // namespace osiedle::uploads
