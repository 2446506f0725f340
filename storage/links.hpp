#pragma once
// Many-to-many links stored as two key-only tables: `forward` holds (a, b) and `backward` the
// mirror (b, a), both as two big-endian u64 with an empty value, so either side lists in one scan.
// Used by roles (user ↔ role, user ↔ department) and groups (group ↔ static member).
#include <cstdint>
#include <string>
#include <vector>

#include "storage/codec.hpp"
#include "storage/env.hpp"

namespace osiedle::storage {

// The b of every (a, b) key in `t`, ascending.
inline std::vector<uint64_t> LinkedTo(const ReadTxn& txn, const Table& t, uint64_t a) {
  std::vector<uint64_t> out;
  txn.Scan(t, Key().U64(a).Build(), [&](std::string_view k, std::string_view) {
    if (k.size() == 16) out.push_back(GetU64BE(k.substr(8)));
    return true;
  });
  return out;
}

// Replaces the links of `a` in `forward` with `bs` and keeps `backward` the exact mirror.
inline void ReplaceLinks(WriteTxn& txn, const Table& forward, const Table& backward, uint64_t a,
                         const std::vector<uint64_t>& bs) {
  for (uint64_t old : LinkedTo(txn, forward, a)) txn.Del(backward, Key().U64(old).U64(a).Build());
  txn.DelPrefix(forward, Key().U64(a).Build());
  for (uint64_t b : bs) {
    txn.Put(forward, Key().U64(a).U64(b).Build(), {});
    txn.Put(backward, Key().U64(b).U64(a).Build(), {});
  }
}

}  // namespace osiedle::storage
