// Service: the groups-facing reads, sign-up with the KW check, and the verification queue.
// Account administration is in users_admin.cpp.
#include "daemon/modules/identity/service.hpp"

#include <algorithm>
#include <cctype>

#include "daemon/core/kw.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/modules/identity/mails.hpp"
#include "daemon/modules/identity/validation.hpp"

namespace osiedle::identity {

struct Service::ClaimTarget {
  Building building;
  Flat flat;
  bool kw_match = false;  // the proof matched the register (see Registration::kw_match)
};

struct Service::Proof {
  ProofKind kind = ProofKind::kKw;
  std::string kw;             // canonical, or ""
  std::string member_number;  // trimmed, or ""
  std::string letter_code;    // as typed, or ""
};

namespace {

constexpr size_t kMaxMemberNumberLen = 32;

// Member numbers compare without spaces and dashes, ASCII case ignored ("ab-12 3" = "AB123").
std::string MemberKey(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string ProofDetail(const Registration& reg) {
  switch (reg.proof) {
    case ProofKind::kMemberNumber:
      return reg.kw_match ? "member_match=1" : "member_match=0";
    case ProofKind::kLetterCode:
      return "letter_code=1";
    case ProofKind::kKw:
      break;
  }
  return reg.kw_match ? "kw_match=1" : "kw_match=0";
}

}  // namespace

Service::Service(Store& store, roles::Service& roles, audit::Service& audit, outbox::Service& outbox,
                 const Clock& clock, Options options)
    : ServiceBase(store, roles, audit, outbox, clock, std::move(options)) {}

void Service::ForEachUser(const storage::ReadTxn& txn, const std::function<bool(const User&)>& fn) const {
  store_.ForEachUser(txn, fn);
}

std::optional<User> Service::GetUser(const storage::ReadTxn& txn, uint64_t id) const { return store_.GetUser(txn, id); }

std::vector<Flat> Service::VerifiedFlatsOf(const storage::ReadTxn& txn, uint64_t user_id) const {
  std::vector<Flat> out;
  for (const Ownership& o : store_.OwnershipsOf(txn, user_id)) {
    if (o.status != OwnershipStatus::kVerified) continue;
    if (auto f = store_.GetFlat(txn, o.flat_id)) out.push_back(std::move(*f));
  }
  return out;
}

std::optional<Building> Service::GetBuilding(const storage::ReadTxn& txn, uint64_t id) const {
  return store_.GetBuilding(txn, id);
}

std::optional<Flat> Service::GetFlat(const storage::ReadTxn& txn, uint64_t id) const { return store_.GetFlat(txn, id); }

std::vector<Flat> Service::ListFlats(const storage::ReadTxn& txn, uint64_t building_id) const {
  return store_.ListFlats(txn, building_id);
}

std::optional<Estate> Service::GetEstate(const storage::ReadTxn& txn, uint64_t id) const {
  return store_.GetEstate(txn, id);
}

std::vector<Estate> Service::ListEstates(const storage::ReadTxn& txn) const { return store_.ListEstates(txn); }

std::vector<Building> Service::ListBuildings(const storage::ReadTxn& txn, uint64_t estate_id) const {
  return store_.ListBuildings(txn, estate_id);
}

std::vector<std::string> Service::StaircasesOf(const storage::ReadTxn& txn, uint64_t building_id) const {
  std::vector<std::string> out;
  for (const Flat& f : store_.ListFlats(txn, building_id)) {
    if (!f.staircase.empty()) out.push_back(f.staircase);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Service::HasPendingRegistration(const storage::ReadTxn& txn, uint64_t user_id) const {
  for (const Registration& r : store_.RegistrationsOf(txn, user_id)) {
    if (r.status == RegistrationStatus::kPending) return true;
  }
  return false;
}

void Service::SetGroupHooks(GroupMemberFn is_member, GroupsOfFn groups_of) {
  is_member_ = std::move(is_member);
  groups_of_ = std::move(groups_of);
}

void Service::SetLetterHooks(LetterHooks hooks) { letters_ = std::move(hooks); }

Result<Service::Proof> Service::CheckProof(const RegistrationInput& in) const {
  Proof p;
  if (!utf8::Trim(in.letter_code).empty()) {
    p.kind = ProofKind::kLetterCode;
    p.letter_code = in.letter_code;
    return p;  // whether it is valid for the flat is CheckClaim's question
  }
  const std::string& mode = options_.registration_proof;
  if (mode == "letter-code") return MakeError("field_required", "letter_code");
  if (mode == "member-number") {
    if (!utf8::IsValid(in.member_number)) return MakeError("utf8_invalid", "member_number");
    p.kind = ProofKind::kMemberNumber;
    p.member_number = std::string(utf8::Trim(in.member_number));
    if (p.member_number.empty()) return MakeError("field_required", "member_number");
    if (utf8::Length(p.member_number) > kMaxMemberNumberLen) return MakeError("field_too_long", "member_number");
    return p;
  }
  if (utf8::Trim(in.kw_number).empty()) return MakeError("field_required", "kw_number");
  auto kw = kw::Normalize(in.kw_number);
  if (!kw.ok()) return MakeError(kw.error().code, "kw_number", kw.error().detail);
  p.kw = std::move(*kw);
  return p;
}

Result<Service::ClaimTarget> Service::CheckClaim(const storage::ReadTxn& t, uint64_t building_id,
                                                 std::string_view flat_number, const Proof& proof) const {
  ClaimTarget c;
  auto b = store_.GetBuilding(t, building_id);
  if (!b) return MakeError("building_not_found", "building");
  auto f = store_.FindFlat(t, building_id, flat_number);
  if (!f) return MakeError("flat_not_found", "flat");
  switch (proof.kind) {
    case ProofKind::kLetterCode:
      // Wrong, used, revoked and another flat's codes all answer the same: no oracle.
      if (!letters_.is_valid || !letters_.is_valid(t, f->id, proof.letter_code)) {
        return MakeError("letter_code_invalid", "letter_code");
      }
      c.kw_match = true;
      break;
    case ProofKind::kMemberNumber: {
      const std::string registered = MemberKey(f->member_number);
      c.kw_match = !registered.empty() && registered == MemberKey(proof.member_number);
      break;
    }
    case ProofKind::kKw:
      c.kw_match = !f->kw_number.empty() && f->kw_number == proof.kw;
      break;
  }
  c.building = std::move(*b);
  c.flat = std::move(*f);
  return c;
}

Status Service::CreateClaim(storage::WriteTxn& t, User& user, uint64_t building_id, std::string_view flat_number,
                            const Proof& proof, const Actor& actor, RegistrationReceipt* out) {
  auto target = CheckClaim(t, building_id, flat_number, proof);
  if (!target.ok()) return target.error();
  auto existing = store_.GetOwnership(t, user.id, target->flat.id);
  if (existing && *existing != OwnershipStatus::kRejected) return MakeError("ownership_exists", "flat");
  store_.PutOwnership(t, {user.id, target->flat.id, OwnershipStatus::kPending});

  Registration reg;
  reg.user_id = user.id;
  reg.flat_id = target->flat.id;
  reg.kw_number = proof.kw;
  reg.kw_match = target->kw_match;
  reg.proof = proof.kind;
  reg.member_number = proof.member_number;
  reg.consents_version = user.consents_version;
  reg.created_at = clock_.NowUnix();
  store_.InsertRegistration(t, &reg);
  audit_.Append(t, Audit(actor, "registration.create", "registration", reg.id, user.id, ProofDetail(reg)));
  out->registration_id = reg.id;
  out->user_id = user.id;

  if (proof.kind == ProofKind::kLetterCode) {
    // Consumed in this transaction: two registrations racing with one code cannot both commit.
    if (!letters_.consume || !letters_.consume(t, target->flat.id, proof.letter_code, user.id)) {
      return MakeError("letter_code_invalid", "letter_code");
    }
  }
  if (proof.kind == ProofKind::kLetterCode || (options_.auto_approve_on_kw_match && reg.kw_match)) {
    out->verified = true;
    return ApproveInTxn(t, reg, Actor{0, actor.ip, actor.user_agent});
  }
  std::string label = FlatLabel(target->building, target->flat, user.lang);
  return EnqueueStatus(outbox_.Enqueue(t, RegistrationReceivedMail(user, label)));
}

Result<RegistrationReceipt> Service::Register(const RegistrationInput& in, const Actor& actor) {
  User user;
  auto first = NormalizeName(in.first_name, "first_name");
  if (!first.ok()) return first.error();
  auto last = NormalizeName(in.last_name, "last_name");
  if (!last.ok()) return last.error();
  auto email = NormalizeEmail(in.email);
  if (!email.ok()) return email.error();
  auto phone = NormalizePhone(in.phone);
  if (!phone.ok()) return phone.error();
  OSIEDLE_RETURN_IF_ERROR(CheckPassword(in.password, *email));
  auto proof = CheckProof(in);
  if (!proof.ok()) return proof.error();
  if (!in.consent_terms) return MakeError("consent_required", "consents.terms");
  if (!in.consent_rodo) return MakeError("consent_required", "consents.rodo");
  if (in.consents_version != kConsentsVersion) return MakeError("consent_required", "consents.version");

  const bool letter = proof->kind == ProofKind::kLetterCode;
  if (letter) {
    const int64_t wait = letter_guesses_.RetryAfter(actor.ip, clock_.NowUnix());
    if (wait > 0) return MakeError("rate_limited", "", std::to_string(wait));
  }
  // Cheap checks first so that a taken e-mail or a wrong flat costs no argon2 hash.
  Status pre = store_.env().View([&](const storage::ReadTxn& t) -> Status {
    if (store_.FindUserByEmail(t, *email)) return MakeError("email_taken", "email");
    auto c = CheckClaim(t, in.building_id, in.flat_number, *proof);
    if (!c.ok()) return c.error();
    return Ok{};
  });
  if (letter && !pre.ok() && pre.error().code == "letter_code_invalid") {
    letter_guesses_.Failure(actor.ip, clock_.NowUnix());
  }
  OSIEDLE_RETURN_IF_ERROR(pre);

  user.email = *email;
  user.first_name = *first;
  user.last_name = *last;
  user.phone = *phone;
  user.lang = NormalizeLang(in.lang);
  user.status = UserStatus::kPending;
  user.created_at = clock_.NowUnix();
  user.consents_version = in.consents_version;
  user.consents_at = user.created_at;
  user.password_hash = options_.hasher.hash(in.password);  // outside the transaction: Update may retry

  auto r = store_.env().Update([&](storage::WriteTxn& t) -> Result<RegistrationReceipt> {
    User u = user;
    if (!store_.InsertUser(t, &u)) return MakeError("email_taken", "email");
    RegistrationReceipt receipt;
    OSIEDLE_RETURN_IF_ERROR(CreateClaim(t, u, in.building_id, in.flat_number, *proof, actor, &receipt));
    return receipt;
  });
  if (r.ok()) outbox_.Notify();
  return r;
}

Result<RegistrationReceipt> Service::AddFlat(uint64_t user_id, uint64_t building_id, std::string_view flat_number,
                                             std::string_view kw_number, const Actor& actor) {
  auto kw = kw::Normalize(kw_number);
  if (!kw.ok()) return MakeError(kw.error().code, "kw_number", kw.error().detail);
  Proof proof;
  proof.kw = std::move(*kw);
  auto r = store_.env().Update([&](storage::WriteTxn& t) -> Result<RegistrationReceipt> {
    auto user = store_.GetUser(t, user_id);
    if (!user) return MakeError("user_not_found");
    if (user->status != UserStatus::kActive) return MakeError("account_not_active");
    RegistrationReceipt receipt;
    OSIEDLE_RETURN_IF_ERROR(CreateClaim(t, *user, building_id, flat_number, proof, actor, &receipt));
    return receipt;
  });
  if (r.ok()) outbox_.Notify();
  return r;
}

RegistrationPage Service::ListRegistrations(RegistrationStatus status, size_t offset, size_t limit,
                                           bool oldest_first) const {
  limit = std::min<size_t>(limit, 500);
  return store_.env().View([&](const storage::ReadTxn& t) {
    RegistrationPage page;
    for (uint64_t id : store_.RegistrationIds(t, status, offset, limit, &page.total, oldest_first)) {
      RegistrationView v;
      auto reg = store_.GetRegistration(t, id);
      if (!reg) continue;
      v.registration = std::move(*reg);
      if (auto u = store_.GetUser(t, v.registration.user_id)) v.user = std::move(*u);
      if (auto f = store_.GetFlat(t, v.registration.flat_id)) v.flat = std::move(*f);
      if (auto b = store_.GetBuilding(t, v.flat.building_id)) v.building = std::move(*b);
      if (auto e = store_.GetEstate(t, v.building.estate_id)) v.estate_name = e->name;
      v.user.password_hash.clear();
      v.user.totp_secret.clear();
      page.items.push_back(std::move(v));
    }
    return page;
  });
}

Status Service::ApproveInTxn(storage::WriteTxn& t, Registration& reg, const Actor& actor) {
  if (reg.status != RegistrationStatus::kPending) return MakeError("registration_already_decided");
  auto user = store_.GetUser(t, reg.user_id);
  auto flat = store_.GetFlat(t, reg.flat_id);
  if (!user || !flat) return MakeError("registration_not_found");
  auto building = store_.GetBuilding(t, flat->building_id);
  if (!building) return MakeError("registration_not_found");

  RegistrationStatus old = reg.status;
  reg.status = RegistrationStatus::kApproved;
  reg.decided_at = clock_.NowUnix();
  reg.decided_by = actor.user_id;
  store_.UpdateRegistration(t, old, reg);
  store_.PutOwnership(t, {reg.user_id, reg.flat_id, OwnershipStatus::kVerified});
  if (user->status == UserStatus::kPending) {
    user->status = UserStatus::kActive;
    store_.PutUser(t, *user);
  }
  if (roles_.RolesOf(t, user->id).empty()) {
    OSIEDLE_RETURN_IF_ERROR(roles_.SetUserRoles(t, user->id, {roles::kResident}));
  }
  audit_.Append(t, Audit(actor, "registration.approve", "registration", reg.id, user->id, ProofDetail(reg)));
  if (user->status == UserStatus::kDeleted) return Ok{};
  std::string label = FlatLabel(*building, *flat, user->lang);
  return EnqueueStatus(outbox_.Enqueue(t, ApprovedMail(*user, label, options_.public_url)));
}

Status Service::Approve(uint64_t registration_id, const Actor& actor) {
  Status st = store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto reg = store_.GetRegistration(t, registration_id);
    if (!reg) return MakeError("registration_not_found");
    return ApproveInTxn(t, *reg, actor);
  });
  if (st.ok()) outbox_.Notify();
  return st;
}

Status Service::Reject(uint64_t registration_id, std::string_view reason_in, const Actor& actor) {
  if (!utf8::IsValid(reason_in)) return MakeError("utf8_invalid", "reason");
  std::string reason(utf8::Trim(reason_in));
  if (reason.empty()) return MakeError("field_required", "reason");
  if (utf8::Length(reason) > 500) return MakeError("field_too_long", "reason");
  Status st = store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto reg = store_.GetRegistration(t, registration_id);
    if (!reg) return MakeError("registration_not_found");
    if (reg->status != RegistrationStatus::kPending) return MakeError("registration_already_decided");
    auto user = store_.GetUser(t, reg->user_id);
    auto flat = store_.GetFlat(t, reg->flat_id);
    if (!user || !flat) return MakeError("registration_not_found");
    auto building = store_.GetBuilding(t, flat->building_id);
    if (!building) return MakeError("registration_not_found");
    reg->status = RegistrationStatus::kRejected;
    reg->decided_at = clock_.NowUnix();
    reg->decided_by = actor.user_id;
    reg->reject_reason = reason;
    store_.UpdateRegistration(t, RegistrationStatus::kPending, *reg);
    if (store_.GetOwnership(t, user->id, flat->id) == OwnershipStatus::kPending) {
      store_.PutOwnership(t, {user->id, flat->id, OwnershipStatus::kRejected});
    }
    audit_.Append(t, Audit(actor, "registration.reject", "registration", reg->id, user->id, reason));
    if (user->status == UserStatus::kDeleted) return Ok{};
    return EnqueueStatus(outbox_.Enqueue(t, RejectedMail(*user, FlatLabel(*building, *flat, user->lang), reason)));
  });
  if (st.ok()) outbox_.Notify();
  return st;
}

}  // namespace osiedle::identity
