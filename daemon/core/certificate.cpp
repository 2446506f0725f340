#include "daemon/core/certificate.hpp"

// mbedTLS 2.28 (Debian 12) writes certificates with mbedtls_x509write_crt_*, but has no helper for
// subjectAltName or extendedKeyUsage: both extensions are DER-encoded here with mbedtls_asn1_write_*
// and added with mbedtls_x509write_crt_set_extension.
#include <fcntl.h>
#include <mbedtls/asn1write.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/x509_crt.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

#include "daemon/core/crypto.hpp"

namespace osiedle::certificate {
namespace {

bool IsLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Error MbedError(const char* where, int rc) {
  return MakeError("certificate_failed", "", std::string(where) + " (mbedTLS error " + std::to_string(rc) + ")");
}

// The seeded random generator every mbedTLS call here draws from.
class Random {
 public:
  Random() {
    mbedtls_entropy_init(&entropy_);
    mbedtls_ctr_drbg_init(&drbg_);
  }
  ~Random() {
    mbedtls_ctr_drbg_free(&drbg_);
    mbedtls_entropy_free(&entropy_);
  }
  Random(const Random&) = delete;
  Random& operator=(const Random&) = delete;

  int Seed() {
    static const unsigned char kPersonalisation[] = "osiedle-certificate";
    return mbedtls_ctr_drbg_seed(&drbg_, mbedtls_entropy_func, &entropy_, kPersonalisation, sizeof kPersonalisation);
  }
  mbedtls_ctr_drbg_context* drbg() { return &drbg_; }

 private:
  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context drbg_;
};

// "YYYYMMDDhhmmss" in UTC, the form mbedtls_x509write_crt_set_validity takes.
std::string X509Time(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

// Both helpers write DER backwards from the end of `buf` (the mbedtls_asn1_write_* convention) and return
// its length (*start points at it), or a negative mbedTLS error.
int SubjectAltNameDer(const std::string& dns_name, unsigned char* buf, size_t size, unsigned char** start) {
  unsigned char* p = buf + size;
  size_t len = 0;
  int ret = 0;  // MBEDTLS_ASN1_CHK_ADD stores each call's result here and returns it if negative
  const auto* name = reinterpret_cast<const unsigned char*>(dns_name.data());
  MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_raw_buffer(&p, buf, name, dns_name.size()));
  MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(&p, buf, dns_name.size()));
  MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2));  // dNSName [2]
  MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(&p, buf, len));
  MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
  *start = p;
  return static_cast<int>(len);
}

int ServerAuthDer(unsigned char* buf, size_t size, unsigned char** start) {
  unsigned char* p = buf + size;
  size_t len = 0;
  int ret = 0;  // MBEDTLS_ASN1_CHK_ADD stores each call's result here and returns it if negative
  MBEDTLS_ASN1_CHK_ADD(
      len, mbedtls_asn1_write_oid(&p, buf, MBEDTLS_OID_SERVER_AUTH, MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)));
  MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(&p, buf, len));
  MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
  *start = p;
  return static_cast<int>(len);
}

