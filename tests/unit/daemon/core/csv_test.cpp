#include "daemon/core/csv.hpp"

#include <gtest/gtest.h>

namespace osiedle::csv {
namespace {

TEST(CsvDecode, PassesUtf8AndStripsBom) {
  auto r = DecodeText(
      "\xEF\xBB\xBF"
      "budynek;lokal\nŻytnia 1;2\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "budynek;lokal\nŻytnia 1;2\n");
}

TEST(CsvDecode, ConvertsWindows1250) {
  // "Zażółć gęślą jaźń ŁĄŚ" in Windows-1250.
  auto r = DecodeText("Za\xBF\xF3\xB3\xE6 g\xEA\x9Cl\xB9 ja\x9F\xF1 \xA3\xA5\x8C");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Zażółć gęślą jaźń ŁĄŚ");
}

TEST(CsvDecode, ConvertsWindows1250Punctuation) {
  auto r = DecodeText("\x80 \x84x\x94 \x96");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "€ „x” –");
}

TEST(CsvDecode, RejectsBinary) {
  EXPECT_EQ(DecodeText(std::string("a;b\n\0\x01", 6)).error().code, "csv_binary");
  EXPECT_EQ(DecodeText("a\x1b[0m").error().code, "csv_binary");
  EXPECT_EQ(DecodeText("a\x81").error().code, "csv_binary");  // undefined in Windows-1250
}

TEST(CsvParse, DetectsSemicolon) {
  auto t = Parse("osiedle;budynek;lokal;powierzchnia\nA;Lazurowa 12;1;52,3\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->delimiter, ';');
  ASSERT_EQ(t->header.size(), 4u);
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0].fields[3], "52,3");
  EXPECT_EQ(t->rows[0].line, 2u);
}

TEST(CsvParse, DetectsCommaAndIgnoresCommasInQuotes) {
  auto t = Parse("\"a;b\",estate,building\n\"x;y\",E,B\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->delimiter, ',');
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0].fields[0], "x;y");
}

TEST(CsvParse, HandlesQuotesEscapesAndEmbeddedNewlines) {
  auto t = Parse("a;b\r\n\"He said \"\"hi\"\"\";\"line1\r\nline2\"\r\nx;y\r\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].fields[0], "He said \"hi\"");
  EXPECT_EQ(t->rows[0].fields[1], "line1\nline2");
  EXPECT_EQ(t->rows[0].line, 2u);
  EXPECT_EQ(t->rows[1].line, 4u);  // the quoted newline counts as a line of the file
}

