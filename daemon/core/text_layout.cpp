#include "daemon/core/text_layout.hpp"

#include <sstream>

namespace osiedle::text_layout {

std::vector<std::string> WrapWords(const std::string& text, const std::function<bool(const std::string&)>& fits) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string line, word;
  while (words >> word) {
    std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && !fits(candidate)) {
      lines.push_back(std::move(line));
      line = word;
    } else {
      line = std::move(candidate);
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace osiedle::text_layout
