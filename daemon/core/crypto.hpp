#pragma once
// Cryptographic building blocks over libsodium (random, hashing, argon2id) and mbedTLS
// (HMAC-SHA1 for TOTP). Call InitCrypto() once at start-up before any other function.
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/core/result.hpp"

namespace osiedle::crypto {

// Initialises libsodium. Returns false if the system has no usable randomness. Thread-safe.
bool InitCrypto();

// `n` cryptographically random bytes.
std::string RandomBytes(size_t n);
// A random token of `bytes` bytes (default 256 bits) encoded base64url without padding.
std::string RandomToken(size_t bytes = 32);
// Lower-case hex SHA-256 of `data` (how tokens are stored: never the token itself).
std::string Sha256Hex(std::string_view data);
// Raw 32-byte SHA-256.
std::string Sha256(std::string_view data);
std::string HexEncode(std::string_view bytes);
// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// argon2id password hashing (libsodium crypto_pwhash_str, interactive limits: 64 MiB).
// At most `max_concurrent` hashes run at once process-wide; further callers wait, so a login
// flood cannot exhaust memory on a Pi. Thread-safe.
// The default bound is 2. HashPassword returns "" if libsodium fails (out of memory).
void SetMaxConcurrentPasswordHashes(int max_concurrent);
std::string HashPassword(std::string_view password);
// False for a wrong password and for a malformed stored hash.
bool VerifyPassword(std::string_view password, const std::string& stored_hash);
// The largest number of hashes seen running at once since start (for tests and /metrics).
int PeakConcurrentPasswordHashes();

// HMAC-SHA1 (RFC 2104) via mbedTLS.
std::string HmacSha1(std::string_view key, std::string_view message);

// RFC 4648 base32 (upper case, no padding on output; decoding ignores case, spaces and '=').
std::string Base32Encode(std::string_view bytes);
Result<std::string> Base32Decode(std::string_view text);

// RFC 6238 TOTP: 6 digits, 30 s step, HMAC-SHA1. `secret` is raw bytes. `digits` (1-9) exists
// so tests can check the RFC's 8-digit vectors; everything else uses 6.
std::string TotpCode(std::string_view secret, int64_t unix_time, int digits = 6);
// True if `code` matches the step at `unix_time` or one step either side. Returns the matched
// step in *step (so the caller can refuse a code that was already used).
bool VerifyTotp(std::string_view secret, std::string_view code, int64_t unix_time, int64_t* step = nullptr);
// otpauth://totp/<issuer>:<account>?secret=...&issuer=...
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace osiedle::crypto
