#pragma once
// The shared start of every PDF we draw with libharu (demo documents, registration letters): a document whose
// first error lands in an ErrorSink instead of a longjmp or abort. Header-only; include it only from .cpp files
// that link libharu (Debian libhpdf-dev).
#include <hpdf.h>

#include <memory>
#include <string>
#include <type_traits>

namespace osiedle::hpdf {

// The first error libharu reported (HPDF_OK while none).
struct ErrorSink {
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
};

inline void OnError(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
  auto* sink = static_cast<ErrorSink*>(user);
  if (sink->error == HPDF_OK) *sink = {error, detail};
}

using DocPtr = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)>;

// A new, compressed document reporting into `sink` (which must outlive it); null when libharu cannot start.
inline DocPtr NewDoc(ErrorSink& sink) {
  DocPtr doc(HPDF_New(OnError, &sink), HPDF_Free);
  if (doc) HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
  return doc;
}

// One line of text at (x, y) in `font` at `size`.
inline void TextAt(HPDF_Page page, HPDF_Font font, float size, float x, float y, const std::string& s) {
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, font, size);
  HPDF_Page_TextOut(page, x, y, s.c_str());
  HPDF_Page_EndText(page);
}

// The width of `s` in `font` at `size` (points).
inline float WidthOf(HPDF_Page page, HPDF_Font font, float size, const std::string& s) {
  HPDF_Page_SetFontAndSize(page, font, size);
  return HPDF_Page_TextWidth(page, s.c_str());
}

}  // namespace osiedle::hpdf
