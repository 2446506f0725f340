#pragma once
// One page of a listing, as services return it to routes.
#include <cstdint>
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

}  // namespace osiedle
