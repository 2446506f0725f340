#pragma once
// The contractor directory ("Znajdź wykonawcę") as the service hands it out.
// See service.hpp for the rules and storage/FORMAT.md ("contractors") for the
// bytes.
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/core/actor.hpp"
#include "daemon/core/page.hpp"

namespace osiedle::contractors {

// Field limits in code points (the routes and the service enforce the same
// numbers).
inline constexpr size_t kMaxCategoryNameLen = 100;
inline constexpr size_t kMaxNameLen = 200;
inline constexpr size_t kMaxDescriptionLen = 2000;
inline constexpr size_t kMaxPhoneLen = 32;
inline constexpr size_t kMaxEmailLen = 254;
inline constexpr size_t kMaxWebsiteLen = 500;
inline constexpr size_t kMaxAreaLen = 200;
inline constexpr size_t kMaxHoursLen = 200;
inline constexpr size_t kMaxCategoriesPerContractor = 20;
inline constexpr size_t kMaxReviewLen = 1000;
inline constexpr size_t kMaxHideReasonLen = 500;
inline constexpr size_t kMaxQueryLen = 200;
inline constexpr uint64_t kMaxPage = 100;

struct Category {
  uint64_t id = 0;
  std::string name;
};

// What staff send to create or replace a contractor.
struct ContractorInput {
  std::string name;
  std::vector<uint64_t> category_ids;
  std::string description;
  std::string phone;
  std::string email;
  std::string website;       // "" or an http:// / https:// URL
  std::string service_area;  // "Bemowo, Wola"
  std::string hours;         // "pn-pt 8-18"
  bool recommended = false;  // "polecany przez spółdzielnię"
  bool active = true;        // inactive contractors are visible to staff only

  bool operator==(const ContractorInput&) const = default;
};

struct Contractor : ContractorInput {
  uint64_t id = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  uint64_t rating_sum = 0;    // over visible reviews
  uint64_t rating_count = 0;  // visible reviews

  // Average of visible ratings, 0 when there are none.
  double Average() const { return rating_count == 0 ? 0.0 : static_cast<double>(rating_sum) / rating_count; }
  bool operator==(const Contractor&) const = default;
};

struct Review {
  uint64_t id = 0;
  uint64_t contractor_id = 0;
  uint64_t user_id = 0;
  int rating = 0;  // 1..5
  std::string text;
  int64_t created_at = 0;
  bool hidden = false;
  std::string hidden_reason;
  uint64_t hidden_by = 0;
  int64_t hidden_at = 0;
};

// Who asks: staff (contractors:manage) see inactive contractors and hidden
// reviews.
using osiedle::Viewer;  // daemon/core/actor.hpp
using osiedle::Actor;

struct SearchQuery {
  std::string q;             // free text; every word must prefix-match a word of the contractor
  uint64_t category_id = 0;  // 0 = any
  bool include_inactive = false;
  uint64_t offset = 0;
  uint64_t limit = 20;  // 1..kMaxPage
};

using osiedle::Page;  // daemon/core/page.hpp

}  // namespace osiedle::contractors
