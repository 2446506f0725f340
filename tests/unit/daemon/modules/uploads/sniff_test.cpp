#include "daemon/modules/uploads/sniff.hpp"

#include <gtest/gtest.h>

#include "tests/unit/support/sample_files.hpp"

namespace osiedle::uploads {
namespace {

using ::osiedle::testing::SamplePdf;
using ::osiedle::testing::SamplePng;

std::string CodeOf(std::string_view bytes) {
  auto r = Sniff(bytes);
  return r.ok() ? std::string("ok:") + NameOf(*r) : r.error().code;
}

TEST(UploadsSniff, AcceptsWellFormedPdf) { EXPECT_EQ(CodeOf(SamplePdf()), "ok:pdf"); }

TEST(UploadsSniff, RejectsPdfWithoutTrailer) {
  std::string pdf = SamplePdf();
  EXPECT_EQ(CodeOf(pdf.substr(0, pdf.find("startxref"))), "upload_pdf_invalid");
  EXPECT_EQ(CodeOf(pdf.substr(0, pdf.size() - 7)), "upload_pdf_invalid");  // "%%EOF\n" cut
}

TEST(UploadsSniff, RejectsPdfWhoseXrefOffsetPointsNowhere) {
  std::string pdf = SamplePdf();
  size_t at = pdf.find("startxref\n") + 10;
  pdf.replace(at, pdf.find('\n', at) - at, "999999999");
  EXPECT_EQ(CodeOf(pdf), "upload_pdf_invalid");
  pdf = SamplePdf();
  pdf.replace(at, pdf.find('\n', at) - at, "12");  // inside the header, not an xref
  EXPECT_EQ(CodeOf(pdf), "upload_pdf_invalid");
}

TEST(UploadsSniff, RejectsPdfMagicOnly) {
  EXPECT_EQ(CodeOf("%PDF-1.7\n"), "upload_pdf_invalid");
  EXPECT_EQ(CodeOf("%PDF-x.y garbage %%EOF"), "upload_pdf_invalid");
}

TEST(UploadsSniff, RejectsPdfWithoutCatalog) {
  std::string pdf = SamplePdf();
  pdf.replace(pdf.find("/Root"), 5, "/Roob");
  EXPECT_EQ(CodeOf(pdf), "upload_pdf_invalid");
}

TEST(UploadsSniff, AcceptsImagesByContentOnly) {
  EXPECT_EQ(CodeOf(SamplePng()), "ok:png");
  EXPECT_EQ(CodeOf(std::string("\xFF\xD8\xFF\xE0", 4) + std::string(100, '\0') + "\xFF\xD9"), "ok:jpeg");
  std::string webp = "RIFF";
  webp += std::string("\x0c\x00\x00\x00", 4);
  webp += "WEBPVP8 ";
  webp += std::string(8, '\0');
  EXPECT_EQ(CodeOf(webp), "ok:webp");
}

TEST(UploadsSniff, RejectsTruncatedImages) {
  std::string png = SamplePng();
  EXPECT_EQ(CodeOf(png.substr(0, 20)), "upload_image_invalid");
  EXPECT_EQ(CodeOf(png.substr(0, png.size() - 12)), "upload_image_invalid");  // no IEND
  EXPECT_EQ(CodeOf(std::string("\xFF\xD8\xFF\xE0", 4) + std::string(100, 'a')), "upload_image_invalid");
  EXPECT_EQ(CodeOf(std::string("RIFF\xff\xff\xff\x7fWEBPVP8 ", 16) + std::string(8, '\0')), "upload_image_invalid");
}

TEST(UploadsSniff, RejectsEverythingElse) {
  EXPECT_EQ(CodeOf(""), "upload_empty");
  EXPECT_EQ(CodeOf("<html><script>alert(1)</script>"), "upload_type_unsupported");
  EXPECT_EQ(CodeOf("GIF89a......"), "upload_type_unsupported");
  EXPECT_EQ(CodeOf(std::string("PK\x03\x04", 4) + "docx"), "upload_type_unsupported");
  EXPECT_EQ(CodeOf("  %PDF-1.4 leading spaces"), "upload_type_unsupported");
}

}  // namespace
}  // namespace osiedle::uploads
