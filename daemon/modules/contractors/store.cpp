#include "daemon/modules/contractors/store.hpp"

#include <algorithm>

#include "daemon/core/utf8.hpp"
#include "storage/codec.hpp"
#include "storage/links.hpp"

namespace osiedle::contractors {
namespace {

constexpr uint8_t kCategoryVersion = 1;
constexpr uint8_t kContractorVersion = 1;
constexpr uint8_t kSummaryVersion = 1;
constexpr uint8_t kReviewVersion = 1;

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }
std::string PairKey(uint64_t a, uint64_t b) { return storage::Key().U64(a).U64(b); }
// contractors.words: the word, a 0x00 terminator, the contractor id. Words
// never hold NUL.
std::string WordKey(std::string_view word, uint64_t id) { return storage::Key().Str(word).U64(id); }

std::string EncodeU64(uint64_t v) {
  std::string s;
  storage::PutU64BE(s, v);
  return s;
}

std::string EncodeContractor(const Contractor& c) {
  storage::Writer w(kContractorVersion);
  w.Str(c.name).U64List(c.category_ids).Str(c.description).Str(c.phone).Str(c.email).Str(c.website);
  w.Str(c.service_area).Str(c.hours).Bool(c.recommended).Bool(c.active).I64(c.created_at).I64(c.updated_at);
  w.U64(c.rating_sum).U64(c.rating_count);
  return w.Take();
}

std::optional<Contractor> DecodeContractor(uint64_t id, std::string_view v) {
  storage::Reader r(v);
  if (r.version() != kContractorVersion) return std::nullopt;
  Contractor c;
  c.id = id;
  c.name = r.Str();
  c.category_ids = r.U64List();
  c.description = r.Str();
  c.phone = r.Str();
  c.email = r.Str();
  c.website = r.Str();
  c.service_area = r.Str();
  c.hours = r.Str();
  c.recommended = r.Bool();
  c.active = r.Bool();
  c.created_at = r.I64();
  c.updated_at = r.I64();
  c.rating_sum = r.U64();
  c.rating_count = r.U64();
  if (!r.ok()) return std::nullopt;
  return c;
}

std::string EncodeSummary(const Contractor& c) {
  storage::Writer w(kSummaryVersion);
  w.Bool(c.active).Bool(c.recommended).U64(c.rating_sum).U64(c.rating_count).Str(utf8::Fold(c.name));
  w.U64List(c.category_ids);
  return w.Take();
}

std::optional<Summary> DecodeSummary(uint64_t id, std::string_view v) {
  storage::Reader r(v);
  if (r.version() != kSummaryVersion) return std::nullopt;
  Summary s;
  s.id = id;
  s.active = r.Bool();
  s.recommended = r.Bool();
  s.rating_sum = r.U64();
  s.rating_count = r.U64();
  s.sort_name = r.Str();
  s.category_ids = r.U64List();
  if (!r.ok()) return std::nullopt;
  return s;
}

std::string EncodeReview(const Review& rv) {
  storage::Writer w(kReviewVersion);
  w.U64(rv.contractor_id).U64(rv.user_id).U8(static_cast<uint8_t>(rv.rating)).Str(rv.text).I64(rv.created_at);
  w.Bool(rv.hidden).Str(rv.hidden_reason).U64(rv.hidden_by).I64(rv.hidden_at);
  return w.Take();
}

std::optional<Review> DecodeReview(uint64_t id, std::string_view v) {
  storage::Reader r(v);
  if (r.version() != kReviewVersion) return std::nullopt;
  Review rv;
  rv.id = id;
  rv.contractor_id = r.U64();
  rv.user_id = r.U64();
  rv.rating = r.U8();
  rv.text = r.Str();
  rv.created_at = r.I64();
  rv.hidden = r.Bool();
  rv.hidden_reason = r.Str();
  rv.hidden_by = r.U64();
  rv.hidden_at = r.I64();
  if (!r.ok()) return std::nullopt;
  return rv;
}

}  // namespace

Store::Store(storage::Env& env)
    : categories_(env.OpenTable("contractors.categories")),
      category_names_(env.OpenTable("contractors.categories.by_name")),
      contractors_(env.OpenTable("contractors.contractors")),
      summaries_(env.OpenTable("contractors.summaries")),
      by_category_(env.OpenTable("contractors.by_category")),
      words_(env.OpenTable("contractors.words")),
      words_of_(env.OpenTable("contractors.words.by_contractor")),
      reviews_(env.OpenTable("contractors.reviews")),
      reviews_by_contractor_(env.OpenTable("contractors.reviews.by_contractor")),
      reviews_by_user_(env.OpenTable("contractors.reviews.by_user")),
      version_(env.OpenTable("contractors.version")) {}

uint64_t Store::Version(const storage::ReadTxn& txn) const {
  auto v = txn.Get(version_, "v");
  return v && v->size() == 8 ? storage::GetU64BE(*v) : 0;
}

void Store::BumpVersion(storage::WriteTxn& txn) {
  std::string v;
  storage::PutU64BE(v, Version(txn) + 1);
  txn.Put(version_, "v", v);
}

std::vector<Category> Store::Categories(const storage::ReadTxn& txn) const {
  std::vector<Category> out;
  txn.Scan(categories_, {}, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return true;
    storage::Reader r(v);
    Category c{storage::GetU64BE(k), r.Str()};
    if (r.ok() && r.version() == kCategoryVersion) out.push_back(std::move(c));
    return true;
  });
  return out;
}

