// libFuzzer target: the news Markdown path (cmark in safe mode + the IsSafeHtml second check).
// Properties: no crash, leak or undefined behaviour; a body that renders yields HTML with no script
// element and no script-scheme link or image, checked here independently of IsSafeHtml.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/core/utf8.hpp"
#include "daemon/core/markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!osiedle::utf8::IsValid(input)) return 0;  // the service refuses invalid UTF-8 before rendering
  auto html = osiedle::RenderMarkdown(input);
  if (!html.ok()) {
    if (html.error().code != "markdown_unsafe") __builtin_trap();
    return 0;
  }
  std::string lower = *html;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* bad : {"<script", "href=\"javascript:", "src=\"javascript:", "href=\"vbscript:", "<iframe"}) {
    if (lower.find(bad) != std::string::npos) __builtin_trap();
  }
  return 0;
}
