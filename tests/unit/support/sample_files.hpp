#pragma once
// Small, valid files for upload tests: a one-page PDF with a correct cross-reference table and a 1×1 PNG.
#include <cstdio>
#include <string>
#include <vector>

namespace osiedle::testing {

// A one-page PDF whose xref offsets are right; `text` goes into a comment so different texts give different files
// (and different content ids). `padding` extra bytes in a comment make it as large as a test needs.
inline std::string SamplePdf(const std::string& text = "Osiedle", size_t padding = 0) {
  std::string pdf = "%PDF-1.4\n%" + text + "\n";
  if (padding > 0) pdf += "%" + std::string(padding, 'x') + "\n";
  std::vector<size_t> offsets;
  const char* objects[] = {
      "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
      "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
      "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n",
  };
  for (const char* o : objects) {
    offsets.push_back(pdf.size());
    pdf += o;
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 4\n0000000000 65535 f \n";
  char line[32];
  for (size_t off : offsets) {
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A 1×1 transparent PNG.
inline std::string SamplePng() {
  static const char kPng[] =
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
      "\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\x64\x60\xf8\x5f\x0f\x00\x02\x87\x01\x80"
      "\xeb\x47\xba\x92\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
  return std::string(kPng, sizeof kPng - 1);
}

}  // namespace osiedle::testing
