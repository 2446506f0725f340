#include "daemon/modules/outages/store.hpp"

#include <gtest/gtest.h>

namespace osiedle::outages {
namespace {

Outage Sample() {
  Outage o;
  o.id = 7;
  o.kind = Kind::kIntercom;
  o.title = "Domofon nie działa";
  o.description = "Klatka B.\nSerwis jutro.";
  o.places = {Place{3, 0, ""}, Place{0, 12, "B"}};
  o.start_at = 1764547200;
  o.expected_end_at = 1764550800;
  o.status = OutageStatus::kOngoing;
  o.created_at = 1764540000;
  o.created_by = 5;
  o.updated_at = 1764548000;
  o.updates = {Update{1764548000, 5, "Serwisant w drodze.", OutageStatus::kOngoing, std::nullopt},
               Update{1764549000, 6, "Opóźnienie.", std::nullopt, int64_t{0}}};
  return o;
}

TEST(OutagesStore, OutageRoundTrips) {
  Outage o = Sample();
  auto back = store::DecodeOutage(7, store::EncodeOutage(o));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->kind, Kind::kIntercom);
  EXPECT_EQ(back->description, o.description);
  ASSERT_EQ(back->places.size(), 2u);
  EXPECT_EQ(back->places[1].staircase, "B");
  EXPECT_EQ(back->status, OutageStatus::kOngoing);
  ASSERT_EQ(back->updates.size(), 2u);
  EXPECT_EQ(back->updates[0].status, OutageStatus::kOngoing);
  EXPECT_FALSE(back->updates[0].expected_end_at.has_value());
  EXPECT_FALSE(back->updates[1].status.has_value());
  EXPECT_EQ(back->updates[1].expected_end_at, 0);
}

TEST(OutagesStore, RejectsTruncatedAndForeignValues) {
  std::string v = store::EncodeOutage(Sample());
  for (size_t n = 0; n < v.size(); ++n) EXPECT_FALSE(store::DecodeOutage(7, v.substr(0, n)).has_value()) << n;
  std::string other = v;
  other[0] = 2;  // unknown codec version
  EXPECT_FALSE(store::DecodeOutage(7, other).has_value());
  std::string bad_kind = v;
  bad_kind[1] = 42;
  EXPECT_FALSE(store::DecodeOutage(7, bad_kind).has_value());
}

TEST(OutagesModel, NamesRoundTripAndUnknownNamesAreRejected) {
  for (uint8_t i = 0; i <= 7; ++i) EXPECT_EQ(ParseKind(KindName(static_cast<Kind>(i))), static_cast<Kind>(i));
  EXPECT_EQ(KindName(Kind::kHotWater), "hot_water");
  EXPECT_EQ(ParseStatus("resolved"), OutageStatus::kResolved);
  EXPECT_FALSE(ParseKind("Water").has_value());
  EXPECT_FALSE(ParseStatus("done").has_value());
}

}  // namespace
}  // namespace osiedle::outages
