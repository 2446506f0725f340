#include "daemon/core/markdown.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace osiedle {
namespace {

std::string Render(const std::string& md) {
  auto r = RenderMarkdown(md);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code);
  return r.ok() ? *r : "";
}

// The brief's post-conditions, checked independently of IsSafeHtml: no script tag, no comment, no dangerous scheme in a
// link or image URL, no on*= attribute (quoted values, which cmark escapes, are blanked first so that a title
// containing the words is not mistaken for an attribute).
void ExpectInert(const std::string& html) {
  std::string lower = html;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(lower.find("<script"), std::string::npos) << html;
  EXPECT_EQ(lower.find("<!--"), std::string::npos) << html;
  EXPECT_FALSE(std::regex_search(lower, std::regex("(href|src)=\"[^\"]*(javascript|vbscript|data:text)"))) << html;
  std::string tags = std::regex_replace(lower, std::regex("\"[^\"]*\""), "\"\"");
  EXPECT_FALSE(std::regex_search(tags, std::regex("<[^>]*\\son\\w+\\s*="))) << html;
}

TEST(NewsMarkdown, RendersCommonMarkdown) {
  EXPECT_EQ(Render("# Tytuł\n\n*a* **b** [link](https://example.pl)"),
            "<h1>Tytuł</h1>\n<p><em>a</em> <strong>b</strong> <a "
            "href=\"https://example.pl\">link</a></p>\n");
  EXPECT_EQ(Render("1. a\n2. b"), "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n");
  EXPECT_EQ(Render("```js\nx < 1\n```"), "<pre><code class=\"language-js\">x &lt; 1\n</code></pre>\n");
}

TEST(NewsMarkdown, DropsScriptTags) {
  for (const char* md : {"<script>alert(1)</script>", "a <script>alert(1)</script> b", "<SCRIPT SRC=//x></SCRIPT>",
                         "<scr<script>ipt>alert(1)</script>"}) {
    std::string html = Render(md);
    ExpectInert(html);
  }
  EXPECT_EQ(Render("a <script>alert(1)</script> b"), "<p>a alert(1) b</p>\n");
}

TEST(NewsMarkdown, DropsJavascriptAndVbscriptLinks) {
  for (const char* md : {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](  javascript:alert(1))",
                         "[x](vbscript:msgbox(1))", "<javascript:alert(1)>", "![i](javascript:alert(1))",
                         "[x]: javascript:alert(1)\n\n[x]", "[x](data:text/html;base64,PHNjcmlwdD4=)"}) {
    std::string html = Render(md);
    ExpectInert(html);
    EXPECT_EQ(html.find("data:text"), std::string::npos) << html;
  }
}

TEST(NewsMarkdown, DropsEntityEncodedSchemes) {
  for (const char* md : {"[x](jav&#x61;script:alert(1))", "[x](&#106;avascript:alert(1))",
                         "[x](javascript&#58;alert(1))", "[x](jav&#97;script&colon;alert(1))"}) {
    std::string html = Render(md);
    ExpectInert(html);
    EXPECT_TRUE(IsSafeHtml(html)) << html;
  }
  EXPECT_EQ(Render("[x](jav&#x61;script:alert(1))"), "<p><a href=\"\">x</a></p>\n");
}

TEST(NewsMarkdown, DropsEventAttributesAndRawHtml) {
  for (const char* md :
       {"<img src=x onerror=alert(1)>", "<a href=\"#\" onclick=\"alert(1)\">x</a>", "<div onmouseover=alert(1)>x</div>",
        "<iframe src=//evil></iframe>", "[x](http://a \"t\\\" onmouseover=\\\"alert(1)\")"}) {
    std::string html = Render(md);
    ExpectInert(html);
    EXPECT_EQ(html.find("<img"), std::string::npos) << html;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << html;
  }
}

TEST(NewsMarkdown, DropsHtmlComments) {
  EXPECT_EQ(Render("a <!-- ukryte --> b"), "<p>a  b</p>\n");
  ExpectInert(Render("<!--\n<script>alert(1)</script>\n-->"));
}

TEST(NewsMarkdown, KeepsTextThatMerelyLooksDangerous) {
  // Escaped in text, harmless: the reader sees what was typed.
  EXPECT_EQ(Render("`<script>` i onclick=x"), "<p><code>&lt;script&gt;</code> i onclick=x</p>\n");
  EXPECT_EQ(Render("&lt;script&gt;"), "<p>&lt;script&gt;</p>\n");
}

TEST(NewsMarkdown, KeepsRasterDataImages) {
  EXPECT_EQ(Render("![i](data:image/png;base64,AAAA)"),
            "<p><img src=\"data:image/png;base64,AAAA\" alt=\"i\" /></p>\n");
}

TEST(NewsMarkdown, SafeHtmlCheckRefusesActiveContent) {
  EXPECT_TRUE(IsSafeHtml("<p>ok <a href=\"https://x.pl\" title=\"t\">l</a><br />\n</p>"));
  EXPECT_TRUE(IsSafeHtml("<p>a onclick=b</p>"));
  EXPECT_FALSE(IsSafeHtml("<script>alert(1)</script>"));
  EXPECT_FALSE(IsSafeHtml("<p><ScRiPt>x</ScRiPt></p>"));
  EXPECT_FALSE(IsSafeHtml("<p onclick=\"x\">a</p>"));
  EXPECT_FALSE(IsSafeHtml("<img src=\"x\" onerror=\"alert(1)\" />"));
  EXPECT_FALSE(IsSafeHtml("<a href=\"javascript:alert(1)\">x</a>"));
  EXPECT_FALSE(IsSafeHtml("<a href=\"jav&#x61;script:alert(1)\">x</a>"));
  EXPECT_FALSE(IsSafeHtml("<a href=\" java\tscript:alert(1)\">x</a>"));
  EXPECT_FALSE(IsSafeHtml("<a href=\"VBSCRIPT:x\">x</a>"));
  EXPECT_FALSE(IsSafeHtml("<img src=\"data:text/html,x\" />"));
  EXPECT_FALSE(IsSafeHtml("<p>a <!-- c --> b</p>"));
  EXPECT_FALSE(IsSafeHtml("<iframe src=\"x\"></iframe>"));
  EXPECT_FALSE(IsSafeHtml("<svg><a>x</a></svg>"));
  EXPECT_FALSE(IsSafeHtml("<a href=x>unquoted</a>"));
  EXPECT_FALSE(IsSafeHtml("<p"));
}

}  // namespace
}  // namespace osiedle
