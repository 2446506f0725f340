#pragma once
// Title search for the document list: every query word must be a prefix of some word of the title, compared after
// utf8::Fold ("regul" and "SPRAWOZ" find "Regulamin" and "Sprawozdanie"). The word splitting is the contractor
// directory's (contractors/words.hpp) so both searches behave alike; see the report: it belongs in core.
#include <string>
#include <string_view>
#include <vector>

namespace osiedle::documents {

// The distinct folded words of a query (at most 8, longest first); empty for a query without words.
std::vector<std::string> QueryWords(std::string_view q);
// True if every one of `query_words` is a prefix of a word of `title`. REQUIRES: query_words from QueryWords.
bool TitleMatches(std::string_view title, const std::vector<std::string>& query_words);

}  // namespace osiedle::documents
