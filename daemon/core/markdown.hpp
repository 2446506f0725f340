#pragma once
// Markdown → HTML for news, information pages and other staff-written texts. cmark in its default safe mode: raw HTML (tags, comments) is dropped and
// javascript:/vbscript:/file:/data: (other than data:image/png|gif|jpeg|webp) links are emptied. The output is then
// checked again by IsSafeHtml, so a future cmark change cannot let active content through. Thread-safe (cmark keeps no
// global state for rendering).
#include <string>
#include <string_view>

#include "daemon/core/result.hpp"

namespace osiedle {

// Renders `markdown` (REQUIRES valid UTF-8). Errors: "markdown_unsafe" (field body) if the rendered HTML fails
// IsSafeHtml — never expected, it is a second line of defence.
Result<std::string> RenderMarkdown(std::string_view markdown);

// True if `html` only holds the tags cmark emits for Markdown (p, h1-h6, a, img, em, strong, code, pre, blockquote, ul,
// ol, li, hr, br, del) with only href/src/alt/title/start/class attributes, no "<script", no on*= attribute, no
// comment, and no link or image URL with a dangerous scheme (after decoding entities and dropping white space and
// control characters).
bool IsSafeHtml(std::string_view html);

}  // namespace osiedle
