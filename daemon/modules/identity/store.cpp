// Store: users, ownerships, registrations, sessions and reset tokens.
#include "daemon/modules/identity/store.hpp"

#include "storage/codec.hpp"
#include "storage/links.hpp"

namespace osiedle::identity {

namespace {
std::string IdKey(uint64_t id) { return storage::Key().U64(id).Build(); }
std::optional<uint64_t> ReadId(const std::optional<std::string>& v) {
  if (!v || v->size() != 8) return std::nullopt;
  return storage::GetU64BE(*v);
}
std::string StatusKey(RegistrationStatus s) { return storage::Key().U32(static_cast<uint32_t>(s)).Build(); }
}  // namespace

std::optional<User> Store::GetUser(const storage::ReadTxn& t, uint64_t id) const {
  auto v = t.Get(users_, IdKey(id));
  User u;
  if (!v || !DecodeUser(id, *v, &u)) return std::nullopt;
  return u;
}

std::optional<User> Store::FindUserByEmail(const storage::ReadTxn& t, std::string_view email) const {
  if (email.empty() || email.find('\0') != std::string_view::npos) return std::nullopt;
  auto id = ReadId(t.Get(users_by_email_, storage::Key().Str(email).Build()));
  if (!id) return std::nullopt;
  return GetUser(t, *id);
}

bool Store::InsertUser(storage::WriteTxn& t, User* u) const {
  if (u->email.empty() || t.Contains(users_by_email_, storage::Key().Str(u->email).Build())) return false;
  u->id = t.NextId(users_);
  t.Put(users_by_email_, storage::Key().Str(u->email).Build(), IdKey(u->id));
  t.Put(users_, IdKey(u->id), EncodeUser(*u));
  return true;
}

void Store::PutUser(storage::WriteTxn& t, const User& u) const { t.Put(users_, IdKey(u.id), EncodeUser(u)); }

void Store::ForEachUser(const storage::ReadTxn& t, const std::function<bool(const User&)>& fn) const {
  t.Scan(users_, {}, [&](std::string_view k, std::string_view v) {
    User u;
    if (k.size() != 8 || !DecodeUser(storage::GetU64BE(k), v, &u)) return true;
    return fn(u);
  });
}

uint64_t Store::CountUsers(const storage::ReadTxn& t) const { return t.Count(users_); }

std::optional<OwnershipStatus> Store::GetOwnership(const storage::ReadTxn& t, uint64_t user_id,
                                                   uint64_t flat_id) const {
  auto v = t.Get(ownerships_, storage::Key().U64(user_id).U64(flat_id).Build());
  if (!v || v->size() != 2 || (*v)[0] != 1 || static_cast<uint8_t>((*v)[1]) > 2) return std::nullopt;
  return static_cast<OwnershipStatus>((*v)[1]);
}

void Store::PutOwnership(storage::WriteTxn& t, const Ownership& o) const {
  std::string v{static_cast<char>(1), static_cast<char>(o.status)};
  t.Put(ownerships_, storage::Key().U64(o.user_id).U64(o.flat_id).Build(), v);
  t.Put(ownerships_by_flat_, storage::Key().U64(o.flat_id).U64(o.user_id).Build(), "");
}

std::vector<Ownership> Store::OwnershipsOf(const storage::ReadTxn& t, uint64_t user_id) const {
  std::vector<Ownership> out;
  std::string prefix = IdKey(user_id);
  t.Scan(ownerships_, prefix, [&](std::string_view k, std::string_view v) {
    if (k.size() != 16 || v.size() != 2 || static_cast<uint8_t>(v[1]) > 2) return true;
    out.push_back({user_id, storage::GetU64BE(k.substr(8)), static_cast<OwnershipStatus>(v[1])});
    return true;
  });
  return out;
}

std::vector<Ownership> Store::OwnersOf(const storage::ReadTxn& t, uint64_t flat_id) const {
  std::vector<Ownership> out;
  for (uint64_t user : storage::LinkedTo(t, ownerships_by_flat_, flat_id)) {
    if (auto s = GetOwnership(t, user, flat_id)) out.push_back({user, flat_id, *s});
  }
  return out;
}

std::optional<Registration> Store::GetRegistration(const storage::ReadTxn& t, uint64_t id) const {
  auto v = t.Get(registrations_, IdKey(id));
  Registration r;
  if (!v || !DecodeRegistration(id, *v, &r)) return std::nullopt;
  return r;
}

void Store::InsertRegistration(storage::WriteTxn& t, Registration* r) const {
  r->id = t.NextId(registrations_);
  t.Put(registrations_, IdKey(r->id), EncodeRegistration(*r));
  t.Put(registrations_by_status_, storage::Key().Raw(StatusKey(r->status)).U64(r->id).Build(), "");
  t.Put(registrations_by_user_, storage::Key().U64(r->user_id).U64(r->id).Build(), "");
}

void Store::UpdateRegistration(storage::WriteTxn& t, RegistrationStatus old_status, const Registration& r) const {
  t.Put(registrations_, IdKey(r.id), EncodeRegistration(r));
  if (old_status != r.status) {
    t.Del(registrations_by_status_, storage::Key().Raw(StatusKey(old_status)).U64(r.id).Build());
    t.Put(registrations_by_status_, storage::Key().Raw(StatusKey(r.status)).U64(r.id).Build(), "");
  }
}

std::vector<uint64_t> Store::RegistrationIds(const storage::ReadTxn& t, RegistrationStatus status, size_t offset,
                                             size_t limit, uint64_t* total, bool oldest_first) const {
  std::vector<uint64_t> ids;
  uint64_t n = 0;
  std::string prefix = StatusKey(status);
  t.Scan(
      registrations_by_status_, prefix,
      [&](std::string_view k, std::string_view) {
        if (k.size() != prefix.size() + 8) return true;
        if (n >= offset && ids.size() < limit) ids.push_back(storage::GetU64BE(k.substr(prefix.size())));
        ++n;
        return true;
      },
      oldest_first ? storage::Direction::kForward : storage::Direction::kBackward);
  if (total) *total = n;
  return ids;
}

std::vector<Registration> Store::RegistrationsOf(const storage::ReadTxn& t, uint64_t user_id) const {
  std::vector<Registration> out;
  for (uint64_t id : storage::LinkedTo(t, registrations_by_user_, user_id)) {
    if (auto r = GetRegistration(t, id)) out.push_back(std::move(*r));
  }
  return out;
}

void Store::InsertSession(storage::WriteTxn& t, Session* s) const {
  s->id = t.NextId(sessions_);
  t.Put(sessions_, IdKey(s->id), EncodeSession(*s));
  t.Put(sessions_by_token_, storage::Key().Str(s->token_hash).Build(), IdKey(s->id));
  t.Put(sessions_by_user_, storage::Key().U64(s->user_id).U64(s->id).Build(), "");
}

void Store::PutSession(storage::WriteTxn& t, const Session& s) const {
  t.Put(sessions_, IdKey(s.id), EncodeSession(s));
}

std::optional<Session> Store::GetSession(const storage::ReadTxn& t, uint64_t id) const {
  auto v = t.Get(sessions_, IdKey(id));
  Session s;
  if (!v || !DecodeSession(id, *v, &s)) return std::nullopt;
  return s;
}

std::optional<Session> Store::FindSessionByTokenHash(const storage::ReadTxn& t, std::string_view token_hash) const {
  if (token_hash.empty() || token_hash.find('\0') != std::string_view::npos) return std::nullopt;
  auto id = ReadId(t.Get(sessions_by_token_, storage::Key().Str(token_hash).Build()));
  if (!id) return std::nullopt;
  return GetSession(t, *id);
}

std::vector<Session> Store::SessionsOf(const storage::ReadTxn& t, uint64_t user_id) const {
  std::vector<Session> out;
  for (uint64_t id : storage::LinkedTo(t, sessions_by_user_, user_id)) {
    if (auto s = GetSession(t, id)) out.push_back(std::move(*s));
  }
  return out;
}

void Store::DeleteSession(storage::WriteTxn& t, const Session& s) const {
  t.Del(sessions_, IdKey(s.id));
  t.Del(sessions_by_token_, storage::Key().Str(s.token_hash).Build());
  t.Del(sessions_by_user_, storage::Key().U64(s.user_id).U64(s.id).Build());
}

size_t Store::DeleteSessionsOf(storage::WriteTxn& t, uint64_t user_id, uint64_t keep_id) const {
  size_t n = 0;
  for (const Session& s : SessionsOf(t, user_id)) {
    if (s.id == keep_id) continue;
    DeleteSession(t, s);
    ++n;
  }
  return n;
}

void Store::PutResetToken(storage::WriteTxn& t, std::string_view token_hash, const ResetToken& r) const {
  t.Put(reset_tokens_, storage::Key().Str(token_hash).Build(), EncodeResetToken(r));
}

std::optional<ResetToken> Store::GetResetToken(const storage::ReadTxn& t, std::string_view token_hash) const {
  if (token_hash.empty() || token_hash.find('\0') != std::string_view::npos) return std::nullopt;
  auto v = t.Get(reset_tokens_, storage::Key().Str(token_hash).Build());
  ResetToken r;
  if (!v || !DecodeResetToken(*v, &r)) return std::nullopt;
  return r;
}

void Store::DeleteResetToken(storage::WriteTxn& t, std::string_view token_hash) const {
  t.Del(reset_tokens_, storage::Key().Str(token_hash).Build());
}

void Store::PurgeResetTokens(storage::WriteTxn& t, int64_t now, uint64_t user_id) const {
  std::vector<std::string> doomed;
  t.Scan(reset_tokens_, {}, [&](std::string_view k, std::string_view v) {
    ResetToken r;
    if (!DecodeResetToken(v, &r) || r.expires_at < now || (user_id != 0 && r.user_id == user_id)) {
      doomed.emplace_back(k);
    }
    return true;
  });
  for (const auto& k : doomed) t.Del(reset_tokens_, k);
}

}  // namespace osiedle::identity
