#pragma once
// One page of a listing, as services return it to routes, and the helpers services build it with.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace osiedle {

// `items` are the entries [offset, offset + limit) of a listing of `total` entries.
template <typename T>
struct Page {
  uint64_t total = 0;
  uint64_t offset = 0;
  uint64_t limit = 0;
  std::vector<T> items;
};

// The page size to use: `default_limit` for 0, otherwise `limit` capped at `max_limit`.
inline uint64_t PageLimit(uint64_t limit, uint64_t default_limit, uint64_t max_limit) {
  return limit == 0 ? default_limit : std::min(limit, max_limit);
}

// The entries [offset, offset + limit) of `all` as a Page of total all.size(); `limit` is taken as is.
template <typename T>
Page<T> Slice(std::vector<T> all, uint64_t offset, uint64_t limit) {
  Page<T> page;
  page.total = all.size();
  page.offset = offset;
  page.limit = limit;
  for (uint64_t i = offset; i < all.size() && page.items.size() < limit; ++i) page.items.push_back(std::move(all[i]));
  return page;
}

}  // namespace osiedle
