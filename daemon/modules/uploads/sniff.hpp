#pragma once
// Decides what an upload is from its bytes, never from a name or a client's Content-Type.
#include <string_view>

#include "daemon/core/result.hpp"
#include "daemon/modules/uploads/model.hpp"

namespace osiedle::uploads {

// PDF: starts with "%PDF-1.<digit>" or "%PDF-2.0", has "startxref" followed by an offset inside the file and "%%EOF"
// in its last 1 KiB, and at least one "obj" ... "endobj" and a "/Root" (catalog) reference. PNG: signature + IHDR
// chunk with non-zero size. JPEG: FF D8 FF ... FF D9. WebP: "RIFF" <len> "WEBP" with a VP8/VP8L/VP8X chunk.
// Errors (field "file"): "upload_empty", "upload_type_unsupported" (none of these), "upload_pdf_invalid" (PDF magic
// but broken structure), "upload_image_invalid".
Result<Kind> Sniff(std::string_view bytes);

}  // namespace osiedle::uploads
