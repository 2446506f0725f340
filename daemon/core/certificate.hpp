#pragma once
// Self-signed TLS certificates for a box on a LAN name (mbedTLS), written as the PEM pair osiedled
// serves (tls-cert / tls-key), and the SHA-256 fingerprint an installer compares in the browser.
#include <string>
#include <string_view>

#include "daemon/core/result.hpp"

namespace osiedle::certificate {

// Longest validity MakeSelfSigned accepts: Apple platforms refuse TLS server certificates valid for
// more than 825 days, even ones the user installed as trusted.
inline constexpr int kMaxDays = 825;

struct Pair {
  std::string cert_pem;  // one "CERTIFICATE" block
  std::string key_pem;   // "EC PRIVATE KEY" (SEC1), P-256
};

// True for a host name a certificate can carry as a DNS subjectAltName: RFC 1123 labels (letters,
// digits, '-', not at either end, 1..63 characters), at most 253 characters, at least two labels
// ("osiedle.lan", "osiedle.local", "portal.example.pl"; a bare "osiedle" is refused: browsers treat
// single-label names as search terms), no trailing dot, no wildcard, and a last label that is not all
// digits (an IPv4 address is not a DNS name). Letters in either case; non-ASCII (IDN) names must be given
// in their xn-- form. Thread-safe.
bool IsValidDnsName(std::string_view name);

// A new ECDSA P-256 key and a self-signed X.509 v3 certificate for `dns_name` (lower-cased): CN and
// subjectAltName DNS = the name, random 128-bit serial, valid from now - 1 day for `days` days,
// basicConstraints CA:FALSE, keyUsage digitalSignature, extendedKeyUsage serverAuth, SHA-256 signature.
// Errors: dns_name_invalid (field "name"), certificate_days_invalid (field "days", outside 1..kMaxDays),
// certificate_failed (mbedTLS failed; detail says where). Thread-safe.
Result<Pair> MakeSelfSigned(std::string_view dns_name, int days);

// Writes both files, each atomically (temp file in the same directory, fsync, rename; missing directories
// are created): the key with mode 0600, the certificate 0644. The key is renamed into place first; if the
// certificate's rename then fails, the new key sits beside the old certificate, a pair osiedled refuses
// to load (it keeps serving the old one). Error: certificate_write_failed (detail: path and reason).
Status WritePair(const Pair& pair, const std::string& cert_path, const std::string& key_path);

// SHA-256 of the first certificate's DER in `cert_pem`, as upper-case hex pairs joined by ':'
// ("AB:CD:...", 95 characters), the form browsers show. Error: certificate_invalid. Thread-safe.
Result<std::string> Fingerprint(const std::string& cert_pem);

}  // namespace osiedle::certificate
