#include "daemon/core/page.hpp"

#include <gtest/gtest.h>

#include <string>

namespace osiedle {
namespace {

TEST(PageLimit, ZeroMeansDefaultAndLargeIsCapped) {
  EXPECT_EQ(PageLimit(0, 20, 100), 20u);
  EXPECT_EQ(PageLimit(1, 20, 100), 1u);
  EXPECT_EQ(PageLimit(100, 20, 100), 100u);
  EXPECT_EQ(PageLimit(101, 20, 100), 100u);
  EXPECT_EQ(PageLimit(UINT64_MAX, 20, 100), 100u);
}

TEST(PageSlice, TakesTheWindowAndCountsAll) {
  Page<std::string> p = Slice(std::vector<std::string>{"a", "b", "c", "d", "e"}, 1, 3);
  EXPECT_EQ(p.total, 5u);
  EXPECT_EQ(p.offset, 1u);
  EXPECT_EQ(p.limit, 3u);
  EXPECT_EQ(p.items, (std::vector<std::string>{"b", "c", "d"}));
}

TEST(PageSlice, OffsetPastTheEndIsEmpty) {
  Page<int> p = Slice(std::vector<int>{1, 2}, 5, 10);
  EXPECT_EQ(p.total, 2u);
  EXPECT_EQ(p.offset, 5u);
  EXPECT_TRUE(p.items.empty());
  p = Slice(std::vector<int>{1, 2, 3}, 2, 10);
  EXPECT_EQ(p.items, (std::vector<int>{3}));
  p = Slice(std::vector<int>{1, 2, 3}, UINT64_MAX, 10);
  EXPECT_TRUE(p.items.empty());
}

}  // namespace
}  // namespace osiedle
