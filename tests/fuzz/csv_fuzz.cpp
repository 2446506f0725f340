// libFuzzer target: the flats CSV path — decoding (BOM, Windows-1250), parsing, decimals, folding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/core/csv.hpp"
#include "daemon/core/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = osiedle::csv::DecodeText(bytes);
  if (!text.ok()) return 0;
  if (!osiedle::utf8::IsValid(*text)) __builtin_trap();  // DecodeText promises UTF-8
  auto table = osiedle::csv::Parse(*text, 1000);
  if (!table.ok()) return 0;
  if (table->rows.size() > 1000) __builtin_trap();
  size_t last_line = 0;
  for (const auto& row : table->rows) {
    if (row.line <= last_line) __builtin_trap();  // rows come in file order
    last_line = row.line;
    for (const auto& field : row.fields) {
      double v;
      (void)osiedle::csv::ParseDecimal(field, &v);
      (void)osiedle::utf8::Fold(field);
    }
  }
  return 0;
}
