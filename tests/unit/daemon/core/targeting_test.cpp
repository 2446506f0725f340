#include "daemon/core/targeting.hpp"

#include <gtest/gtest.h>

namespace osiedle::targeting {
namespace {

TEST(Targeting, EmptyTargetsReachEveryone) {
  EXPECT_TRUE(Targets({}, {}));
  EXPECT_TRUE(Targets({}, {3, 7}));
}

TEST(Targeting, TargetedReachesOnlyMembersOfOneOfTheGroups) {
  EXPECT_TRUE(Targets({2, 5, 9}, {1, 9}));
  EXPECT_TRUE(Targets({5}, {1, 2, 3, 4, 5}));
  EXPECT_FALSE(Targets({2, 5, 9}, {}));
  EXPECT_FALSE(Targets({2, 5, 9}, {1, 3, 6, 10}));
}

TEST(Targeting, IntersectsWalksBothAscendingLists) {
  EXPECT_FALSE(Intersects({}, {1}));
  EXPECT_FALSE(Intersects({1}, {}));
  EXPECT_TRUE(Intersects({1, 4, 8}, {2, 3, 8}));
  EXPECT_FALSE(Intersects({1, 4, 8}, {2, 3, 9}));
  EXPECT_TRUE(Intersects({UINT64_MAX}, {0, UINT64_MAX}));
}

}  // namespace
}  // namespace osiedle::targeting
