#pragma once
// The printable side of registration letters: a PDF with one A4 letter per flat (libharu, DejaVu fonts
// for Polish letters, the QR code drawn with libqrencode) and a CSV for mail merge.
#include <string>
#include <vector>

#include "daemon/core/result.hpp"
#include "daemon/modules/letters/service.hpp"

namespace osiedle::letters {

// The cooperative as the letter's header shows it (App::Letterhead() fills it from the config).
struct Letterhead {
  std::string name, nip, address, phone, email;
  std::string logo_path;   // PNG or JPEG; "" or anything else = no logo
  std::string public_url;  // the portal, printed as the address to type
};

inline constexpr char kFontRegular[] = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr char kFontBold[] = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
inline constexpr char kFontCode[] = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";

// Whether the fonts RenderPdf needs are installed (package fonts-dejavu-core); the route asks before
// issuing codes, so a missing font never leaves flats with revoked codes and no letters.
// Errors: internal (detail names the font).
Status CheckPdfFonts();
// One A4 page per letter, in order: header (logo, name, NIP, address, contact), addressee, a short letter
// in Polish, the code in large type, the URL and its QR code. Errors: internal (libharu failed or a font
// is missing; detail says which). Thread-safe.
Result<std::string> RenderPdf(const Letterhead& head, const std::vector<IssuedLetter>& letters);
// Mail merge: UTF-8 with BOM, ';' separated (core/csv), header osiedle;budynek;klatka;lokal;kod;url and a row
// per letter.
std::string RenderCsv(const std::vector<IssuedLetter>& letters);

}  // namespace osiedle::letters
