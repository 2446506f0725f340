#pragma once
// Byte codecs for keys and values (after LevelDB's util/coding.h).
// Keys: integers big-endian so that byte order is numeric order; strings in keys are
// written with a 0x00 terminator so that prefixes do not collide.
// Values: the first byte is the codec version; then fields in a fixed order written with
// Writer and read back with Reader. Reader never reads past the end: a short or corrupt
// value makes ok() false instead of crashing.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace osiedle::storage {

// Appends `v` as 8 big-endian bytes.
void PutU64BE(std::string& out, uint64_t v);
void PutU32BE(std::string& out, uint32_t v);
// Decodes 8 big-endian bytes. REQUIRES: in.size() >= 8.
uint64_t GetU64BE(std::string_view in);
uint32_t GetU32BE(std::string_view in);

// Builds composite keys: Key().U64(building).Str(flat).Build().
class Key {
 public:
  Key& U64(uint64_t v) { PutU64BE(s_, v); return *this; }
  Key& U32(uint32_t v) { PutU32BE(s_, v); return *this; }
  // Appends the string and a 0x00 terminator (strings in keys must not contain NUL).
  Key& Str(std::string_view v) { s_.append(v); s_.push_back('\0'); return *this; }
  // Appends raw bytes with no terminator (use only as the last part of a key).
  Key& Raw(std::string_view v) { s_.append(v); return *this; }
  std::string Build() const { return s_; }
  operator std::string() const { return s_; }  // NOLINT(google-explicit-constructor)

 private:
  std::string s_;
};

// Splits a composite key back; mirrors Key. Each getter returns nullopt once the key is exhausted
// or malformed.
class KeyReader {
 public:
  explicit KeyReader(std::string_view k) : k_(k) {}
  std::optional<uint64_t> U64();
  std::optional<uint32_t> U32();
  std::optional<std::string> Str();
  std::string_view Rest() const { return k_; }

 private:
  std::string_view k_;
};

// Writes a value: Writer w(1); w.U64(id).Str(name).Bool(active); store w.data().
class Writer {
 public:
  explicit Writer(uint8_t version) { s_.push_back(static_cast<char>(version)); }
  Writer& U64(uint64_t v);      // varint
  Writer& I64(int64_t v);       // zig-zag varint
  Writer& U8(uint8_t v) { s_.push_back(static_cast<char>(v)); return *this; }
  Writer& Bool(bool v) { return U8(v ? 1 : 0); }
  Writer& Str(std::string_view v);  // varint length + bytes
  Writer& Double(double v);
  Writer& U64List(const std::vector<uint64_t>& v);
  Writer& StrList(const std::vector<std::string>& v);
  const std::string& data() const { return s_; }
  std::string Take() { return std::move(s_); }

 private:
  std::string s_;
};

// Reads a value written by Writer. version() is the first byte; a read past the end or a
// malformed varint sets ok() to false and returns zero values from then on.
class Reader {
 public:
  explicit Reader(std::string_view v);
  uint8_t version() const { return version_; }
  bool ok() const { return ok_; }
  bool AtEnd() const { return p_.empty(); }
  uint64_t U64();
  int64_t I64();
  uint8_t U8();
  bool Bool() { return U8() != 0; }
  std::string Str();
  double Double();
  std::vector<uint64_t> U64List();
  std::vector<std::string> StrList();

 private:
  std::string_view p_;
  uint8_t version_ = 0;
  bool ok_ = true;
};

}  // namespace osiedle::storage
