#include "daemon/modules/contractors/service.hpp"

#include <algorithm>
#include <iterator>

#include "daemon/core/utf8.hpp"
#include "daemon/modules/contractors/validate.hpp"
#include "daemon/core/words.hpp"

namespace osiedle::contractors {
namespace {

// A text field: CheckText, and for one-line fields no line breaks either.
Status CheckField(std::string& s, const char* field, size_t max_len, bool required, bool multiline = false) {
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(s, field, max_len, required));
  if (!multiline && utf8::HasControl(s, /*allow_line_breaks=*/false)) {
    return MakeError("field_invalid", field, "line break");
  }
  return {};
}

// a before b in the directory: recommended, then higher average (unrated last),
// then name, then id.
bool Before(const Summary& a, const Summary& b) {
  if (a.recommended != b.recommended) return a.recommended;
  if (a.rating_count == 0 || b.rating_count == 0) {
    if ((a.rating_count == 0) != (b.rating_count == 0)) return b.rating_count == 0;
  } else {
    // Compare the averages exactly: sum_a / count_a > sum_b / count_b.
    unsigned __int128 lhs = static_cast<unsigned __int128>(a.rating_sum) * b.rating_count;
    unsigned __int128 rhs = static_cast<unsigned __int128>(b.rating_sum) * a.rating_count;
    if (lhs != rhs) return lhs > rhs;
  }
  if (a.sort_name != b.sort_name) return a.sort_name < b.sort_name;
  return a.id < b.id;
}

std::vector<uint64_t> Intersect(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<uint64_t> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

bool Visible(const Contractor& c, const Viewer& v) { return c.active || v.staff; }

}  // namespace

Service::Service(storage::Env& env, const Clock& clock, audit::Service& audit)
    : env_(env), clock_(clock), audit_(audit), store_(env) {}

const std::vector<std::string>& Service::DefaultCategories() {
  static const auto* names = new std::vector<std::string>{
      "Elektryk", "Hydraulik", "Serwis RTV/AGD", "Projektant wnętrz", "Firma sprzątająca",
      "Ślusarz",  "Malarz",    "Glazurnik",      "Stolarz",           "Dekarz",
  };
  return *names;
}

void Service::Seed(storage::WriteTxn& txn) {
  for (const std::string& name : DefaultCategories()) {
    if (!store_.FindCategory(txn, utf8::Fold(name))) store_.AddCategory(txn, name);
  }
}

void Service::Audit(storage::WriteTxn& txn, const Actor& actor, std::string action, std::string target_type,
                    uint64_t target_id, std::string detail) {
  audit_.Append(txn, audit::MakeEntry(actor, std::move(action), std::move(target_type), target_id, std::move(detail)));
}

std::vector<Category> Service::Categories(const storage::ReadTxn& txn) const { return store_.Categories(txn); }

Result<Category> Service::CreateCategory(storage::WriteTxn& txn, const Actor& actor, std::string name) {
  OSIEDLE_RETURN_IF_ERROR(CheckField(name, "name", kMaxCategoryNameLen, true));
  if (store_.FindCategory(txn, utf8::Fold(name))) return MakeError("category_name_taken", "name");
  Category c{store_.AddCategory(txn, name), name};
  Audit(txn, actor, "contractor.category_create", "contractor_category", c.id, c.name);
  return c;
}

Status Service::CheckInput(const storage::ReadTxn& txn, ContractorInput& in) const {
  OSIEDLE_RETURN_IF_ERROR(CheckField(in.name, "name", kMaxNameLen, true));
  OSIEDLE_RETURN_IF_ERROR(CheckField(in.description, "description", kMaxDescriptionLen, false, true));
  OSIEDLE_RETURN_IF_ERROR(CheckField(in.phone, "phone", kMaxPhoneLen, false));
  if (!in.phone.empty() && !IsValidPhone(in.phone)) return MakeError("phone_invalid", "phone");
  OSIEDLE_RETURN_IF_ERROR(CheckField(in.email, "email", kMaxEmailLen, false));
  if (!in.email.empty() && !IsValidEmail(in.email)) return MakeError("email_invalid", "email");
  OSIEDLE_RETURN_IF_ERROR(CheckField(in.website, "website", kMaxWebsiteLen, false));
  if (!in.website.empty() && !IsValidWebsite(in.website)) return MakeError("url_invalid", "website");
  OSIEDLE_RETURN_IF_ERROR(CheckField(in.service_area, "service_area", kMaxAreaLen, false));
  OSIEDLE_RETURN_IF_ERROR(CheckField(in.hours, "hours", kMaxHoursLen, false));
  std::sort(in.category_ids.begin(), in.category_ids.end());
  in.category_ids.erase(std::unique(in.category_ids.begin(), in.category_ids.end()), in.category_ids.end());
  if (in.category_ids.size() > kMaxCategoriesPerContractor) return MakeError("field_invalid", "category_ids");
  for (uint64_t id : in.category_ids) {
    if (!store_.GetCategory(txn, id)) return MakeError("category_not_found", "category_ids", std::to_string(id));
  }
  return {};
}

std::vector<std::string> Service::IndexWords(const storage::ReadTxn& txn, const Contractor& c) const {
  std::string text = c.name;
  for (uint64_t id : c.category_ids) {
    if (auto cat = store_.GetCategory(txn, id)) text += " " + cat->name;
  }
  text += " " + c.description;
  return words::Words(text);
}

Result<Contractor> Service::Create(storage::WriteTxn& txn, const Actor& actor, ContractorInput input) {
  OSIEDLE_RETURN_IF_ERROR(CheckInput(txn, input));
  Contractor c;
  static_cast<ContractorInput&>(c) = std::move(input);
  c.id = store_.NextContractorId(txn);
  c.created_at = c.updated_at = clock_.NowUnix();
  store_.Put(txn, c, IndexWords(txn, c));
  Audit(txn, actor, "contractor.create", "contractor", c.id, c.name);
  return c;
}

Result<Contractor> Service::Update(storage::WriteTxn& txn, const Actor& actor, uint64_t id, ContractorInput input) {
  auto current = store_.Get(txn, id);
  if (!current) return MakeError("not_found");
  OSIEDLE_RETURN_IF_ERROR(CheckInput(txn, input));
  Contractor c = *current;
  static_cast<ContractorInput&>(c) = std::move(input);
  c.updated_at = clock_.NowUnix();
  store_.Put(txn, c, IndexWords(txn, c));
  Audit(txn, actor, "contractor.update", "contractor", c.id, c.name + (c.active ? "" : " (inactive)"));
  return c;
}

Status Service::Delete(storage::WriteTxn& txn, const Actor& actor, uint64_t id) {
  auto current = store_.Get(txn, id);
  if (!current) return MakeError("not_found");
  store_.Delete(txn, id);
  Audit(txn, actor, "contractor.delete", "contractor", id, current->name);
  return {};
}

Result<Contractor> Service::Get(const storage::ReadTxn& txn, uint64_t id, const Viewer& viewer) const {
  auto c = store_.Get(txn, id);
  if (!c || !Visible(*c, viewer)) return MakeError("not_found");
  return *c;
}

std::optional<std::vector<uint64_t>> Service::CandidateIds(const storage::ReadTxn& txn, const SearchQuery& q) const {
  std::optional<std::vector<uint64_t>> ids;
  if (q.category_id != 0) {
    ids = *category_ids_.GetVersioned(txn, store_.Version(txn), q.category_id,
                                      [&] { return store_.IdsInCategory(txn, q.category_id); });
  }
  const uint64_t version = store_.Version(txn);
  for (const std::string& word : words::QueryWords(q.q)) {
    if (ids && ids->empty()) break;
    auto matching = word_ids_.GetVersioned(txn, version, word, [&] { return store_.IdsWithWordPrefix(txn, word); });
    ids = ids ? Intersect(*ids, *matching) : *matching;
  }
  return ids;
}

Result<Page<Contractor>> Service::Search(const storage::ReadTxn& txn, const SearchQuery& query) const {
  std::string q = query.q;
  OSIEDLE_RETURN_IF_ERROR(utf8::CheckText(q, "q", kMaxQueryLen, false));
  if (query.limit == 0 || query.limit > kMaxPage) return MakeError("field_invalid", "limit");

  const auto summaries = Summaries(txn);
  std::vector<const Summary*> hits;
  auto keep = [&](const Summary& s) {
    if (s.active || query.include_inactive) hits.push_back(&s);
  };
  SearchQuery normalized = query;
  normalized.q = q;
  if (auto ids = CandidateIds(txn, normalized)) {
    for (uint64_t id : *ids) {
      if (auto it = summaries->find(id); it != summaries->end()) keep(it->second);
    }
  } else {
    for (const auto& [id, s] : *summaries) keep(s);
  }

  Page<Contractor> page;
  page.total = hits.size();
  page.offset = query.offset;
  page.limit = query.limit;
  if (query.offset >= hits.size()) return page;
  const size_t end = static_cast<size_t>(std::min<uint64_t>(hits.size(), query.offset + query.limit));
  // Only the requested page needs to be in order (Before is a total order: ties end on the id).
  std::partial_sort(hits.begin(), hits.begin() + end, hits.end(),
                    [](const Summary* a, const Summary* b) { return Before(*a, *b); });
  for (size_t i = query.offset; i < end; ++i) {
    if (auto c = store_.Get(txn, hits[i]->id)) page.items.push_back(std::move(*c));
  }
  return page;
}

std::shared_ptr<const std::unordered_map<uint64_t, Summary>> Service::Summaries(const storage::ReadTxn& txn) const {
  return summaries_.GetVersioned(txn, store_.Version(txn), 0, [&] {
    std::unordered_map<uint64_t, Summary> all;
    store_.ForEachSummary(txn, [&](Summary s) {
      const uint64_t id = s.id;
      all.emplace(id, std::move(s));
    });
    return all;
  });
}

Result<Review> Service::AddReview(storage::WriteTxn& txn, const Viewer& viewer, uint64_t contractor_id, int rating,
                                  std::string text) {
  auto c = store_.Get(txn, contractor_id);
  if (!c || !Visible(*c, viewer)) return MakeError("not_found");
  if (rating < 1 || rating > 5) return MakeError("field_invalid", "rating", "1-5");
  OSIEDLE_RETURN_IF_ERROR(CheckField(text, "text", kMaxReviewLen, false, true));
  if (store_.ReviewOf(txn, contractor_id, viewer.user_id)) return MakeError("review_exists");
  Review r;
  r.contractor_id = contractor_id;
  r.user_id = viewer.user_id;
  r.rating = rating;
  r.text = std::move(text);
  r.created_at = clock_.NowUnix();
  r.id = store_.PutReview(txn, r);
  c->rating_sum += static_cast<uint64_t>(rating);
  c->rating_count += 1;
  store_.PutRecord(txn, *c);
  return r;
}

Result<Page<Review>> Service::Reviews(const storage::ReadTxn& txn, const Viewer& viewer, uint64_t contractor_id,
                                      uint64_t offset, uint64_t limit) const {
  auto c = Get(txn, contractor_id, viewer);
  if (!c.ok()) return c.error();
  if (limit == 0 || limit > kMaxPage) return MakeError("field_invalid", "limit");
  Page<Review> page;
  page.offset = offset;
  page.limit = limit;
  store_.ForEachReview(txn, contractor_id, [&](const Review& r) {
    if (r.hidden && !viewer.staff) return true;
    if (page.total >= offset && page.items.size() < limit) page.items.push_back(r);
    ++page.total;
    return true;
  });
  return page;
}

std::optional<Review> Service::ReviewBy(const storage::ReadTxn& txn, uint64_t contractor_id, uint64_t user_id) const {
  auto id = store_.ReviewOf(txn, contractor_id, user_id);
  return id ? store_.GetReview(txn, *id) : std::nullopt;
}

Result<Review> Service::HideReview(storage::WriteTxn& txn, const Actor& actor, uint64_t review_id, std::string reason) {
  auto r = store_.GetReview(txn, review_id);
  if (!r) return MakeError("not_found");
  OSIEDLE_RETURN_IF_ERROR(CheckField(reason, "reason", kMaxHideReasonLen, true, true));
  if (!r->hidden) {
    if (auto c = store_.Get(txn, r->contractor_id)) {
      c->rating_sum -= std::min<uint64_t>(c->rating_sum, static_cast<uint64_t>(r->rating));
      c->rating_count -= std::min<uint64_t>(c->rating_count, 1);
      store_.PutRecord(txn, *c);
    }
  }
  r->hidden = true;
  r->hidden_reason = std::move(reason);
  r->hidden_by = actor.user_id;
  r->hidden_at = clock_.NowUnix();
  store_.PutReview(txn, *r);
  Audit(txn, actor, "contractor.review_hide", "contractor_review", r->id, r->hidden_reason);
  return *r;
}

Result<Review> Service::UnhideReview(storage::WriteTxn& txn, const Actor& actor, uint64_t review_id) {
  auto r = store_.GetReview(txn, review_id);
  if (!r) return MakeError("not_found");
  if (r->hidden) {
    if (auto c = store_.Get(txn, r->contractor_id)) {
      c->rating_sum += static_cast<uint64_t>(r->rating);
      c->rating_count += 1;
      store_.PutRecord(txn, *c);
    }
  }
  r->hidden = false;
  r->hidden_reason.clear();
  r->hidden_by = 0;
  r->hidden_at = 0;
  store_.PutReview(txn, *r);
  Audit(txn, actor, "contractor.review_unhide", "contractor_review", r->id, "");
  return *r;
}

}  // namespace osiedle::contractors
