#pragma once
// Line breaking for drawn text (PDF letters and documents): the caller measures, this decides where lines end.
#include <functional>
#include <string>
#include <vector>

namespace osiedle::text_layout {

// Greedy word wrap: splits `text` at whitespace into lines for which fits(line) holds; a single word that does
// not fit stands on its own line. Runs of whitespace collapse to one space. Empty text → no lines.
std::vector<std::string> WrapWords(const std::string& text, const std::function<bool(const std::string&)>& fits);

}  // namespace osiedle::text_layout