// Everything of the certificate but the keys: names, serial, validity and extensions.
Status DescribeCertificate(mbedtls_x509write_cert* crt, const std::string& name, int days, Random& random) {
  std::string dn = "CN=" + name;  // IsValidDnsName leaves no ',' '=' or '\' to escape
  if (int rc = mbedtls_x509write_crt_set_subject_name(crt, dn.c_str()); rc != 0) return MbedError("subject", rc);
  if (int rc = mbedtls_x509write_crt_set_issuer_name(crt, dn.c_str()); rc != 0) return MbedError("issuer", rc);

  unsigned char serial_bytes[16];
  if (int rc = mbedtls_ctr_drbg_random(random.drbg(), serial_bytes, sizeof serial_bytes); rc != 0) {
    return MbedError("serial", rc);
  }
  serial_bytes[0] = static_cast<unsigned char>((serial_bytes[0] & 0x7f) | 0x40);  // positive, full 16 bytes
  mbedtls_mpi serial;
  mbedtls_mpi_init(&serial);
  int rc = mbedtls_mpi_read_binary(&serial, serial_bytes, sizeof serial_bytes);
  if (rc == 0) rc = mbedtls_x509write_crt_set_serial(crt, &serial);
  mbedtls_mpi_free(&serial);
  if (rc != 0) return MbedError("serial", rc);

  std::time_t from = std::time(nullptr) - 86400;  // a day of slack for clients whose clock runs late
  std::time_t until = from + static_cast<std::time_t>(days) * 86400;
  if (int r = mbedtls_x509write_crt_set_validity(crt, X509Time(from).c_str(), X509Time(until).c_str()); r != 0) {
    return MbedError("validity", r);
  }
  if (int r = mbedtls_x509write_crt_set_basic_constraints(crt, 0, -1); r != 0) return MbedError("basic", r);
  if (int r = mbedtls_x509write_crt_set_key_usage(crt, MBEDTLS_X509_KU_DIGITAL_SIGNATURE); r != 0) {
    return MbedError("key_usage", r);
  }
  if (int r = mbedtls_x509write_crt_set_subject_key_identifier(crt); r != 0) return MbedError("ski", r);
  if (int r = mbedtls_x509write_crt_set_authority_key_identifier(crt); r != 0) return MbedError("aki", r);

  unsigned char buf[600];  // a name is at most 253 bytes
  unsigned char* der = nullptr;
  int len = SubjectAltNameDer(name, buf, sizeof buf, &der);
  if (len < 0) return MbedError("san", len);
  if (int r = mbedtls_x509write_crt_set_extension(crt, MBEDTLS_OID_SUBJECT_ALT_NAME,
                                                  MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME), 0, der, len);
      r != 0) {
    return MbedError("san", r);
  }
  len = ServerAuthDer(buf, sizeof buf, &der);
  if (len < 0) return MbedError("eku", len);
  if (int r = mbedtls_x509write_crt_set_extension(crt, MBEDTLS_OID_EXTENDED_KEY_USAGE,
                                                  MBEDTLS_OID_SIZE(MBEDTLS_OID_EXTENDED_KEY_USAGE), 0, der, len);
      r != 0) {
    return MbedError("eku", r);
  }
  return Ok{};
}

Result<Pair> Generate(const std::string& name, int days) {
  Random random;
  if (int rc = random.Seed(); rc != 0) return MbedError("seed", rc);
  mbedtls_pk_context key;
  mbedtls_pk_init(&key);
  mbedtls_x509write_cert crt;
  mbedtls_x509write_crt_init(&crt);
  struct Cleanup {
    mbedtls_pk_context* key;
    mbedtls_x509write_cert* crt;
    ~Cleanup() {
      mbedtls_x509write_crt_free(crt);
      mbedtls_pk_free(key);
    }
  } cleanup{&key, &crt};

  if (int rc = mbedtls_pk_setup(&key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)); rc != 0) {
    return MbedError("pk_setup", rc);
  }
  if (int rc =
          mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(key), mbedtls_ctr_drbg_random, random.drbg());
      rc != 0) {
    return MbedError("keygen", rc);
  }
  mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
  mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
  mbedtls_x509write_crt_set_subject_key(&crt, &key);
  mbedtls_x509write_crt_set_issuer_key(&crt, &key);
  OSIEDLE_RETURN_IF_ERROR(DescribeCertificate(&crt, name, days, random));

  std::vector<unsigned char> buf(4096);
  Pair pair;
  if (int rc = mbedtls_x509write_crt_pem(&crt, buf.data(), buf.size(), mbedtls_ctr_drbg_random, random.drbg());
      rc != 0) {
    return MbedError("write_crt", rc);
  }
  pair.cert_pem = reinterpret_cast<const char*>(buf.data());
  int rc = mbedtls_pk_write_key_pem(&key, buf.data(), buf.size());
  if (rc == 0) pair.key_pem = reinterpret_cast<const char*>(buf.data());
  mbedtls_platform_zeroize(buf.data(), buf.size());
  if (rc != 0) return MbedError("write_key", rc);
  return pair;
}

