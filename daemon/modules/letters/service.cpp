#include "daemon/modules/letters/service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "daemon/core/uri.hpp"

namespace osiedle::letters {
namespace {

constexpr size_t kAuditedFlatIds = 50;  // the audit detail names at most this many flat ids

// Flat numbers in the order people expect: "2" before "10", "12" before "12A".
bool NaturalLess(std::string_view a, std::string_view b) {
  auto split = [](std::string_view s) {
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    std::string_view digits = s.substr(0, i);
    while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
    return std::tuple(i == 0, digits.size(), digits, s.substr(i));
  };
  return split(a) < split(b);
}

std::string SelectionDetail(const Selection& s) {
  if (s.building_id != 0) return "building=" + std::to_string(s.building_id);
  if (s.flat_ids.empty()) return "all";
  std::string out = "flats=";
  for (size_t i = 0; i < s.flat_ids.size() && i < kAuditedFlatIds; ++i) {
    if (i > 0) out += ",";
    out += std::to_string(s.flat_ids[i]);
  }
  if (s.flat_ids.size() > kAuditedFlatIds) out += ",...";
  return out;
}

}  // namespace

Service::Service(storage::Env& env, const Clock& clock, identity::Service& identity, audit::Service& audit,
                 std::string public_url)
    : clock_(clock), identity_(identity), audit_(audit), store_(env), public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

std::string Service::RegistrationUrl(std::string_view public_url, uint64_t building_id, std::string_view flat_number,
                                     std::string_view code) {
  return std::string(public_url) + "/#/rejestracja?budynek=" + std::to_string(building_id) +
         "&lokal=" + uri::PercentEncode(flat_number) + "&kod=" + std::string(code);
}

Result<std::vector<IssuedLetter>> Service::Select(const storage::ReadTxn& txn, const Selection& sel) const {
  if (sel.building_id != 0 && !sel.flat_ids.empty()) {
    return MakeError("field_invalid", "flat_ids", "give building_id or flat_ids, not both");
  }
  std::vector<identity::Flat> flats;
  if (sel.building_id != 0) {
    if (!identity_.GetBuilding(txn, sel.building_id)) return MakeError("building_not_found", "building_id");
    flats = identity_.ListFlats(txn, sel.building_id);
  } else if (!sel.flat_ids.empty()) {
    std::set<uint64_t> seen;
    for (uint64_t id : sel.flat_ids) {
      if (!seen.insert(id).second) continue;
      auto f = identity_.GetFlat(txn, id);
      if (!f) return MakeError("flat_not_found", "flat_ids", std::to_string(id));
      flats.push_back(std::move(*f));
    }
  } else {
    for (const identity::Building& b : identity_.ListBuildings(txn, 0)) {
      for (identity::Flat& f : identity_.ListFlats(txn, b.id)) flats.push_back(std::move(f));
    }
  }
  if (flats.empty()) return MakeError("letters_none");

  std::map<uint64_t, std::pair<std::string, std::string>> places;  // building → (estate name, address)
  std::vector<IssuedLetter> out;
  out.reserve(flats.size());
  for (identity::Flat& f : flats) {
    auto it = places.find(f.building_id);
    if (it == places.end()) {
      std::pair<std::string, std::string> p;
      if (auto b = identity_.GetBuilding(txn, f.building_id)) {
        p.second = b->address;
        if (auto e = identity_.GetEstate(txn, b->estate_id)) p.first = e->name;
      }
      it = places.emplace(f.building_id, std::move(p)).first;
    }
    IssuedLetter l;
    l.flat_id = f.id;
    l.building_id = f.building_id;
    l.estate_name = it->second.first;
    l.building_address = it->second.second;
    l.staircase = std::move(f.staircase);
    l.flat_number = std::move(f.number);
    out.push_back(std::move(l));
  }
  std::stable_sort(out.begin(), out.end(), [](const IssuedLetter& a, const IssuedLetter& b) {
    if (a.estate_name != b.estate_name) return a.estate_name < b.estate_name;
    if (a.building_address != b.building_address) return NaturalLess(a.building_address, b.building_address);
    if (a.staircase != b.staircase) return NaturalLess(a.staircase, b.staircase);
    return NaturalLess(a.flat_number, b.flat_number);
  });
  return out;
}

uint64_t Service::RevokeActive(storage::WriteTxn& txn, uint64_t flat_id, const Actor& actor) {
  uint64_t n = 0;
  for (LetterCode& c : store_.ListByFlat(txn, flat_id)) {
    if (c.status != CodeStatus::kActive) continue;
    c.status = CodeStatus::kRevoked;
    c.revoked_at = clock_.NowUnix();
    c.revoked_by = actor.user_id;
    store_.Put(txn, c);
    ++n;
  }
  return n;
}

Result<std::vector<IssuedLetter>> Service::Issue(const Selection& selection, const Actor& actor) {
  // Codes are drawn inside the transaction: if Update retries, the retry draws (and returns) new ones.
  return store_.env().Update([&](storage::WriteTxn& txn) -> Result<std::vector<IssuedLetter>> {
    auto letters = Select(txn, selection);
    if (!letters.ok()) return letters.error();
    uint64_t revoked = 0;
    const int64_t now = clock_.NowUnix();
    for (IssuedLetter& l : *letters) {
      revoked += RevokeActive(txn, l.flat_id, actor);
      LetterCode c;
      c.flat_id = l.flat_id;
      c.created_at = now;
      c.created_by = actor.user_id;
      std::string code;
      do {  // a repeat of a 60-bit code is all but impossible; if it happens, draw again
        code = NewCode();
        c.code_hash = CodeHash(code);
      } while (!store_.Insert(txn, &c));
      l.code = FormatCode(code);
      l.url = RegistrationUrl(public_url_, l.building_id, l.flat_number, l.code);
    }
    audit_.Append(txn, audit::MakeEntry(actor, "letters.issue", selection.building_id ? "building" : "flats",
                                        selection.building_id,
                                        "count=" + std::to_string(letters->size()) +
                                            " revoked=" + std::to_string(revoked) + " " + SelectionDetail(selection)));
    return letters;
  });
}

Result<std::vector<LetterCode>> Service::ListForFlat(uint64_t flat_id) const {
  return store_.env().View([&](const storage::ReadTxn& txn) -> Result<std::vector<LetterCode>> {
    if (!identity_.GetFlat(txn, flat_id)) return MakeError("flat_not_found");
    return store_.ListByFlat(txn, flat_id);
  });
}

Status Service::Revoke(uint64_t code_id, const Actor& actor) {
  return store_.env().Update([&](storage::WriteTxn& txn) -> Status {
    auto c = store_.Get(txn, code_id);
    if (!c) return MakeError("not_found");
    if (c->status != CodeStatus::kActive) return MakeError("letter_code_not_active");
    c->status = CodeStatus::kRevoked;
    c->revoked_at = clock_.NowUnix();
    c->revoked_by = actor.user_id;
    store_.Put(txn, *c);
    audit_.Append(
        txn, audit::MakeEntry(actor, "letter_code.revoke", "letter_code", c->id, "flat=" + std::to_string(c->flat_id)));
    return Ok{};
  });
}

std::optional<LetterCode> Service::Find(const storage::ReadTxn& txn, uint64_t flat_id, std::string_view typed) const {
  auto code = NormalizeCode(typed);
  if (!code) return std::nullopt;
  auto c = store_.FindByHash(txn, CodeHash(*code));
  if (!c || c->status != CodeStatus::kActive || c->flat_id != flat_id) return std::nullopt;
  return c;
}

bool Service::IsValid(const storage::ReadTxn& txn, uint64_t flat_id, std::string_view typed) const {
  return Find(txn, flat_id, typed).has_value();
}

bool Service::Consume(storage::WriteTxn& txn, uint64_t flat_id, std::string_view typed, uint64_t user_id) {
  auto c = Find(txn, flat_id, typed);
  if (!c) return false;
  c->status = CodeStatus::kUsed;
  c->used_at = clock_.NowUnix();
  c->used_by_user_id = user_id;
  store_.Put(txn, *c);
  return true;
}

}  // namespace osiedle::letters
