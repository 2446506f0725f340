#include "daemon/core/markdown.hpp"

#include <cmark.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>

namespace osiedle {
namespace {

// cmark replaces raw HTML with this comment; it carries nothing for the reader.
constexpr std::string_view kOmitted = "<!-- raw HTML omitted -->";

constexpr std::array<std::string_view, 20> kTags = {"p",  "h1",  "h2", "h3",     "h4",   "h5",  "h6",
                                                    "a",  "img", "em", "strong", "code", "pre", "blockquote",
                                                    "ul", "ol",  "li", "hr",     "br",   "del"};
constexpr std::array<std::string_view, 6> kAttributes = {"href", "src", "alt", "title", "start", "class"};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return Lower(haystack).find(needle) != std::string::npos;
}

// Decodes the entities cmark writes in attribute values (&amp; &quot; &lt; &gt; &#N; &#xN;). Unknown entities stay as
// they are; a decoded code point above 0x7F becomes '?' (only ASCII matters for the scheme check).
std::string DecodeEntities(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out.push_back(v[i]);
      continue;
    }
    size_t semi = v.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) {
      out.push_back('&');
      continue;
    }
    std::string_view name = v.substr(i + 1, semi - i - 1);
    long cp = -1;
    if (name == "amp")
      cp = '&';
    else if (name == "quot")
      cp = '"';
    else if (name == "lt")
      cp = '<';
    else if (name == "gt")
      cp = '>';
    else if (name.size() > 1 && name[0] == '#') {
      std::string digits(name.substr(1));
      bool hex = !digits.empty() && (digits[0] == 'x' || digits[0] == 'X');
      if (hex) digits.erase(0, 1);
      char* end = nullptr;
      cp = digits.empty() ? -1 : std::strtol(digits.c_str(), &end, hex ? 16 : 10);
      if (end == nullptr || *end != '\0') cp = -1;
    }
    if (cp < 0) {
      out.push_back('&');
      continue;
    }
    out.push_back(cp < 0x80 ? static_cast<char>(cp) : '?');
    i = semi;
  }
  return out;
}

// A URL is dangerous if its scheme (ignoring case, white space and control characters, as browsers do) is javascript,
// vbscript, file, or data other than a raster image.
bool DangerousUrl(std::string_view raw) {
  std::string url;
  for (char c : DecodeEntities(raw)) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) continue;
    url.push_back(static_cast<char>(std::tolower(u)));
  }
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:"}) {
    if (url.rfind(scheme, 0) == 0) return true;
  }
  if (url.rfind("data:", 0) == 0) {
    for (std::string_view ok : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
      if (url.rfind(ok, 0) == 0) return false;
    }
    return true;
  }
  return false;
}

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// Checks one tag `<...>` (without the angle brackets): known name, known attributes with double-quoted values, safe
// URLs.
bool SafeTag(std::string_view tag) {
  size_t i = 0;
  if (i < tag.size() && tag[i] == '/') ++i;
  size_t name_start = i;
  while (i < tag.size() && IsNameChar(tag[i])) ++i;
  const std::string name = Lower(tag.substr(name_start, i - name_start));
  if (std::find(kTags.begin(), kTags.end(), name) == kTags.end()) return false;
  for (;;) {
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i >= tag.size()) return true;
    if (tag[i] == '/' && i + 1 == tag.size()) return true;  // "<br />"
    size_t attr_start = i;
    while (i < tag.size() && IsNameChar(tag[i])) ++i;
    const std::string attr = Lower(tag.substr(attr_start, i - attr_start));
    if (std::find(kAttributes.begin(), kAttributes.end(), attr) == kAttributes.end()) return false;
    if (i + 1 >= tag.size() || tag[i] != '=' || tag[i + 1] != '"') return false;
    size_t close = tag.find('"', i + 2);
    if (close == std::string_view::npos) return false;
    std::string_view value = tag.substr(i + 2, close - i - 2);
    if ((attr == "href" || attr == "src") && DangerousUrl(value)) return false;
    i = close + 1;
  }
}

void RemoveAll(std::string& s, std::string_view what) {
  for (size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos)) s.erase(pos, what.size());
}

}  // namespace

bool IsSafeHtml(std::string_view html) {
  if (Contains(html, "<script") || Contains(html, "<!--")) return false;
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    // Attribute values never hold a raw '>' (cmark escapes it), so the tag ends at the next one.
    size_t end = html.find('>', pos);
    if (end == std::string_view::npos) return false;
    if (!SafeTag(html.substr(pos + 1, end - pos - 1))) return false;
    pos = end + 1;
  }
  // Text outside tags has '<' escaped, so an on*= there is harmless prose; inside tags SafeTag already refused any
  // attribute but the allowed few.
  return true;
}

Result<std::string> RenderMarkdown(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe mode in cmark 0.29+: raw HTML omitted, dangerous URLs emptied.
  std::unique_ptr<char, decltype(&std::free)> out(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8),
      &std::free);
  if (!out) return MakeError("markdown_unsafe", "body", "render failed");
  std::string html(out.get());
  RemoveAll(html, kOmitted);
  if (!IsSafeHtml(html)) return MakeError("markdown_unsafe", "body");
  return html;
}

}  // namespace osiedle
