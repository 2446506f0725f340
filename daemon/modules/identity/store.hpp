#pragma once
// Typed access to the identity tables (layouts in storage/FORMAT.md, "identity.*").
// Every function runs inside the caller's transaction; nothing here starts one.
// Thread-safety: Store is immutable after construction; safe from many threads.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/modules/identity/model.hpp"
#include "storage/env.hpp"

namespace osiedle::identity {

// Canonical forms used for keys and comparisons.
// "  Lazurowa   12 " → "Lazurowa 12" (trimmed, inner white space collapsed).
std::string CleanText(std::string_view s);
// Case- and diacritics-insensitive key of an address or estate name ("Łąkowa 1" → "lakowa 1").
std::string NameKey(std::string_view s);
// Flat number key: trimmed, spaces removed, ASCII upper-cased ("12 a" → "12A").
std::string FlatKey(std::string_view s);

// Value codecs (version byte 1). Decode* return false on a short or corrupt value.
std::string EncodeEstate(const Estate& e);
bool DecodeEstate(uint64_t id, std::string_view v, Estate* out);
std::string EncodeBuilding(const Building& b);
bool DecodeBuilding(uint64_t id, std::string_view v, Building* out);
std::string EncodeFlat(const Flat& f);
bool DecodeFlat(uint64_t id, std::string_view v, Flat* out);
std::string EncodeUser(const User& u);
bool DecodeUser(uint64_t id, std::string_view v, User* out);
std::string EncodeRegistration(const Registration& r);
bool DecodeRegistration(uint64_t id, std::string_view v, Registration* out);
std::string EncodeSession(const Session& s);
bool DecodeSession(uint64_t id, std::string_view v, Session* out);
std::string EncodeResetToken(const ResetToken& t);
bool DecodeResetToken(std::string_view v, ResetToken* out);

class Store {
 public:
  // Opens every identity table. REQUIRES: called at start-up, before concurrent use.
  explicit Store(storage::Env& env);
  storage::Env& env() const { return env_; }

  // --- registry (registry_store.cpp) ---
  std::optional<Estate> GetEstate(const storage::ReadTxn& t, uint64_t id) const;
  std::vector<Estate> ListEstates(const storage::ReadTxn& t) const;
  std::optional<uint64_t> FindEstate(const storage::ReadTxn& t, std::string_view name) const;
  // REQUIRES: no estate with NameKey(name) exists.
  Estate CreateEstate(storage::WriteTxn& t, std::string_view name) const;

  std::optional<Building> GetBuilding(const storage::ReadTxn& t, uint64_t id) const;
  // estate_id 0 = every estate; ordered by estate, then address key.
  std::vector<Building> ListBuildings(const storage::ReadTxn& t, uint64_t estate_id) const;
  std::optional<uint64_t> FindBuilding(const storage::ReadTxn& t, uint64_t estate_id, std::string_view address) const;
  // The building with this address in any estate (the first by estate id), if any.
  std::optional<uint64_t> FindBuildingAnyEstate(const storage::ReadTxn& t, std::string_view address) const;
  // REQUIRES: no building with the address in the estate.
  Building CreateBuilding(storage::WriteTxn& t, uint64_t estate_id, std::string_view address) const;

  std::optional<Flat> GetFlat(const storage::ReadTxn& t, uint64_t id) const;
  std::optional<Flat> FindFlat(const storage::ReadTxn& t, uint64_t building_id, std::string_view number) const;
  // Flats of a building in FlatKey order.
  std::vector<Flat> ListFlats(const storage::ReadTxn& t, uint64_t building_id) const;
  uint64_t CountFlats(const storage::ReadTxn& t, uint64_t building_id) const;
  // Inserts (id 0: assigns f->id) or replaces. REQUIRES: building and number unchanged on replace.
  void PutFlat(storage::WriteTxn& t, Flat* f) const;

  // --- users, ownerships, registrations, sessions (store.cpp) ---
  std::optional<User> GetUser(const storage::ReadTxn& t, uint64_t id) const;
  std::optional<User> FindUserByEmail(const storage::ReadTxn& t, std::string_view email) const;
  // Assigns u->id; returns false (and writes nothing) if the email is taken.
  bool InsertUser(storage::WriteTxn& t, User* u) const;
  // Replaces an existing user. REQUIRES: email unchanged.
  void PutUser(storage::WriteTxn& t, const User& u) const;
  // Id order; fn returns false to stop.
  void ForEachUser(const storage::ReadTxn& t, const std::function<bool(const User&)>& fn) const;
  uint64_t CountUsers(const storage::ReadTxn& t) const;

  std::optional<OwnershipStatus> GetOwnership(const storage::ReadTxn& t, uint64_t user_id, uint64_t flat_id) const;
  void PutOwnership(storage::WriteTxn& t, const Ownership& o) const;
  std::vector<Ownership> OwnershipsOf(const storage::ReadTxn& t, uint64_t user_id) const;
  std::vector<Ownership> OwnersOf(const storage::ReadTxn& t, uint64_t flat_id) const;

  std::optional<Registration> GetRegistration(const storage::ReadTxn& t, uint64_t id) const;
  // Assigns r->id and writes the indexes.
  void InsertRegistration(storage::WriteTxn& t, Registration* r) const;
  // Replaces, moving the status index from `old_status`.
  void UpdateRegistration(storage::WriteTxn& t, RegistrationStatus old_status, const Registration& r) const;
  // Ids with `status`, newest first (oldest first if asked), from `offset`, at most `limit`;
  // *total = all with the status.
  std::vector<uint64_t> RegistrationIds(const storage::ReadTxn& t, RegistrationStatus status, size_t offset,
                                        size_t limit, uint64_t* total, bool oldest_first = false) const;
  std::vector<Registration> RegistrationsOf(const storage::ReadTxn& t, uint64_t user_id) const;

  void InsertSession(storage::WriteTxn& t, Session* s) const;
  void PutSession(storage::WriteTxn& t, const Session& s) const;
  std::optional<Session> GetSession(const storage::ReadTxn& t, uint64_t id) const;
  std::optional<Session> FindSessionByTokenHash(const storage::ReadTxn& t, std::string_view token_hash) const;
  std::vector<Session> SessionsOf(const storage::ReadTxn& t, uint64_t user_id) const;
  void DeleteSession(storage::WriteTxn& t, const Session& s) const;
  // Deletes every session of the user except `keep_id` (0 = none kept); returns how many.
  size_t DeleteSessionsOf(storage::WriteTxn& t, uint64_t user_id, uint64_t keep_id = 0) const;

  void PutResetToken(storage::WriteTxn& t, std::string_view token_hash, const ResetToken& r) const;
  std::optional<ResetToken> GetResetToken(const storage::ReadTxn& t, std::string_view token_hash) const;
  void DeleteResetToken(storage::WriteTxn& t, std::string_view token_hash) const;
  // Deletes tokens that expired before `now`, and every token of `user_id` if non-zero.
  void PurgeResetTokens(storage::WriteTxn& t, int64_t now, uint64_t user_id) const;

 private:
  storage::Env& env_;
  storage::Table estates_, estates_by_name_;
  storage::Table buildings_, buildings_by_address_;
  storage::Table flats_, flats_by_building_;
  storage::Table users_, users_by_email_;
  storage::Table ownerships_, ownerships_by_flat_;
  storage::Table registrations_, registrations_by_status_, registrations_by_user_;
  storage::Table sessions_, sessions_by_token_, sessions_by_user_;
  storage::Table reset_tokens_;
};

}  // namespace osiedle::identity