TEST(CsvParse, TrimsFieldsAndSkipsBlankLines) {
  auto t = Parse("\n  a ; b \n\n 1 ;  \"2\" \n;;\n   \n3;4");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].fields, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(t->rows[0].line, 4u);
  EXPECT_EQ(t->rows[1].fields, (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(t->rows[1].line, 7u);
}

TEST(CsvParse, KeepsShortAndLongRowsAsTheyAre) {
  auto t = Parse("a;b;c\n1;2\n1;2;3;4\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0].fields.size(), 2u);
  EXPECT_EQ(t->rows[1].fields.size(), 4u);
}

TEST(CsvParse, StripsBomBeforeHeader) {
  auto t = Parse(
      "\xEF\xBB\xBF"
      "lokal;kw\n1;x\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header[0], "lokal");
}

TEST(CsvParse, EmptyInputHasNoHeader) {
  EXPECT_EQ(Parse("").error().code, "csv_empty");
  EXPECT_EQ(Parse("\r\n \n;;\n").error().code, "csv_empty");
}

TEST(CsvParse, ReportsUnterminatedQuoteWithItsLine) {
  auto t = Parse("a;b\n1;2\n3;\"open\n4;5\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "csv_quote_unterminated");
  EXPECT_EQ(t.error().detail, "3");
}

TEST(CsvParse, LimitsRows) {
  EXPECT_TRUE(Parse("a\n1\n2\n3\n", 3).ok());
  EXPECT_EQ(Parse("a\n1\n2\n3\n4\n", 3).error().code, "csv_too_many_rows");
}

TEST(CsvDecimal, ParsesCommaDotAndGrouping) {
  double v = 0;
  ASSERT_TRUE(ParseDecimal("52,3", &v));
  EXPECT_DOUBLE_EQ(v, 52.3);
  ASSERT_TRUE(ParseDecimal("52.30", &v));
  EXPECT_DOUBLE_EQ(v, 52.3);
  ASSERT_TRUE(ParseDecimal("1 234,50", &v));
  EXPECT_DOUBLE_EQ(v, 1234.5);
  ASSERT_TRUE(
      ParseDecimal("1\xC2\xA0"
                   "234,50",
                   &v));
  EXPECT_DOUBLE_EQ(v, 1234.5);
  ASSERT_TRUE(ParseDecimal("1.234,50", &v));
  EXPECT_DOUBLE_EQ(v, 1234.5);
  ASSERT_TRUE(ParseDecimal("-3", &v));
  EXPECT_DOUBLE_EQ(v, -3);
  ASSERT_TRUE(ParseDecimal(" 48 ", &v));
  EXPECT_DOUBLE_EQ(v, 48);
}

TEST(CsvDecimal, RejectsNonNumbers) {
  double v = 7;
  for (const char* s : {"", " ", "abc", "1,2,3", "1.2.3", "1e5", "inf", "nan", ",", "-", "12m2", "0x10"}) {
    EXPECT_FALSE(ParseDecimal(s, &v)) << s;
  }
  EXPECT_EQ(v, 7);
}

TEST(CsvWrite, QuotesCellsWithSeparatorQuoteOrLineBreak) {
  EXPECT_EQ(Cell("zwykły tekst"), "zwykły tekst");
  EXPECT_EQ(Cell(""), "");
  EXPECT_EQ(Cell("a;b"), "\"a;b\"");
  EXPECT_EQ(Cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Cell("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(Cell("a,b"), "a,b");  // ',' is not the separator
}

TEST(CsvWrite, NeutralisesFormulaCells) {
  EXPECT_EQ(Cell("=1+1"), "'=1+1");
  EXPECT_EQ(Cell("+48 600"), "'+48 600");
  EXPECT_EQ(Cell("-5"), "'-5");
  EXPECT_EQ(Cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(Cell("\t=x"), "'\t=x");
  EXPECT_EQ(Cell("\rx"), "\"'\rx\"");  // prefixed, then quoted for the CR
  EXPECT_EQ(Cell("=a;b"), "\"'=a;b\"");
  EXPECT_EQ(Cell("=HYPERLINK(\"http://evil\")"), "\"'=HYPERLINK(\"\"http://evil\"\")\"");
  EXPECT_EQ(Cell("a=b"), "a=b");
  EXPECT_EQ(Cell(" =x"), " =x");
}

TEST(CsvWrite, DocumentHasBomSemicolonsAndCrlf) {
  EXPECT_EQ(Document({{"a", "b"}, {"1", ""}}),
            "\xEF\xBB\xBF"
            "a;b\r\n1;\r\n");
  EXPECT_EQ(Document({}), "\xEF\xBB\xBF");
  std::string out;
  AppendRow(out, {"x", "=y", "z;"});
  EXPECT_EQ(out, "x;'=y;\"z;\"\r\n");
}

TEST(CsvWrite, ParserReadsBackWhatWriterWrote) {
  const std::vector<std::vector<std::string>> rows = {
      {"nazwa", "uwagi"}, {"Kowalski; Jan", "powiedział \"tak\"\nw środę"}, {"=2+2", "x"}};
  auto t = Parse(Document(rows));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->delimiter, ';');
  EXPECT_EQ(t->header, rows[0]);
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].fields, rows[1]);
  EXPECT_EQ(t->rows[1].fields, (std::vector<std::string>{"'=2+2", "x"}));
}

}  // namespace
}  // namespace osiedle::csv
