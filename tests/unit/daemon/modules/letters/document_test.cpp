#include "daemon/modules/letters/document.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "daemon/core/csv.hpp"
#include "tests/unit/support/sample_files.hpp"
#include "tests/unit/support/temp_dir.hpp"

namespace osiedle::letters {
namespace {

std::vector<IssuedLetter> Sample(int n) {
  std::vector<IssuedLetter> out;
  for (int i = 1; i <= n; ++i) {
    IssuedLetter l;
    l.flat_id = static_cast<uint64_t>(i);
    l.building_id = 3;
    l.estate_name = "Osiedle Żółwia";
    l.building_address = "ul. Źródlana 12";
    l.staircase = i % 2 ? "A" : "";
    l.flat_number = std::to_string(i);
    l.code = "ABCD-EFGH-JK" + std::string(2, static_cast<char>('L' + i % 10));
    l.url = Service::RegistrationUrl("https://portal.example.pl", 3, l.flat_number, l.code);
    out.push_back(std::move(l));
  }
  return out;
}

Letterhead Head() {
  return Letterhead{"Spółdzielnia Mieszkaniowa „Łąka”",
                    "5261040828",
                    "ul. Łąkowa 1, 00-001 Warszawa",
                    "+48 22 100 20 30",
                    "biuro@laka.example.pl",
                    "",
                    "https://portal.example.pl"};
}

// Pages as the PDF's page tree counts them (libharu writes one /Pages node with /Count).
int PageCount(const std::string& pdf) {
  int pages = 0;
  static const std::regex page("/Type /Page[^s]");
  for (auto it = std::sregex_iterator(pdf.begin(), pdf.end(), page); it != std::sregex_iterator(); ++it) ++pages;
  return pages;
}

TEST(LettersDocument, PdfHasOnePagePerLetter) {
  auto pdf = RenderPdf(Head(), Sample(3));
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_EQ(PageCount(*pdf), 3);
  EXPECT_NE(pdf->find("/Count 3"), std::string::npos);
  auto one = RenderPdf(Head(), Sample(1));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(PageCount(*one), 1);
}

TEST(LettersDocument, PdfTakesAPngOrJpegLogoAndIgnoresAnythingElse) {
  osiedle::testing::TempDir dir("letters_doc");
  Letterhead head = Head();
  head.logo_path = dir.path() + "/logo.png";
  std::ofstream(head.logo_path, std::ios::binary) << osiedle::testing::SamplePng();
  auto with_logo = RenderPdf(head, Sample(2));
  ASSERT_TRUE(with_logo.ok()) << with_logo.error().detail;
  EXPECT_NE(with_logo->find("/Subtype /Image"), std::string::npos);
  EXPECT_EQ(PageCount(*with_logo), 2);

  head.logo_path = dir.path() + "/logo.txt";
  std::ofstream(head.logo_path, std::ios::binary) << "not an image";
  auto text_logo = RenderPdf(head, Sample(2));
  ASSERT_TRUE(text_logo.ok()) << text_logo.error().detail;
  EXPECT_EQ(text_logo->find("/Subtype /Image"), std::string::npos);

  head.logo_path = dir.path() + "/missing.png";
  auto missing = RenderPdf(head, Sample(1));
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(PageCount(*missing), 1);
}

TEST(LettersDocument, CsvHasAHeaderAndARowPerLetter) {
  const auto letters = Sample(2);
  const std::string text = RenderCsv(letters);
  ASSERT_EQ(text.rfind(std::string(csv::kUtf8Bom), 0), 0u);
  auto table = csv::Parse(text.substr(csv::kUtf8Bom.size()));
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header, (std::vector<std::string>{"osiedle", "budynek", "klatka", "lokal", "kod", "url"}));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].fields,
            (std::vector<std::string>{"Osiedle Żółwia", "ul. Źródlana 12", "A", "1", letters[0].code, letters[0].url}));
  EXPECT_EQ(table->rows[1].fields[2], "");
  EXPECT_EQ(table->rows[1].fields[4], letters[1].code);
}

TEST(LettersDocument, RegistrationUrlPrefillsBuildingFlatAndCode) {
  EXPECT_EQ(Service::RegistrationUrl("https://p.example.pl", 4, "12/3 a", "ABCD-EFGH-JKLM"),
            "https://p.example.pl/#/rejestracja?budynek=4&lokal=12%2F3%20a&kod=ABCD-EFGH-JKLM");
}

}  // namespace
}  // namespace osiedle::letters
