// libharu rendering of the demo documents: letterhead, title, wrapped paragraphs, bullets and fill-in lines.
#include "daemon/app/demo_pdf.hpp"

#include <hpdf.h>

#include <stdexcept>
#include <string_view>

#include "daemon/core/hpdf_doc.hpp"
#include "daemon/core/text_layout.hpp"

namespace osiedle::app::demo {
namespace {

constexpr float kMargin = 64;
constexpr float kBodySize = 10.5f;
constexpr float kLeading = 15;
constexpr char kLetterhead[] = "Spółdzielnia Mieszkaniowa „Lazurowa” w Warszawie";
constexpr char kAddress[] = "ul. Lazurowa 14, 01-315 Warszawa · tel. +48 22 664 21 00 · biuro@lazurowa.demo";

// Lays text out top-down, starting new pages as needed.
class Writer {
 public:
  Writer(HPDF_Doc pdf, HPDF_Font regular, HPDF_Font bold) : pdf_(pdf), regular_(regular), bold_(bold) { NewPage(); }

  void Title(const std::string& title, const std::string& subtitle) {
    Space(10);
    Wrapped(title, bold_, 16, 0, 21);
    if (!subtitle.empty()) Wrapped(subtitle, regular_, 11, 0, 16);
    Space(12);
  }

  void Block(std::string_view b) {
    if (b.substr(0, 3) == "## ") {
      Space(8);
      Wrapped(std::string(b.substr(3)), bold_, 12, 0, 17);
      Space(3);
    } else if (b.substr(0, 2) == "- ") {
      Need(kLeading);
      Text(regular_, kBodySize, kMargin + 8, y_ - kLeading + 4, "•");
      Wrapped(std::string(b.substr(2)), regular_, kBodySize, 22, kLeading);
      Space(2);
    } else if (b.substr(0, 2) == "? ") {
      Field(std::string(b.substr(2)));
    } else {
      Wrapped(std::string(b), regular_, kBodySize, 0, kLeading);
      Space(6);
    }
  }

 private:
  void NewPage() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    width_ = HPDF_Page_GetWidth(page_);
    const float top = HPDF_Page_GetHeight(page_) - 48;
    Text(bold_, 10, kMargin, top, kLetterhead);
    Text(regular_, 8, kMargin, top - 12, kAddress);
    HPDF_Page_SetLineWidth(page_, 0.6f);
    HPDF_Page_MoveTo(page_, kMargin, top - 20);
    HPDF_Page_LineTo(page_, width_ - kMargin, top - 20);
    HPDF_Page_Stroke(page_);
    Text(regular_, 8, width_ / 2 - 20, 36, "Strona " + std::to_string(++pages_));
    y_ = top - 36;
  }
  void Need(float h) {
    if (y_ - h < 60) NewPage();
  }
  void Space(float h) { y_ -= h; }
  void Text(HPDF_Font font, float size, float x, float y, const std::string& s) {
    hpdf::TextAt(page_, font, size, x, y, s);
  }
  float WidthOf(HPDF_Font font, float size, const std::string& s) { return hpdf::WidthOf(page_, font, size, s); }
  // Greedy word wrap to the page width less `indent`.
  void Wrapped(const std::string& text, HPDF_Font font, float size, float indent, float leading) {
    const float max = width_ - 2 * kMargin - indent;
    auto fits = [&](const std::string& line) { return WidthOf(font, size, line) <= max; };
    for (const std::string& line : text_layout::WrapWords(text, fits)) {
      Need(leading);
      y_ -= leading;
      Text(font, size, kMargin + indent, y_ + 4, line);
    }
  }
  // "Label: ......" with the dots filling the line.
  void Field(const std::string& label) {
    Need(26);
    y_ -= 26;
    Text(regular_, kBodySize, kMargin, y_ + 4, label);
    const float x = kMargin + WidthOf(regular_, kBodySize, label) + 6;
    HPDF_Page_SetDash(page_, nullptr, 0, 0);
    const HPDF_UINT16 dots[] = {1, 2};
    HPDF_Page_SetDash(page_, dots, 2, 0);
    HPDF_Page_MoveTo(page_, x, y_ + 3);
    HPDF_Page_LineTo(page_, width_ - kMargin, y_ + 3);
    HPDF_Page_Stroke(page_);
    HPDF_Page_SetDash(page_, nullptr, 0, 0);
  }

  HPDF_Doc pdf_;
  HPDF_Font regular_;
  HPDF_Font bold_;
  HPDF_Page page_ = nullptr;
  float width_ = 0;
  float y_ = 0;
  int pages_ = 0;
};

}  // namespace

std::string RenderPdf(const PdfText& text) {
  hpdf::ErrorSink sink;
  hpdf::DocPtr pdf = hpdf::NewDoc(sink);
  if (!pdf) throw std::runtime_error("demo pdf: libharu could not start");
  HPDF_UseUTFEncodings(pdf.get());
  const char* regular_name = HPDF_LoadTTFontFromFile(pdf.get(), kPdfFont, HPDF_TRUE);
  const char* bold_name = HPDF_LoadTTFontFromFile(pdf.get(), kPdfBoldFont, HPDF_TRUE);
  if (regular_name == nullptr || bold_name == nullptr) {
    throw std::runtime_error(std::string("demo pdf: cannot load ") + kPdfFont + " (install fonts-dejavu-core)");
  }
  HPDF_Font regular = HPDF_GetFont(pdf.get(), regular_name, "UTF-8");
  HPDF_Font bold = HPDF_GetFont(pdf.get(), bold_name, "UTF-8");
  if (regular == nullptr || bold == nullptr) throw std::runtime_error("demo pdf: no UTF-8 encoder");
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_CREATOR, "Osiedle");
  {
    Writer w(pdf.get(), regular, bold);
    w.Title(text.title, text.subtitle);
    for (const auto& b : text.blocks) w.Block(b);
  }
  if (HPDF_SaveToStream(pdf.get()) != HPDF_OK || sink.error != HPDF_OK) {
    throw std::runtime_error("demo pdf: libharu error " + std::to_string(sink.error) + "/" +
                             std::to_string(sink.detail) + " in \"" + text.title + "\"");
  }
  std::string out(HPDF_GetStreamSize(pdf.get()), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  const HPDF_STATUS read = HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  if (read != HPDF_OK && read != HPDF_STREAM_EOF) throw std::runtime_error("demo pdf: cannot read the stream");
  out.resize(size);
  return out;
}

}  // namespace osiedle::app::demo