std::optional<Category> Store::GetCategory(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(categories_, IdKey(id));
  if (!v) return std::nullopt;
  storage::Reader r(*v);
  Category c{id, r.Str()};
  if (!r.ok() || r.version() != kCategoryVersion) return std::nullopt;
  return c;
}

std::optional<uint64_t> Store::FindCategory(const storage::ReadTxn& txn, std::string_view folded) const {
  auto v = txn.Get(category_names_, folded);
  if (!v || v->size() != 8) return std::nullopt;
  return storage::GetU64BE(*v);
}

uint64_t Store::AddCategory(storage::WriteTxn& txn, const std::string& name) {
  BumpVersion(txn);
  uint64_t id = txn.NextId(categories_);
  storage::Writer w(kCategoryVersion);
  w.Str(name);
  txn.Put(categories_, IdKey(id), w.data());
  txn.Put(category_names_, utf8::Fold(name), EncodeU64(id));
  return id;
}

uint64_t Store::NextContractorId(storage::WriteTxn& txn) { return txn.NextId(contractors_); }

std::optional<Contractor> Store::Get(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(contractors_, IdKey(id));
  if (!v) return std::nullopt;
  return DecodeContractor(id, *v);
}

std::optional<Summary> Store::GetSummary(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(summaries_, IdKey(id));
  if (!v) return std::nullopt;
  return DecodeSummary(id, *v);
}

void Store::PutRecord(storage::WriteTxn& txn, const Contractor& c) {
  BumpVersion(txn);
  txn.Put(contractors_, IdKey(c.id), EncodeContractor(c));
  txn.Put(summaries_, IdKey(c.id), EncodeSummary(c));
}

void Store::Unindex(storage::WriteTxn& txn, uint64_t id) {
  // Old words are read from the reverse table and old links from the stored
  // record, so whatever was indexed before (under the old name, description or
  // categories) is removed exactly.
  if (auto old = Get(txn, id)) {
    for (uint64_t cat : old->category_ids) txn.Del(by_category_, PairKey(cat, id));
  }
  std::vector<std::string> old_words;
  txn.Scan(words_of_, IdKey(id), [&](std::string_view k, std::string_view) {
    old_words.emplace_back(k.substr(8));
    return true;
  });
  for (const auto& w : old_words) txn.Del(words_, WordKey(w, id));
  txn.DelPrefix(words_of_, IdKey(id));
}

void Store::Put(storage::WriteTxn& txn, const Contractor& c, const std::vector<std::string>& words) {
  BumpVersion(txn);
  Unindex(txn, c.id);
  PutRecord(txn, c);
  for (uint64_t cat : c.category_ids) txn.Put(by_category_, PairKey(cat, c.id), {});
  for (const auto& w : words) {
    txn.Put(words_, WordKey(w, c.id), {});
    txn.Put(words_of_, IdKey(c.id) + w, {});
  }
}

void Store::Delete(storage::WriteTxn& txn, uint64_t id) {
  BumpVersion(txn);
  Unindex(txn, id);
  txn.Del(contractors_, IdKey(id));
  txn.Del(summaries_, IdKey(id));
  for (uint64_t rid : storage::LinkedTo(txn, reviews_by_contractor_, id)) txn.Del(reviews_, IdKey(rid));
  txn.DelPrefix(reviews_by_contractor_, IdKey(id));
  txn.DelPrefix(reviews_by_user_, IdKey(id));
}

std::vector<uint64_t> Store::IdsWithWordPrefix(const storage::ReadTxn& txn, std::string_view prefix) const {
  std::vector<uint64_t> out;
  txn.Scan(words_, prefix, [&](std::string_view k, std::string_view) {
    if (k.size() >= 9) out.push_back(storage::GetU64BE(k.substr(k.size() - 8)));
    return true;
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<uint64_t> Store::IdsInCategory(const storage::ReadTxn& txn, uint64_t category_id) const {
  return storage::LinkedTo(txn, by_category_, category_id);
}

void Store::ForEachSummary(const storage::ReadTxn& txn, const std::function<void(Summary)>& fn) const {
  txn.Scan(summaries_, {}, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return true;
    if (auto s = DecodeSummary(storage::GetU64BE(k), v)) fn(std::move(*s));
    return true;
  });
}

std::optional<Review> Store::GetReview(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(reviews_, IdKey(id));
  if (!v) return std::nullopt;
  return DecodeReview(id, *v);
}

std::optional<uint64_t> Store::ReviewOf(const storage::ReadTxn& txn, uint64_t contractor_id, uint64_t user_id) const {
  auto v = txn.Get(reviews_by_user_, PairKey(contractor_id, user_id));
  if (!v || v->size() != 8) return std::nullopt;
  return storage::GetU64BE(*v);
}

uint64_t Store::PutReview(storage::WriteTxn& txn, Review r) {
  BumpVersion(txn);
  if (r.id == 0) r.id = txn.NextId(reviews_);
  txn.Put(reviews_, IdKey(r.id), EncodeReview(r));
  txn.Put(reviews_by_contractor_, PairKey(r.contractor_id, r.id), {});
  txn.Put(reviews_by_user_, PairKey(r.contractor_id, r.user_id), EncodeU64(r.id));
  return r.id;
}

void Store::ForEachReview(const storage::ReadTxn& txn, uint64_t contractor_id,
                          const std::function<bool(const Review&)>& fn) const {
  txn.Scan(
      reviews_by_contractor_, IdKey(contractor_id),
      [&](std::string_view k, std::string_view) {
        if (k.size() != 16) return true;
        auto r = GetReview(txn, storage::GetU64BE(k.substr(8)));
        return !r || fn(*r);
      },
      storage::Direction::kBackward);
}

}  // namespace osiedle::contractors
