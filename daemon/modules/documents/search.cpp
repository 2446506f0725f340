#include "daemon/modules/documents/search.hpp"

#include <algorithm>

#include "daemon/core/words.hpp"

namespace osiedle::documents {

std::vector<std::string> QueryWords(std::string_view q) { return words::QueryWords(q); }

bool TitleMatches(std::string_view title, const std::vector<std::string>& query_words) {
  if (query_words.empty()) return true;
  const std::vector<std::string> words = words::Words(title);  // sorted
  return std::all_of(query_words.begin(), query_words.end(), [&](const std::string& q) {
    // The first word >= q is the only candidate that can start with q.
    auto it = std::lower_bound(words.begin(), words.end(), q);
    return it != words.end() && it->compare(0, q.size(), q) == 0;
  });
}

}  // namespace osiedle::documents
