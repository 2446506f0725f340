#pragma once
// The shared start of every PDF we draw with libharu (demo documents, registration letters): a document whose
// first error lands in an ErrorSink instead of a longjmp or abort. Header-only; include it only from .cpp files
// that link libharu (Debian libhpdf-dev).
#include <hpdf.h>

#include <memory>
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

}  // namespace osiedle::hpdf
