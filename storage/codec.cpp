#include "storage/codec.hpp"

#include <cstring>

namespace osiedle::storage {

void PutU64BE(std::string& out, uint64_t v) {
  char b[8];
  for (int i = 7; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out.append(b, 8);
}

void PutU32BE(std::string& out, uint32_t v) {
  char b[4];
  for (int i = 3; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out.append(b, 4);
}

uint64_t GetU64BE(std::string_view in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

uint32_t GetU32BE(std::string_view in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

std::optional<uint64_t> KeyReader::U64() {
  if (k_.size() < 8) return std::nullopt;
  uint64_t v = GetU64BE(k_);
  k_.remove_prefix(8);
  return v;
}

std::optional<uint32_t> KeyReader::U32() {
  if (k_.size() < 4) return std::nullopt;
  uint32_t v = GetU32BE(k_);
  k_.remove_prefix(4);
  return v;
}

std::optional<std::string> KeyReader::Str() {
  auto end = k_.find('\0');
  if (end == std::string_view::npos) return std::nullopt;
  std::string s(k_.substr(0, end));
  k_.remove_prefix(end + 1);
  return s;
}

Writer& Writer::U64(uint64_t v) {
  while (v >= 0x80) {
    s_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  s_.push_back(static_cast<char>(v));
  return *this;
}

Writer& Writer::I64(int64_t v) {
  return U64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

Writer& Writer::Str(std::string_view v) {
  U64(v.size());
  s_.append(v);
  return *this;
}

Writer& Writer::Double(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  PutU64BE(s_, bits);
  return *this;
}

Writer& Writer::U64List(const std::vector<uint64_t>& v) {
  U64(v.size());
  for (auto x : v) U64(x);
  return *this;
}

Writer& Writer::StrList(const std::vector<std::string>& v) {
  U64(v.size());
  for (const auto& x : v) Str(x);
  return *this;
}

Reader::Reader(std::string_view v) : p_(v) {
  if (p_.empty()) {
    ok_ = false;
  } else {
    version_ = static_cast<uint8_t>(p_[0]);
    p_.remove_prefix(1);
  }
}

uint64_t Reader::U64() {
  uint64_t v = 0;
  for (int shift = 0; shift <= 63; shift += 7) {
    if (p_.empty()) break;
    auto b = static_cast<uint8_t>(p_[0]);
    p_.remove_prefix(1);
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return ok_ ? v : 0;
  }
  ok_ = false;
  return 0;
}

int64_t Reader::I64() {
  uint64_t u = U64();
  return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

uint8_t Reader::U8() {
  if (!ok_ || p_.empty()) {
    ok_ = false;
    return 0;
  }
  auto b = static_cast<uint8_t>(p_[0]);
  p_.remove_prefix(1);
  return b;
}

std::string Reader::Str() {
  uint64_t n = U64();
  if (!ok_ || n > p_.size()) {
    ok_ = false;
    return {};
  }
  std::string s(p_.substr(0, n));
  p_.remove_prefix(n);
  return s;
}

double Reader::Double() {
  if (!ok_ || p_.size() < 8) {
    ok_ = false;
    return 0;
  }
  uint64_t bits = GetU64BE(p_);
  p_.remove_prefix(8);
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::vector<uint64_t> Reader::U64List() {
  uint64_t n = U64();
  std::vector<uint64_t> v;
  if (!ok_ || n > p_.size()) {  // each element takes at least one byte
    ok_ = false;
    return v;
  }
  v.reserve(n);
  for (uint64_t i = 0; i < n && ok_; ++i) v.push_back(U64());
  return v;
}

std::vector<std::string> Reader::StrList() {
  uint64_t n = U64();
  std::vector<std::string> v;
  if (!ok_ || n > p_.size()) {
    ok_ = false;
    return v;
  }
  v.reserve(n);
  for (uint64_t i = 0; i < n && ok_; ++i) v.push_back(Str());
  return v;
}

}  // namespace osiedle::storage
