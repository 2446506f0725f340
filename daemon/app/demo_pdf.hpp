#pragma once
// Genuine-looking PDFs for the demo documents, rendered at seed time with libharu and DejaVu Sans (Polish glyphs).
#include <string>
#include <vector>

namespace osiedle::app::demo {

inline constexpr char kPdfFont[] = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr char kPdfBoldFont[] = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// An A4 document under the cooperative's letterhead. Each block is one of: "## heading", "- bullet item",
// "? label" (a label followed by a dotted fill-in line, for printable forms), or a paragraph.
struct PdfText {
  std::string title;
  std::string subtitle;  // "" = none
  std::vector<std::string> blocks;
};

// The PDF bytes (UTF-8 text, wrapped to the page width, new pages as needed, page numbers in the footer). Throws
// std::runtime_error when libharu fails or the fonts are missing (package fonts-dejavu-core).
std::string RenderPdf(const PdfText& text);

}  // namespace osiedle::app::demo
