#include "daemon/modules/groups/store.hpp"

#include "storage/codec.hpp"
#include "storage/links.hpp"

namespace osiedle::groups {
namespace {

constexpr uint8_t kGroupVersion = 1;

std::string IdKey(uint64_t id) { return storage::Key().U64(id); }
std::string PairKey(uint64_t a, uint64_t b) { return storage::Key().U64(a).U64(b); }
std::string NameKey(const std::string& folded) { return storage::Key().Str(folded); }

// Rule node: U8 op; leaf: U8 field, U64 id, Str staircase, I64 days; and/or: U64 n, n nodes.
void EncodeRule(storage::Writer& w, const Rule& r) {
  w.U8(static_cast<uint8_t>(r.op));
  if (r.op == Rule::Op::kLeaf) {
    w.U8(static_cast<uint8_t>(r.field)).U64(r.id).Str(r.staircase).I64(r.days);
    return;
  }
  w.U64(r.rules.size());
  for (const Rule& c : r.rules) EncodeRule(w, c);
}

// Bounded by the validation limits so a corrupt value cannot recurse or allocate without end.
bool DecodeRule(storage::Reader& rd, Rule& r, int depth, int& leaves) {
  if (depth > kMaxRuleDepth) return false;
  uint8_t op = rd.U8();
  if (op > static_cast<uint8_t>(Rule::Op::kOr)) return false;
  r.op = static_cast<Rule::Op>(op);
  if (r.op == Rule::Op::kLeaf) {
    uint8_t field = rd.U8();
    if (field > static_cast<uint8_t>(RuleField::kPendingVerification)) return false;
    r.field = static_cast<RuleField>(field);
    r.id = rd.U64();
    r.staircase = rd.Str();
    r.days = rd.I64();
    return rd.ok() && ++leaves <= kMaxRuleLeaves;
  }
  uint64_t n = rd.U64();
  if (!rd.ok() || n == 0 || n > kMaxRuleLeaves) return false;
  r.rules.resize(n);
  for (Rule& c : r.rules) {
    if (!DecodeRule(rd, c, depth + 1, leaves)) return false;
  }
  return true;
}

}  // namespace

Store::Store(storage::Env& env)
    : groups_(env.OpenTable("groups.groups")),
      by_name_(env.OpenTable("groups.groups.by_name")),
      members_(env.OpenTable("groups.members")),
      members_by_user_(env.OpenTable("groups.members.by_user")) {}

std::string Store::Encode(const Group& g) {
  storage::Writer w(kGroupVersion);
  w.Str(g.name).Str(g.description).U8(static_cast<uint8_t>(g.kind)).I64(g.created_at).I64(g.updated_at);
  if (g.kind == GroupKind::kRule) EncodeRule(w, g.rule);
  return w.Take();
}

std::optional<Group> Store::Decode(uint64_t id, std::string_view value) {
  storage::Reader rd(value);
  if (rd.version() != kGroupVersion) return std::nullopt;
  Group g;
  g.id = id;
  g.name = rd.Str();
  g.description = rd.Str();
  uint8_t kind = rd.U8();
  g.created_at = rd.I64();
  g.updated_at = rd.I64();
  if (!rd.ok() || kind > static_cast<uint8_t>(GroupKind::kRule)) return std::nullopt;
  g.kind = static_cast<GroupKind>(kind);
  int leaves = 0;
  if (g.kind == GroupKind::kRule && !DecodeRule(rd, g.rule, 1, leaves)) return std::nullopt;
  return g;
}

std::optional<Group> Store::Get(const storage::ReadTxn& txn, uint64_t id) const {
  auto v = txn.Get(groups_, IdKey(id));
  if (!v) return std::nullopt;
  return Decode(id, *v);
}

std::vector<Group> Store::List(const storage::ReadTxn& txn) const {
  std::vector<Group> out;
  txn.Scan(groups_, {}, [&](std::string_view k, std::string_view v) {
    if (k.size() != 8) return true;
    if (auto g = Decode(storage::GetU64BE(k), v)) out.push_back(std::move(*g));
    return true;
  });
  return out;
}

uint64_t Store::IdByName(const storage::ReadTxn& txn, const std::string& folded) const {
  auto v = txn.Get(by_name_, NameKey(folded));
  return v && v->size() == 8 ? storage::GetU64BE(*v) : 0;
}

void Store::Put(storage::WriteTxn& txn, const Group& g, const std::string& folded,
                const std::string& old_folded) const {
  if (!old_folded.empty() && old_folded != folded) txn.Del(by_name_, NameKey(old_folded));
  txn.Put(by_name_, NameKey(folded), IdKey(g.id));
  txn.Put(groups_, IdKey(g.id), Encode(g));
}

void Store::Delete(storage::WriteTxn& txn, uint64_t id, const std::string& folded) const {
  SetMembers(txn, id, {});
  txn.Del(by_name_, NameKey(folded));
  txn.Del(groups_, IdKey(id));
}

void Store::SetMembers(storage::WriteTxn& txn, uint64_t group_id, const std::vector<uint64_t>& user_ids) const {
  storage::ReplaceLinks(txn, members_, members_by_user_, group_id, user_ids);
}

std::vector<uint64_t> Store::Members(const storage::ReadTxn& txn, uint64_t group_id) const {
  return storage::LinkedTo(txn, members_, group_id);
}

bool Store::HasMember(const storage::ReadTxn& txn, uint64_t group_id, uint64_t user_id) const {
  return txn.Contains(members_, PairKey(group_id, user_id));
}

std::vector<uint64_t> Store::StaticGroupsOf(const storage::ReadTxn& txn, uint64_t user_id) const {
  return storage::LinkedTo(txn, members_by_user_, user_id);
}

}  // namespace osiedle::groups
