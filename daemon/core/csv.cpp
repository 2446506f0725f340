#include "daemon/core/csv.hpp"

#include <charconv>
#include <cstdint>

#include "daemon/core/utf8.hpp"

namespace osiedle::csv {
namespace {

// Windows-1250 bytes 0x80-0xFF as Unicode code points; 0 marks the five undefined bytes.
constexpr uint16_t kCp1250[128] = {
    0x20AC, 0x0000, 0x201A, 0x0000, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
    0x0000, 0x2030, 0x0160, 0x2039, 0x015A, 0x0164, 0x017D, 0x0179,  // 0x88
    0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
    0x0000, 0x2122, 0x0161, 0x203A, 0x015B, 0x0165, 0x017E, 0x017A,  // 0x98
    0x00A0, 0x02C7, 0x02D8, 0x0141, 0x00A4, 0x0104, 0x00A6, 0x00A7,  // 0xA0
    0x00A8, 0x00A9, 0x015E, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x017B,  // 0xA8
    0x00B0, 0x00B1, 0x02DB, 0x0142, 0x00B4, 0x00B5, 0x00B6, 0x00B7,  // 0xB0
    0x00B8, 0x0105, 0x015F, 0x00BB, 0x013D, 0x02DD, 0x013E, 0x017C,  // 0xB8
    0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7,  // 0xC0
    0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,  // 0xC8
    0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7,  // 0xD0
    0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,  // 0xD8
    0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7,  // 0xE0
    0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,  // 0xE8
    0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7,  // 0xF0
    0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,  // 0xF8
};

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string_view StripBom(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

std::string_view TrimBlank(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Counts ';' and ',' outside quotes on the first non-blank line and picks the more frequent
// (';' on a tie: Polish spreadsheets export ';' because ',' is the decimal separator).
char DetectDelimiter(std::string_view s) {
  size_t semi = 0, comma = 0;
  bool in_quotes = false, seen_text = false;
  for (char c : s) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n' || c == '\r') {
      if (seen_text) break;
      continue;
    }
    if (c != ' ' && c != '\t') seen_text = true;
    if (c == ';') ++semi;
    if (c == ',') ++comma;
  }
  return comma > semi ? ',' : ';';
}

// Collects fields and rows; the first non-blank row is the header.
class Builder {
 public:
  Builder(Table* table, size_t max_rows) : t_(table), max_rows_(max_rows) {}
  void EndField() {
    fields_.emplace_back(TrimBlank(field_));
    field_.clear();
  }
  // Returns false when there are too many rows.
  bool EndRow(size_t line) {
    EndField();
    bool blank = true;
    for (const auto& f : fields_) blank = blank && f.empty();
    if (!blank) {
      if (!have_header_) {
        t_->header = std::move(fields_);
        have_header_ = true;
      } else {
        if (t_->rows.size() >= max_rows_) return false;
        t_->rows.push_back(Row{line, std::move(fields_)});
      }
    }
    fields_.clear();
    return true;
  }
  std::string& field() { return field_; }
  bool have_header() const { return have_header_; }
  bool row_empty() const { return fields_.empty() && field_.empty(); }

 private:
  Table* t_;
  size_t max_rows_;
  std::vector<std::string> fields_;
  std::string field_;
  bool have_header_ = false;
};

// Removes thousands separators (spaces, no-break spaces) from a decimal.
std::string StripGrouping(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') continue;
    if (s.substr(i, 2) == "\xC2\xA0") {  // U+00A0
      ++i;
      continue;
    }
    if (s.substr(i, 3) == "\xE2\x80\xAF") {  // U+202F
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

Result<std::string> DecodeText(std::string_view bytes) {
  bytes = StripBom(bytes);
  for (char ch : bytes) {
    auto c = static_cast<uint8_t>(ch);
    if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F) return MakeError("csv_binary");
  }
  if (utf8::IsValid(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    auto c = static_cast<uint8_t>(ch);
    if (c < 0x80) {
      out.push_back(ch);
      continue;
    }
    uint16_t cp = kCp1250[c - 0x80];
    if (cp == 0) return MakeError("csv_binary");
    AppendUtf8(out, cp);
  }
  return out;
}

Result<Table> Parse(std::string_view text, size_t max_rows) {
  text = StripBom(text);
  Table table;
  table.delimiter = DetectDelimiter(text);
  Builder b(&table, max_rows);
  size_t line = 1, row_line = 1, quote_line = 0;
  bool in_quotes = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          b.field().push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
        continue;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // CRLF inside a field → LF
      if (c == '\n' || c == '\r') ++line;
      b.field().push_back(c == '\r' ? '\n' : c);
    } else if (c == table.delimiter) {
      b.EndField();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (!b.EndRow(row_line)) return MakeError("csv_too_many_rows");
      row_line = ++line;
    } else if (c == '"' && TrimBlank(b.field()).empty()) {
      b.field().clear();  // spaces before the opening quote are not part of the field
      in_quotes = true;
      quote_line = line;
    } else {
      b.field().push_back(c);
    }
  }
  if (in_quotes) return MakeError("csv_quote_unterminated", "", std::to_string(quote_line));
  if (!b.row_empty() && !b.EndRow(row_line)) return MakeError("csv_too_many_rows");
  if (!b.have_header()) return MakeError("csv_empty");
  return table;
}

bool ParseDecimal(std::string_view text, double* out) {
  std::string s = StripGrouping(TrimBlank(text));
  size_t dots = 0, commas = 0;
  for (char c : s) {
    if (c == '.') ++dots;
    if (c == ',') ++commas;
  }
  if (dots > 0 && commas > 0) {
    // "1.234,50" or "1,234.50": the last separator is the decimal one, the other groups thousands.
    char decimal = s.find_last_of(".,") == s.rfind(',') ? ',' : '.';
    char group = decimal == ',' ? '.' : ',';
    if ((decimal == ',' ? commas : dots) != 1) return false;
    std::string t;
    for (char c : s) {
      if (c != group) t.push_back(c);
    }
    s = std::move(t);
  } else if (dots > 1 || commas > 1) {
    return false;
  }
  for (char& c : s) {
    if (c == ',') c = '.';
  }
  size_t start = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digit = false;
  for (size_t i = start; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9')
      digit = true;
    else if (s[i] != '.')
      return false;
  }
  if (!digit) return false;
  double v = 0;
  const char* first = s.data() + (s[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return false;
  *out = v;
  return true;
}

std::string Cell(std::string_view value) {
  std::string cell;
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) cell = "'";
  cell.append(value);
  if (cell.find_first_of(";\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ';';
    out += Cell(cells[i]);
  }
  out += "\r\n";
}

std::string Document(const std::vector<std::vector<std::string>>& rows) {
  std::string out(kUtf8Bom);
  for (const auto& row : rows) AppendRow(out, row);
  return out;
}

}  // namespace osiedle::csv
