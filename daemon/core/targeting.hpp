#pragma once
// Group targeting of content (news, documents, ads, information pages): pure functions over ascending id lists.
#include <cstdint>
#include <vector>

namespace osiedle::targeting {

// True if the two ascending lists share an id.
inline bool Intersects(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}

// True if content aimed at `targets` (empty = every logged-in user) reaches a member of `viewer_groups`; both lists
// ascending. Staff visibility is the caller's decision.
inline bool Targets(const std::vector<uint64_t>& targets, const std::vector<uint64_t>& viewer_groups) {
  return targets.empty() || Intersects(targets, viewer_groups);
}

}  // namespace osiedle::targeting
