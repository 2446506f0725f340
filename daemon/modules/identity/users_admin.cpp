// Service: account administration (create admin, list, detail, block, roles) and RODO requests.
#include <algorithm>

#include "daemon/core/crypto.hpp"
#include "daemon/core/utf8.hpp"
#include "daemon/modules/identity/service.hpp"
#include "daemon/modules/identity/validation.hpp"

namespace osiedle::identity {

namespace {

bool Has(const std::vector<uint64_t>& v, uint64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Copy of a user safe to hand out of the service (no secrets).
User Redacted(User u) {
  u.password_hash.clear();
  u.totp_secret.clear();
  return u;
}

std::string JoinIds(const std::vector<uint64_t>& ids) {
  std::string s;
  for (uint64_t id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s;
}

}  // namespace

bool MayManage(const roles::Service& roles, const storage::ReadTxn& t, uint64_t actor_id, uint64_t target_id) {
  if (actor_id == 0) return true;  // the command line
  if (!Has(roles.RolesOf(t, target_id), roles::kAdministrator)) return true;
  return Has(roles.RolesOf(t, actor_id), roles::kAdministrator);
}

Result<User> Service::NewAdmin(std::string_view email_in, std::string_view first_name,
                              std::string_view last_name) const {
  auto first = NormalizeName(first_name, "first_name");
  if (!first.ok()) return first.error();
  auto last = NormalizeName(last_name, "last_name");
  if (!last.ok()) return last.error();
  auto email = NormalizeEmail(email_in);
  if (!email.ok()) return email.error();
  User user;
  user.email = *email;
  user.first_name = *first;
  user.last_name = *last;
  user.status = UserStatus::kActive;
  user.created_at = clock_.NowUnix();
  return user;
}

Result<User> Service::CreateAdmin(std::string_view email_in, std::string_view first_name, std::string_view last_name,
                                  std::string_view password) {
  auto user = NewAdmin(email_in, first_name, last_name);
  if (!user.ok()) return user.error();
  OSIEDLE_RETURN_IF_ERROR(CheckPassword(password, user->email));
  user->password_hash = options_.hasher.hash(password);
  return InsertAdmin(std::move(*user));
}

Result<User> Service::CreateAdminWithHash(std::string_view email_in, std::string_view first_name,
                                          std::string_view last_name, std::string_view password_hash,
                                          std::string_view totp_secret) {
  auto user = NewAdmin(email_in, first_name, last_name);
  if (!user.ok()) return user.error();
  // Only an argon2id hash in libsodium's string form is taken: anything else could never verify.
  if (password_hash.size() > 512 || password_hash.rfind("$argon2id$", 0) != 0)
    return MakeError("password_hash_invalid", "password_hash");
  user->password_hash = std::string(password_hash);
  if (!totp_secret.empty()) {
    auto raw = crypto::Base32Decode(totp_secret);
    if (!raw.ok() || raw->size() < 10 || raw->size() > 64) return MakeError("totp_secret_invalid", "totp_secret");
    user->totp_secret = *raw;
    user->totp_enabled = true;
  }
  return InsertAdmin(std::move(*user));
}

Result<User> Service::InsertAdmin(User user) {
  return store_.env().Update([&](storage::WriteTxn& t) -> Result<User> {
    User u = user;
    if (!store_.InsertUser(t, &u)) return MakeError("email_taken", "email");
    OSIEDLE_RETURN_IF_ERROR(roles_.SetUserRoles(t, u.id, {roles::kAdministrator}));
    audit_.Append(t, Audit(Actor{}, "user.create_admin", "user", u.id, u.id, u.email));
    return Redacted(u);
  });
}

UserPage Service::ListUsers(const UserQuery& q) const {
  std::string needle = utf8::Fold(CleanText(q.query));
  std::vector<uint64_t> ids = store_.env().View([&](const storage::ReadTxn& t) {
    std::vector<uint64_t> out;
    store_.ForEachUser(t, [&](const User& u) {
      if (q.status && u.status != *q.status) return true;
      if (!needle.empty()) {
        std::string hay =
            utf8::Fold(u.first_name + " " + u.last_name + " " + u.email + " " + u.last_name + " " + u.first_name);
        if (hay.find(needle) == std::string::npos) return true;
      }
      if (q.role && !Has(roles_.RolesOf(t, u.id), q.role)) return true;
      if (q.estate || q.building) {
        bool found = false;
        for (const Flat& f : VerifiedFlatsOf(t, u.id)) {
          if (q.building && f.building_id != q.building) continue;
          if (q.estate) {
            auto b = store_.GetBuilding(t, f.building_id);
            if (!b || b->estate_id != q.estate) continue;
          }
          found = true;
          break;
        }
        if (!found) return true;
      }
      out.push_back(u.id);
      return true;
    });
    return out;
  });
  if (q.group) {
    // Outside the read transaction: the groups module runs its own.
    std::erase_if(ids, [&](uint64_t id) { return !is_member_ || !is_member_(q.group, id); });
  }
  UserPage page;
  page.total = ids.size();
  size_t limit = std::min<size_t>(q.limit, 500);
  size_t from = std::min(q.offset, ids.size());
  size_t to = std::min(ids.size(), from + limit);
  store_.env().View([&](const storage::ReadTxn& t) {
    for (size_t i = from; i < to; ++i) {
      auto u = store_.GetUser(t, ids[i]);
      if (!u) continue;
      page.items.push_back({Redacted(std::move(*u)), roles_.RolesOf(t, ids[i])});
    }
  });
  return page;
}

std::vector<FlatView> Service::FlatViews(const storage::ReadTxn& t, uint64_t user_id) const {
  std::vector<FlatView> out;
  for (const Ownership& o : store_.OwnershipsOf(t, user_id)) {
    FlatView v;
    auto f = store_.GetFlat(t, o.flat_id);
    if (!f) continue;
    v.flat = std::move(*f);
    if (auto b = store_.GetBuilding(t, v.flat.building_id)) v.building = std::move(*b);
    if (auto e = store_.GetEstate(t, v.building.estate_id)) v.estate_name = e->name;
    v.status = o.status;
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<FlatView> Service::FlatsOf(uint64_t user_id) const {
  return store_.env().View([&](const storage::ReadTxn& t) { return FlatViews(t, user_id); });
}

Result<UserDetail> Service::GetUserDetail(uint64_t user_id, bool with_groups) const {
  auto d = store_.env().View([&](const storage::ReadTxn& t) -> Result<UserDetail> {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    UserDetail d;
    d.user = Redacted(std::move(*u));
    d.flats = FlatViews(t, user_id);
    d.roles = roles_.RolesOf(t, user_id);
    d.registrations = store_.RegistrationsOf(t, user_id);
    return d;
  });
  if (d.ok() && with_groups && groups_of_) d->groups = groups_of_(user_id);
  return d;
}

bool Service::IsLastActiveAdmin(const storage::ReadTxn& t, uint64_t user_id) const {
  for (uint64_t other : roles_.UsersWithRole(t, roles::kAdministrator)) {
    if (other == user_id) continue;
    auto u = store_.GetUser(t, other);
    if (u && u->status == UserStatus::kActive) return false;
  }
  auto self = store_.GetUser(t, user_id);
  return self && self->status == UserStatus::kActive && Has(roles_.RolesOf(t, user_id), roles::kAdministrator);
}

Status Service::Block(uint64_t user_id, const Actor& actor) {
  if (user_id == actor.user_id) return MakeError("cannot_block_self");
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    if (u->status == UserStatus::kDeleted) return MakeError("user_deleted");
    if (!MayManage(roles_, t, actor.user_id, user_id)) return MakeError("forbidden");
    if (IsLastActiveAdmin(t, user_id)) return MakeError("last_admin");
    u->status = UserStatus::kBlocked;
    store_.PutUser(t, *u);
    size_t ended = store_.DeleteSessionsOf(t, user_id);
    audit_.Append(t, Audit(actor, "user.block", "user", user_id, user_id, "sessions_ended=" + std::to_string(ended)));
    return Ok{};
  });
}

Status Service::Unblock(uint64_t user_id, const Actor& actor) {
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    if (u->status != UserStatus::kBlocked) return MakeError("user_not_blocked");
    if (!MayManage(roles_, t, actor.user_id, user_id)) return MakeError("forbidden");
    bool verified = !VerifiedFlatsOf(t, user_id).empty() || !roles_.RolesOf(t, user_id).empty();
    u->status = verified ? UserStatus::kActive : UserStatus::kPending;
    store_.PutUser(t, *u);
    audit_.Append(t, Audit(actor, "user.unblock", "user", user_id, user_id, std::string(UserStatusName(u->status))));
    return Ok{};
  });
}

Status Service::SetRoles(uint64_t user_id, const std::vector<uint64_t>& role_ids, const Actor& actor) {
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    if (!store_.GetUser(t, user_id)) return MakeError("user_not_found");
    if (!Has(role_ids, roles::kAdministrator) && IsLastActiveAdmin(t, user_id)) return MakeError("last_admin");
    OSIEDLE_RETURN_IF_ERROR(roles_.SetUserRoles(t, user_id, role_ids));
    audit_.Append(t, Audit(actor, "user.roles", "user", user_id, user_id, "roles=" + JoinIds(role_ids)));
    return Ok{};
  });
}

