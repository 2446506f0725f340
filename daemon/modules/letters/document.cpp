// The registration letter PDF (libharu) and the mail-merge CSV.
#include "daemon/modules/letters/document.hpp"

#include <hpdf.h>
#include <qrencode.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "daemon/core/csv.hpp"
#include "daemon/core/hpdf_doc.hpp"
#include "daemon/core/text_layout.hpp"

namespace osiedle::letters {
namespace {

constexpr float kMargin = 56;
constexpr float kBodySize = 12;  // large enough for elderly readers
constexpr float kLeading = 16.5f;
constexpr size_t kMaxLogoBytes = 5 << 20;

struct Fonts {
  HPDF_Font regular = nullptr, bold = nullptr, code = nullptr;
};

std::string ReadFile(const std::string& path, size_t max) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string out;
  out.resize(max + 1);
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<size_t>(in.gcount()));
  return out.size() > max ? std::string() : out;
}

// The logo when the file is a PNG or JPEG by content; nullptr otherwise (a letter without a logo beats
// no letter).
HPDF_Image LoadLogo(HPDF_Doc pdf, const std::string& path, hpdf::ErrorSink& sink) {
  if (path.empty()) return nullptr;
  const std::string bytes = ReadFile(path, kMaxLogoBytes);
  const auto* data = reinterpret_cast<const HPDF_BYTE*>(bytes.data());
  const auto size = static_cast<HPDF_UINT>(bytes.size());
  HPDF_Image image = nullptr;
  if (bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0) {
    image = HPDF_LoadPngImageFromMem(pdf, data, size);
  } else if (bytes.rfind("\xFF\xD8\xFF", 0) == 0) {
    image = HPDF_LoadJpegImageFromMem(pdf, data, size);
  }
  if (image == nullptr) {
    HPDF_ResetError(pdf);
    sink = {};
  }
  return image;
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// One letter's page, laid out top-down from y_.
class Page {
 public:
  Page(HPDF_Doc pdf, const Fonts& fonts) : page_(HPDF_AddPage(pdf)), fonts_(fonts) {
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    width_ = HPDF_Page_GetWidth(page_);
    y_ = HPDF_Page_GetHeight(page_) - 48;
  }

  void Header(const Letterhead& head, HPDF_Image logo) {
    float x = kMargin;
    const float top = y_;
    if (logo != nullptr) {
      const float iw = static_cast<float>(HPDF_Image_GetWidth(logo));
      const float ih = static_cast<float>(HPDF_Image_GetHeight(logo));
      if (iw > 0 && ih > 0) {
        const float scale = std::min(48 / ih, 140 / iw);
        HPDF_Page_DrawImage(page_, logo, kMargin, top - ih * scale, iw * scale, ih * scale);
        x += iw * scale + 14;
      }
    }
    Text(fonts_.bold, 13, x, top - 13, head.name);
    const std::string contact = Join({head.phone.empty() ? "" : "tel. " + head.phone, head.email}, "  ·  ");
    const std::string ids = Join({head.nip.empty() ? "" : "NIP " + head.nip, head.public_url}, "  ·  ");
    float line = top - 28;
    for (const std::string& s : {head.address, contact, ids}) {
      if (s.empty()) continue;
      Text(fonts_.regular, 9, x, line, s);
      line -= 12;
    }
    y_ = std::min(line, top - 52) - 6;
    HPDF_Page_SetLineWidth(page_, 0.7f);
    HPDF_Page_MoveTo(page_, kMargin, y_);
    HPDF_Page_LineTo(page_, width_ - kMargin, y_);
    HPDF_Page_Stroke(page_);
    y_ -= 26;
  }

  // Lines in the right half, as an envelope window expects.
  void Addressee(const IssuedLetter& l) {
    const float x = width_ / 2 + 10;
    const float max = width_ - kMargin - x;
    std::vector<std::string> lines = {"Właściciel lokalu " + l.flat_number + ",", l.building_address};
    if (!l.staircase.empty()) lines.back() += ", klatka " + l.staircase;
    if (!l.estate_name.empty()) lines.push_back(l.estate_name);
    for (const std::string& s : lines) Wrapped(s, fonts_.bold, kBodySize, x, max, kLeading);
    y_ -= 22;
  }

  void Title(const std::string& s) {
    Wrapped(s, fonts_.bold, 16, kMargin, width_ - 2 * kMargin, 21);
    y_ -= 8;
  }

  // A paragraph over the text width; `indent` for numbered steps (the number hangs in the indent).
  void Paragraph(const std::string& s, float indent = 0, const std::string& label = "", HPDF_Font font = nullptr) {
    if (!label.empty()) Text(fonts_.bold, kBodySize, kMargin, y_ - kLeading + 4, label);
    Wrapped(s, font ? font : fonts_.regular, kBodySize, kMargin + indent, width_ - 2 * kMargin - indent, kLeading);
    y_ -= 6;
  }

  void Space(float h) { y_ -= h; }

  // The framed box: the code in large type and the form's address on the left, the QR code on the right.
  void CodeBox(const IssuedLetter& l) {
    const float qr = 124;
    const float h = qr + 16;
    const float top = y_;
    HPDF_Page_SetLineWidth(page_, 1.2f);
    HPDF_Page_Rectangle(page_, kMargin, top - h, width_ - 2 * kMargin, h);
    HPDF_Page_Stroke(page_);
    const float left = kMargin + 16;
    const float text_max = width_ - 2 * kMargin - qr - 40;
    Text(fonts_.regular, 11, left, top - 26, "Państwa kod rejestracyjny:");
    Text(fonts_.code, 25, left, top - 60, l.code);
    Text(fonts_.regular, 9, left, top - 84, "Adres formularza (zamiast kodu QR):");
    y_ = top - 88;
    WrappedChars(l.url, fonts_.regular, 8.5f, left, text_max, 11);
    Qr(l.url, width_ - kMargin - qr - 8, top - 8, qr);
    y_ = top - h - 18;
  }

  float y() const { return y_; }

 private:
  void Text(HPDF_Font font, float size, float x, float y, const std::string& s) {
    hpdf::TextAt(page_, font, size, x, y, s);
  }
  float WidthOf(HPDF_Font font, float size, const std::string& s) { return hpdf::WidthOf(page_, font, size, s); }
  // Greedy word wrap between x and x + max.
  void Wrapped(const std::string& text, HPDF_Font font, float size, float x, float max, float leading) {
    auto fits = [&](const std::string& line) { return WidthOf(font, size, line) <= max; };
    for (const std::string& line : text_layout::WrapWords(text, fits)) {
      y_ -= leading;
      Text(font, size, x, y_ + 4, line);
    }
  }
  // Wrap at any character (a URL has no spaces). REQUIRES: ASCII text.
  void WrappedChars(const std::string& text, HPDF_Font font, float size, float x, float max, float leading) {
    std::string line;
    for (char c : text) {
      if (!line.empty() && WidthOf(font, size, line + c) > max) {
        y_ -= leading;
        Text(font, size, x, y_ + 4, line);
        line.clear();
      }
      line.push_back(c);
    }
    if (!line.empty()) {
      y_ -= leading;
      Text(font, size, x, y_ + 4, line);
    }
  }
  // The QR code (level M, 4-module quiet zone) as filled squares in a size×size square whose top-left
  // corner is (x, top). Dark modules of a row are merged into runs to keep the page small.
  void Qr(const std::string& text, float x, float top, float size) {
    QRcode* q = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == nullptr) return;  // too long to encode: the letter still has the code and the address
    const int n = q->width;
    const float m = size / static_cast<float>(n + 8);
    for (int row = 0; row < n; ++row) {
      for (int col = 0; col < n;) {
        if (!(q->data[row * n + col] & 1)) {
          ++col;
          continue;
        }
        int end = col;
        while (end < n && (q->data[row * n + end] & 1)) ++end;
        // A hair of overlap so that no seam shows between rows when printed.
        HPDF_Page_Rectangle(page_, x + (col + 4) * m, top - (row + 5) * m, (end - col) * m + 0.05f, m + 0.05f);
        col = end;
      }
    }
    HPDF_Page_Fill(page_);
    QRcode_free(q);
  }

  HPDF_Page page_;
  const Fonts& fonts_;
  float width_ = 0;
  float y_ = 0;
};

