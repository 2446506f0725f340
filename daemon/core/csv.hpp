#pragma once
// CSV as exported by Polish accounting systems: ';' or ',' delimited (detected from the header
// line), UTF-8 with or without BOM or Windows-1250 (detected), quoted fields with "" escapes,
// CRLF or LF line ends. Also the writer for exports opened in (Polish) Excel.
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/result.hpp"

namespace osiedle::csv {

// Converts `bytes` to UTF-8: strips a UTF-8 BOM; valid UTF-8 passes through; otherwise decodes
// as Windows-1250. Errors: "csv_binary" if the data contains NUL or other control bytes
// (other than tab, CR, LF).
Result<std::string> DecodeText(std::string_view bytes);

struct Row {
  size_t line = 0;                  // 1-based line number in the file where the row starts
  std::vector<std::string> fields;  // trimmed of surrounding spaces
};

struct Table {
  char delimiter = ';';
  std::vector<std::string> header;  // as in the file, trimmed
  std::vector<Row> rows;            // data rows, blank lines skipped
};

// Parses UTF-8 text. Errors: "csv_empty" (no header), "csv_quote_unterminated" (with the line in
// detail), "csv_too_many_rows" if more than `max_rows` data rows.
Result<Table> Parse(std::string_view utf8, size_t max_rows = 200000);

// Parses a decimal with a comma or a dot ("52,3", "1 234,50", "52.30"). Returns false if not a
// number.
bool ParseDecimal(std::string_view text, double* out);

// --- Writing: UTF-8 with BOM, ';' separator, CRLF, RFC 4180 quoting. Pure functions.

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One cell: a leading = + - @ TAB or CR gets a ' prefix (formula injection, OWASP); the result is quoted with ""
// escapes if it holds ; " CR or LF (after the prefix).
std::string Cell(std::string_view value);

// Appends the cells (each through Cell) joined by ';' and ended by CRLF to `out`.
void AppendRow(std::string& out, const std::vector<std::string>& cells);

// The whole file: BOM, then every row as AppendRow writes it.
std::string Document(const std::vector<std::vector<std::string>>& rows);

}  // namespace osiedle::csv
