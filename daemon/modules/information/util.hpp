#pragma once
// Small helpers shared by the service's two source files (service.cpp,
// submissions.cpp). Internal to the module.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "daemon/core/page.hpp"

namespace osiedle::information::detail {

// limit 0 → default; capped at max.
inline uint64_t PageLimit(uint64_t limit, uint64_t def, uint64_t max) {
  return limit == 0 ? def : std::min(limit, max);
}

// The [offset, offset + limit) slice of `all` as a Page.
template <typename T>
Page<T> Slice(std::vector<T> all, uint64_t offset, uint64_t limit) {
  Page<T> page;
  page.total = all.size();
  page.offset = offset;
  page.limit = limit;
  for (uint64_t i = offset; i < all.size() && page.items.size() < limit; ++i)
    page.items.push_back(std::move(all[i]));
  return page;
}

// True if two ascending lists share an element.
inline bool Intersects(const std::vector<uint64_t> &a,
                       const std::vector<uint64_t> &b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j)
      return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}

} // namespace osiedle::information::detail