Error WriteError(const std::string& path, const char* what) {
  return MakeError("certificate_write_failed", "", path + ": " + what + ": " + std::strerror(errno));
}

// Writes `data` to a new temp file beside `path` with `mode`, fsynced; returns the temp path.
Result<std::string> WriteTemp(const std::string& path, const std::string& data, mode_t mode) {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string tmp = path + ".tmp-XXXXXX";
  int fd = mkstemp(tmp.data());  // mode 0600 from the start, so the key is never readable by others
  if (fd < 0) return WriteError(path, "create");
  bool ok = fchmod(fd, mode) == 0;
  for (size_t done = 0; ok && done < data.size();) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && fsync(fd) == 0;
  int saved = errno;
  ok = close(fd) == 0 && ok;
  if (!ok) {
    errno = saved;
    Error e = WriteError(path, "write");
    unlink(tmp.c_str());
    return e;
  }
  return tmp;
}

void SyncDirectory(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  int fd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

}  // namespace

bool IsValidDnsName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  size_t labels = 0;
  std::string_view last;
  size_t start = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    std::string_view label = name.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!IsLabelChar(c)) return false;
    }
    ++labels;
    last = label;
    start = dot + 1;
  }
  bool numeric_tld = last.find_first_not_of("0123456789") == std::string_view::npos;
  return labels >= 2 && !numeric_tld;
}

Result<Pair> MakeSelfSigned(std::string_view dns_name, int days) {
  if (!IsValidDnsName(dns_name)) return MakeError("dns_name_invalid", "name");
  if (days < 1 || days > kMaxDays) return MakeError("certificate_days_invalid", "days");
  return Generate(Lower(dns_name), days);
}

Status WritePair(const Pair& pair, const std::string& cert_path, const std::string& key_path) {
  auto key_tmp = WriteTemp(key_path, pair.key_pem, 0600);
  if (!key_tmp.ok()) return key_tmp.error();
  auto cert_tmp = WriteTemp(cert_path, pair.cert_pem, 0644);
  if (!cert_tmp.ok()) {
    unlink(key_tmp->c_str());
    return cert_tmp.error();
  }
  if (rename(key_tmp->c_str(), key_path.c_str()) != 0) {
    Error e = WriteError(key_path, "rename");
    unlink(key_tmp->c_str());
    unlink(cert_tmp->c_str());
    return e;
  }
  if (rename(cert_tmp->c_str(), cert_path.c_str()) != 0) {
    Error e = WriteError(cert_path, "rename");
    unlink(cert_tmp->c_str());
    return e;
  }
  SyncDirectory(key_path);
  SyncDirectory(cert_path);
  return Ok{};
}

Result<std::string> Fingerprint(const std::string& cert_pem) {
  mbedtls_x509_crt crt;
  mbedtls_x509_crt_init(&crt);
  // PEM input must include its terminating NUL in the length.
  int rc = mbedtls_x509_crt_parse(&crt, reinterpret_cast<const unsigned char*>(cert_pem.c_str()), cert_pem.size() + 1);
  if (rc < 0 || crt.raw.p == nullptr) {  // > 0 = some later blocks failed; the first one parsed
    mbedtls_x509_crt_free(&crt);
    return MakeError("certificate_invalid");
  }
  std::string digest = crypto::Sha256(std::string_view(reinterpret_cast<const char*>(crt.raw.p), crt.raw.len));
  mbedtls_x509_crt_free(&crt);
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : digest) {
    if (!out.empty()) out += ':';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace osiedle::certificate