void DrawLetter(HPDF_Doc pdf, const Fonts& fonts, HPDF_Image logo, const Letterhead& head, const IssuedLetter& l) {
  Page p(pdf, fonts);
  p.Header(head, logo);
  p.Addressee(l);
  p.Title("Zaproszenie do portalu mieszkańców");
  const std::string who = head.name.empty() ? "nasza spółdzielnia" : head.name;
  p.Paragraph("Szanowni Państwo,");
  p.Paragraph("zapraszamy do portalu mieszkańców, który prowadzi " + who +
              ". To strona internetowa, na której w telefonie lub komputerze znajdą Państwo aktualności "
              "spółdzielni, informacje o awariach i przerwach w dostawach, dokumenty oraz kontakt z biurem.");
  p.Paragraph("Jak założyć konto — trzy proste kroki:", 0, "", fonts.bold);
  p.Paragraph(
      "Proszę zeskanować aparatem telefonu kod QR z ramki poniżej albo wpisać w przeglądarce adres "
      "podany w ramce.",
      20, "1.");
  p.Paragraph(
      "W formularzu proszę podać imię i nazwisko, adres e-mail oraz wymyślić hasło. Budynek, numer "
      "lokalu i kod będą już wpisane (jeśli nie — proszę je przepisać z tego listu).",
      20, "2.");
  p.Paragraph("Proszę zatwierdzić formularz. Konto działa od razu, bez czekania na weryfikację w biurze.", 20, "3.");
  p.Space(4);
  p.CodeBox(l);
  p.Paragraph(
      "Kod jest jednorazowy i przypisany wyłącznie do Państwa lokalu — prosimy nie przekazywać go innym "
      "osobom. Po rejestracji kod przestaje działać; w razie jego utraty biuro wyda nowy.");
  const std::string contact = Join(
      {head.address, head.phone.empty() ? "" : "tel. " + head.phone, head.email.empty() ? "" : "e-mail " + head.email},
      ", ");
  p.Paragraph("Chętnie pomożemy założyć konto. W razie pytań zapraszamy do biura" +
              (contact.empty() ? std::string(".") : ": " + contact + "."));
  p.Space(6);
  p.Paragraph("Z wyrazami szacunku");
  if (!head.name.empty()) p.Paragraph(head.name);
}

