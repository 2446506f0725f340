#include "daemon/core/crypto.hpp"

#include <mbedtls/md.h>
#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "daemon/core/uri.hpp"

namespace osiedle::crypto {
namespace {

// sodium_init() is idempotent and thread-safe; calling it lazily means a forgotten InitCrypto()
// cannot leave the generator unseeded.
bool EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

// Bounds concurrent argon2id hashes (64 MiB each). A mutex + condition variable rather than
// std::counting_semaphore because the bound is set at run time.
class HashGate {
 public:
  void SetMax(int n) {
    std::lock_guard lock(mu_);
    max_ = std::max(1, n);
    cv_.notify_all();
  }
  void Enter() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return active_ < max_; });
    ++active_;
    peak_ = std::max(peak_, active_);
  }
  void Leave() {
    std::lock_guard lock(mu_);
    --active_;
    cv_.notify_one();
  }
  int Peak() {
    std::lock_guard lock(mu_);
    return peak_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int max_ = 2;
  int active_ = 0;
  int peak_ = 0;
};

HashGate& Gate() {
  static HashGate gate;
  return gate;
}

struct GateGuard {
  GateGuard() { Gate().Enter(); }
  ~GateGuard() { Gate().Leave(); }
};

const unsigned char* U(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

}  // namespace

bool InitCrypto() { return EnsureSodium(); }

std::string RandomBytes(size_t n) {
  EnsureSodium();
  std::string out(n, '\0');
  if (n > 0) randombytes_buf(out.data(), n);
  return out;
}

std::string RandomToken(size_t bytes) {
  std::string raw = RandomBytes(bytes);
  std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), U(raw), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string Sha256(std::string_view data) {
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()), U(data), data.size());
  return out;
}

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

std::string HexEncode(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // The length is not secret (tokens and codes have fixed lengths); the content is.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void SetMaxConcurrentPasswordHashes(int max_concurrent) { Gate().SetMax(max_concurrent); }

int PeakConcurrentPasswordHashes() { return Gate().Peak(); }

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  GateGuard guard;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return {};
  }
  return out;
}

bool VerifyPassword(std::string_view password, const std::string& stored_hash) {
  EnsureSodium();
  // libsodium reads the stored hash as a C string of at most STRBYTES-1 characters.
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES ||
      stored_hash.find('\0') != std::string::npos) {
    return false;
  }
  GateGuard guard;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string HmacSha1(std::string_view key, std::string_view message) {
  unsigned char out[20];
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA1);
  if (info == nullptr || mbedtls_md_hmac(info, U(key), key.size(), U(message), message.size(), out) != 0) {
    return {};
  }
  return std::string(reinterpret_cast<char*>(out), sizeof out);
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

Result<std::string> Base32Decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '=' || ch == '-') continue;
    int v;
    if (ch >= 'A' && ch <= 'Z')
      v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z')
      v = ch - 'a';
    else if (ch >= '2' && ch <= '7')
      v = ch - '2' + 26;
    else
      return MakeError("field_invalid", "secret", "not base32");
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::string TotpCode(std::string_view secret, int64_t unix_time, int digits) {
  digits = std::clamp(digits, 1, 9);
  uint64_t step = static_cast<uint64_t>(std::max<int64_t>(unix_time, 0) / 30);
  char counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<char>(step & 0xff);
    step >>= 8;
  }
  std::string mac = HmacSha1(secret, std::string_view(counter, 8));
  if (mac.size() != 20) return {};
  // RFC 4226 dynamic truncation.
  int offset = static_cast<unsigned char>(mac[19]) & 0x0f;
  uint32_t bin = (static_cast<uint32_t>(static_cast<unsigned char>(mac[offset]) & 0x7f) << 24) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(mac[offset + 1])) << 16) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(mac[offset + 2])) << 8) |
                 static_cast<uint32_t>(static_cast<unsigned char>(mac[offset + 3]));
  uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(digits - code.size(), '0') + code;
}

bool VerifyTotp(std::string_view secret, std::string_view code, int64_t unix_time, int64_t* step) {
  if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  bool matched = false;
  int64_t matched_step = 0;
  // Check every candidate (no early exit) so timing does not tell which window matched.
  for (int64_t d = -1; d <= 1; ++d) {
    int64_t t = unix_time + d * 30;
    if (ConstantTimeEquals(TotpCode(secret, t), code) && !matched) {
      matched = true;
      matched_step = t / 30;
    }
  }
  if (matched && step != nullptr) *step = matched_step;
  return matched;
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  std::string enc_issuer = uri::PercentEncode(issuer, "@");
  return "otpauth://totp/" + enc_issuer + ":" + uri::PercentEncode(account, "@") + "?secret=" + Base32Encode(secret) +
         "&issuer=" + enc_issuer + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace osiedle::crypto