std::vector<audit::Entry> Service::Activity(uint64_t user_id, uint64_t before_id, size_t limit) const {
  audit::Filter f;
  f.subject_user_id = user_id;
  f.before_id = before_id;
  f.limit = std::min<size_t>(limit, 500);
  return audit_.List(f);
}

Result<UserExport> Service::ExportUserData(uint64_t user_id) const {
  auto x = store_.env().View([&](const storage::ReadTxn& t) -> Result<UserExport> {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    UserExport x;
    x.user = Redacted(std::move(*u));
    x.flats = FlatViews(t, user_id);
    x.registrations = store_.RegistrationsOf(t, user_id);
    x.sessions = store_.SessionsOf(t, user_id);
    for (Session& s : x.sessions) {
      s.token_hash.clear();
      s.csrf_token.clear();
    }
    x.roles = roles_.RolesOf(t, user_id);
    return x;
  });
  if (x.ok()) x->audit = Activity(user_id, 0, 500);
  return x;
}

Status Service::RequestDeletion(uint64_t user_id, const Actor& actor) {
  return store_.env().Update([&](storage::WriteTxn& t) -> Status {
    auto u = store_.GetUser(t, user_id);
    if (!u) return MakeError("user_not_found");
    if (u->deletion_requested) return Ok{};
    u->deletion_requested = true;
    u->deletion_requested_at = clock_.NowUnix();
    store_.PutUser(t, *u);
    audit_.Append(t, Audit(actor, "user.deletion_request", "user", user_id, user_id));
    return Ok{};
  });
}

Result<User> Service::UpdateProfile(uint64_t user_id, const ProfileUpdate& update, const Actor& actor) {
  User changes;
  if (update.first_name) {
    auto v = NormalizeName(*update.first_name, "first_name");
    if (!v.ok()) return v.error();
    changes.first_name = *v;
  }
  if (update.last_name) {
    auto v = NormalizeName(*update.last_name, "last_name");
    if (!v.ok()) return v.error();
    changes.last_name = *v;
  }
  if (update.phone) {
    auto v = NormalizePhone(*update.phone);
    if (!v.ok()) return v.error();
    changes.phone = *v;
  }
  return store_.env().Update([&](storage::WriteTxn& t) -> Result<User> {
    auto u = store_.GetUser(t, user_id);
    if (!u || u->status == UserStatus::kDeleted) return MakeError("user_not_found");
    if (update.first_name) u->first_name = changes.first_name;
    if (update.last_name) u->last_name = changes.last_name;
    if (update.phone) u->phone = changes.phone;
    if (update.lang) u->lang = NormalizeLang(*update.lang);
    store_.PutUser(t, *u);
    audit_.Append(t, Audit(actor, "user.profile_update", "user", user_id, user_id));
    return *u;
  });
}

}  // namespace osiedle::identity