Status LoadFonts(HPDF_Doc pdf, Fonts* fonts) {
  HPDF_UseUTFEncodings(pdf);
  const char* regular = HPDF_LoadTTFontFromFile(pdf, kFontRegular, HPDF_TRUE);
  const char* bold = HPDF_LoadTTFontFromFile(pdf, kFontBold, HPDF_TRUE);
  const char* code = HPDF_LoadTTFontFromFile(pdf, kFontCode, HPDF_TRUE);
  if (regular == nullptr || bold == nullptr || code == nullptr) {
    return MakeError("internal", "", "letters: cannot load the DejaVu fonts (install fonts-dejavu-core)");
  }
  fonts->regular = HPDF_GetFont(pdf, regular, "UTF-8");
  fonts->bold = HPDF_GetFont(pdf, bold, "UTF-8");
  fonts->code = HPDF_GetFont(pdf, code, "UTF-8");
  if (fonts->regular == nullptr || fonts->bold == nullptr || fonts->code == nullptr) {
    return MakeError("internal", "", "letters: libharu has no UTF-8 encoder");
  }
  return Ok{};
}

}  // namespace

Status CheckPdfFonts() {
  for (const char* path : {kFontRegular, kFontBold, kFontCode}) {
    if (!std::ifstream(path, std::ios::binary)) {
      return MakeError("internal", "", std::string("letters: missing font ") + path + " (fonts-dejavu-core)");
    }
  }
  return Ok{};
}

Result<std::string> RenderPdf(const Letterhead& head, const std::vector<IssuedLetter>& letters) {
  OSIEDLE_RETURN_IF_ERROR(CheckPdfFonts());
  hpdf::ErrorSink sink;
  hpdf::DocPtr pdf = hpdf::NewDoc(sink);
  if (!pdf) return MakeError("internal", "", "letters: libharu could not start");
  Fonts fonts;
  OSIEDLE_RETURN_IF_ERROR(LoadFonts(pdf.get(), &fonts));
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_CREATOR, "Osiedle");
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_TITLE, "Listy rejestracyjne");
  HPDF_Image logo = LoadLogo(pdf.get(), head.logo_path, sink);
  for (const IssuedLetter& l : letters) {
    DrawLetter(pdf.get(), fonts, logo, head, l);
    if (sink.error != HPDF_OK) break;
  }
  if (sink.error != HPDF_OK || HPDF_SaveToStream(pdf.get()) != HPDF_OK || sink.error != HPDF_OK) {
    return MakeError("internal", "",
                     "letters: libharu error " + std::to_string(sink.error) + "/" + std::to_string(sink.detail));
  }
  std::string out(HPDF_GetStreamSize(pdf.get()), '\0');
  auto size = static_cast<HPDF_UINT32>(out.size());
  const HPDF_STATUS read = HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  if (read != HPDF_OK && read != HPDF_STREAM_EOF) return MakeError("internal", "", "letters: cannot read the PDF");
  out.resize(size);
  return out;
}

std::string RenderCsv(const std::vector<IssuedLetter>& letters) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(letters.size() + 1);
  rows.push_back({"osiedle", "budynek", "klatka", "lokal", "kod", "url"});
  for (const IssuedLetter& l : letters) {
    rows.push_back({l.estate_name, l.building_address, l.staircase, l.flat_number, l.code, l.url});
  }
  return csv::Document(rows);
}

}  // namespace osiedle::letters
