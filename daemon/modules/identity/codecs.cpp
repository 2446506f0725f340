// Value codecs of the identity tables (version 1) and the canonical key forms.
// Fields are only ever appended: a decoder reads new fields only when the value has them.
#include <cctype>

#include "daemon/core/utf8.hpp"
#include "daemon/modules/identity/store.hpp"
#include "storage/codec.hpp"

namespace osiedle::identity {

namespace {
constexpr uint8_t kV1 = 1;

bool Done(const storage::Reader& r) { return r.ok() && r.version() == kV1; }
}  // namespace

std::string_view UserStatusName(UserStatus s) {
  switch (s) {
    case UserStatus::kPending:
      return "pending";
    case UserStatus::kActive:
      return "active";
    case UserStatus::kBlocked:
      return "blocked";
    case UserStatus::kDeleted:
      return "deleted";
  }
  return "unknown";
}

std::string_view OwnershipStatusName(OwnershipStatus s) {
  switch (s) {
    case OwnershipStatus::kPending:
      return "pending";
    case OwnershipStatus::kVerified:
      return "verified";
    case OwnershipStatus::kRejected:
      return "rejected";
  }
  return "unknown";
}

std::string_view RegistrationStatusName(RegistrationStatus s) {
  switch (s) {
    case RegistrationStatus::kPending:
      return "pending";
    case RegistrationStatus::kApproved:
      return "approved";
    case RegistrationStatus::kRejected:
      return "rejected";
  }
  return "unknown";
}

std::string_view ProofKindName(ProofKind p) {
  switch (p) {
    case ProofKind::kKw:
      return "kw";
    case ProofKind::kMemberNumber:
      return "member-number";
    case ProofKind::kLetterCode:
      return "letter-code";
  }
  return "unknown";
}

std::string CleanText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string NameKey(std::string_view s) { return utf8::Fold(CleanText(s)); }

std::string FlatKey(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string EncodeEstate(const Estate& e) { return storage::Writer(kV1).Str(e.name).Take(); }

bool DecodeEstate(uint64_t id, std::string_view v, Estate* out) {
  storage::Reader r(v);
  out->id = id;
  out->name = r.Str();
  return Done(r);
}

std::string EncodeBuilding(const Building& b) { return storage::Writer(kV1).U64(b.estate_id).Str(b.address).Take(); }

bool DecodeBuilding(uint64_t id, std::string_view v, Building* out) {
  storage::Reader r(v);
  out->id = id;
  out->estate_id = r.U64();
  out->address = r.Str();
  return Done(r);
}

std::string EncodeFlat(const Flat& f) {
  return storage::Writer(kV1)
      .U64(f.building_id)
      .Str(f.staircase)
      .Str(f.number)
      .Double(f.area_m2)
      .Str(f.kw_number)
      .Str(f.member_number)
      .Take();
}

bool DecodeFlat(uint64_t id, std::string_view v, Flat* out) {
  storage::Reader r(v);
  out->id = id;
  out->building_id = r.U64();
  out->staircase = r.Str();
  out->number = r.Str();
  out->area_m2 = r.Double();
  out->kw_number = r.Str();
  out->member_number = r.Str();
  return Done(r);
}

std::string EncodeUser(const User& u) {
  storage::Writer w(kV1);
  w.Str(u.email).Str(u.first_name).Str(u.last_name).Str(u.phone).Str(u.password_hash);
  w.U8(static_cast<uint8_t>(u.status)).Str(u.lang).I64(u.created_at).I64(u.last_login_at).I64(u.last_seen_at);
  w.Str(u.totp_secret).Bool(u.totp_enabled).I64(u.totp_last_step).Bool(u.deletion_requested);
  w.Str(u.consents_version).I64(u.consents_at).I64(u.deletion_requested_at);
  return w.Take();
}

bool DecodeUser(uint64_t id, std::string_view v, User* out) {
  storage::Reader r(v);
  out->id = id;
  out->email = r.Str();
  out->first_name = r.Str();
  out->last_name = r.Str();
  out->phone = r.Str();
  out->password_hash = r.Str();
  uint8_t status = r.U8();
  out->status = status <= 3 ? static_cast<UserStatus>(status) : UserStatus::kBlocked;
  out->lang = r.Str();
  out->created_at = r.I64();
  out->last_login_at = r.I64();
  out->last_seen_at = r.I64();
  out->totp_secret = r.Str();
  out->totp_enabled = r.Bool();
  out->totp_last_step = r.I64();
  out->deletion_requested = r.Bool();
  out->consents_version = r.Str();
  out->consents_at = r.I64();
  out->deletion_requested_at = r.I64();
  return Done(r);
}

std::string EncodeRegistration(const Registration& x) {
  storage::Writer w(kV1);
  w.U64(x.user_id).U64(x.flat_id).Str(x.kw_number).Bool(x.kw_match).U8(static_cast<uint8_t>(x.status));
  w.Str(x.consents_version).I64(x.created_at).I64(x.decided_at).U64(x.decided_by).Str(x.reject_reason);
  w.U8(static_cast<uint8_t>(x.proof)).Str(x.member_number);  // appended fields (issue 5)
  return w.Take();
}

bool DecodeRegistration(uint64_t id, std::string_view v, Registration* out) {
  storage::Reader r(v);
  out->id = id;
  out->user_id = r.U64();
  out->flat_id = r.U64();
  out->kw_number = r.Str();
  out->kw_match = r.Bool();
  uint8_t status = r.U8();
  out->status = status <= 2 ? static_cast<RegistrationStatus>(status) : RegistrationStatus::kRejected;
  out->consents_version = r.Str();
  out->created_at = r.I64();
  out->decided_at = r.I64();
  out->decided_by = r.U64();
  out->reject_reason = r.Str();
  out->proof = ProofKind::kKw;
  out->member_number.clear();
  if (r.ok() && !r.AtEnd()) {  // values written before issue 5 end here
    uint8_t proof = r.U8();
    out->proof = proof <= 2 ? static_cast<ProofKind>(proof) : ProofKind::kKw;
    out->member_number = r.Str();
  }
  return Done(r);
}

std::string EncodeSession(const Session& s) {
  storage::Writer w(kV1);
  w.U64(s.user_id).Str(s.token_hash).Str(s.csrf_token).I64(s.created_at).I64(s.last_seen_at);
  w.Str(s.ip).Str(s.user_agent);
  return w.Take();
}

bool DecodeSession(uint64_t id, std::string_view v, Session* out) {
  storage::Reader r(v);
  out->id = id;
  out->user_id = r.U64();
  out->token_hash = r.Str();
  out->csrf_token = r.Str();
  out->created_at = r.I64();
  out->last_seen_at = r.I64();
  out->ip = r.Str();
  out->user_agent = r.Str();
  return Done(r);
}

std::string EncodeResetToken(const ResetToken& t) {
  return storage::Writer(kV1).U64(t.user_id).I64(t.created_at).I64(t.expires_at).U64(t.issued_by).Take();
}

bool DecodeResetToken(std::string_view v, ResetToken* out) {
  storage::Reader r(v);
  out->user_id = r.U64();
  out->created_at = r.I64();
  out->expires_at = r.I64();
  out->issued_by = r.U64();
  return Done(r);
}

}  // namespace osiedle::identity
